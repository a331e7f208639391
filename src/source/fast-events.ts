/**
 * A fast path for js-yaml's event parser, for the YAML that Kubernetes manifests are almost always
 * written in: block mappings and sequences indented with spaces, plain scalars (also over several
 * lines), quoted scalars, literal and folded block scalars, flow collections (also JSON documents),
 * comments, `---` between documents.
 *
 * fastEvents(text) returns exactly the events js-yaml's parseEvents returns for the same text (same
 * types, offsets, styles and flags: the tests compare them over the corpus and random inputs), or
 * undefined as soon as it meets anything else — anchors, aliases, tags, keys over several lines, tabs,
 * a lone `\r`, directives, explicit keys, odd indentation, or anything js-yaml might reject — and the
 * caller then asks js-yaml. It never accepts text js-yaml rejects, so syntax errors are always js-yaml's.
 */
import type { Event } from 'js-yaml';

const EV_DOCUMENT = 1, EV_SEQUENCE = 2, EV_MAPPING = 3, EV_SCALAR = 4, EV_POP = 6;
const PLAIN = 1, SINGLE_QUOTED = 2, DOUBLE_QUOTED = 3, LITERAL = 4, FOLDED = 5;
const BLOCK = 1, FLOW = 2;
const CLIP = 1, STRIP = 2, KEEP = 3;

const LF = 10, CR = 13, SPACE = 32, HASH = 35, DASH = 45, COLON = 58, DQUOTE = 34, SQUOTE = 39, BACKSLASH = 92;
const LBRACKET = 91, RBRACKET = 93, LBRACE = 123, RBRACE = 125, COMMA = 44, DOT = 46, PIPE = 124, GT = 62;

/**
 * Characters js-yaml rejects (its PATTERN_NON_PRINTABLE), and those this path leaves to it: tab, BOM,
 * surrogates, a CR that is not part of a CRLF line end.
 */
const UNHANDLED_CHARACTERS = /[\x00-\x09\x0B\x0C\x0E-\x1F\x7F-\x9F\uFEFF\uFFFE\uFFFF\uD800-\uDFFF]|\r(?!\n)/;

/** Deeper than this is left to js-yaml (its own limit is the caller's maxDepth). */
const MAX_DEPTH = 64;
/** js-yaml reads an implicit key of at most 1024 characters. */
const MAX_KEY_LENGTH = 1000;

/** A document event's directives (the fast path reads none). */
const NO_DIRECTIVES: never[] = [];

class Unhandled extends Error {}
const UNHANDLED = new Unhandled();

export function fastEvents(text: string): Event[] | undefined {
  const events: Event[] = [];
  return fastEventsInto(text, (ev) => events.push({ ...ev })) ? events : undefined;
}

/**
 * The same events handed to `sink` as they are read, so that none need be kept (a document of tens of
 * megabytes makes millions); false when the text is left to js-yaml, after any number of them. An event
 * is valid only during its sink call: the parser fills the same few objects again (one per kind of event).
 */
export function fastEventsInto(text: string, sink: (ev: Event) => void): boolean {
  if (UNHANDLED_CHARACTERS.test(text)) return false;
  try {
    new FastParser(text, sink).stream();
    return true;
  } catch (err) {
    if (err === UNHANDLED) return false;
    throw err;
  }
}

function bail(): never {
  throw UNHANDLED;
}

class FastParser {
  private pos = 0;
  private depth = 0;
  /** Set by quotedEnd: the quoted scalar had no escape. */
  private simple = true;
  /** column()'s last answer: the offset asked about and its column. */
  private columnAt = -1;
  private columnValue = 0;
  // The events, filled again for each one (the sink reads an event before the next is made).
  private readonly documentEvent = { type: EV_DOCUMENT, explicitStart: false, explicitEnd: false, directives: NO_DIRECTIVES };
  private readonly collectionEvent = { type: EV_MAPPING, start: 0, anchorStart: -1, anchorEnd: -1, tagStart: -1, tagEnd: -1, style: BLOCK };
  private readonly scalarEvent = { type: EV_SCALAR, valueStart: 0, valueEnd: 0, anchorStart: -1, anchorEnd: -1, tagStart: -1, tagEnd: -1, style: PLAIN, chomping: CLIP, indent: -1, fast: false };
  private readonly popEvent = { type: EV_POP };

  constructor(
    private readonly text: string,
    private readonly emit: (ev: Event) => void,
  ) {}

  stream(): void {
    const t = this.text;
    let first = true;
    for (;;) {
      this.skipBlankLines();
      if (this.pos >= t.length) break;
      let explicit = false;
      if (this.isMarker(this.pos, DASH)) {
        explicit = true;
        this.pos += 3;
        this.expectLineEnd();
        this.skipBlankLines();
      } else if (this.isMarker(this.pos, DOT) || t.charCodeAt(this.pos) === 37 /* % */ || !first) {
        bail();
      }
      first = false;
      this.documentEvent.explicitStart = explicit;
      this.emit(this.documentEvent as unknown as Event);
      if (this.pos >= t.length || this.isMarker(this.pos, DASH)) {
        this.emptyScalar();
      } else {
        const col = this.column(this.pos);
        this.blockNode(col, -1);
        this.skipBlankLines();
        if (this.pos < t.length && !this.isMarker(this.pos, DASH)) bail();
      }
      this.pop();
    }
  }

  /** `---` or `...` at `at` (a line start), followed by a space or the end of the line. */
  private isMarker(at: number, ch: number): boolean {
    const t = this.text;
    if (t.charCodeAt(at) !== ch || t.charCodeAt(at + 1) !== ch || t.charCodeAt(at + 2) !== ch) return false;
    if (at > 0 && t.charCodeAt(at - 1) !== LF) return false;
    const next = t.charCodeAt(at + 3);
    return Number.isNaN(next) || next === LF || next === CR || next === SPACE;
  }

  /**
   * The column of offset `at`. The last answer is kept (a line's first content character is asked about
   * by the node before it and the node at it), and skipBlankLines gives the answer for where it stops.
   */
  private column(at: number): number {
    if (at === this.columnAt) return this.columnValue;
    const value = at - (this.text.lastIndexOf('\n', at - 1) + 1);
    this.columnAt = at;
    this.columnValue = value;
    return value;
  }

  /**
   * From `p`: spaces, then a comment, a line break or the end of the text. The offset just past that
   * line's end, or -1 when anything else comes. After a node a comment needs a space before it.
   */
  private pastLineEnd(p: number, commentNeedsSpace: boolean): number {
    const t = this.text;
    const start = p;
    while (t.charCodeAt(p) === SPACE) p++;
    const c = t.charCodeAt(p);
    if (c === HASH && (!commentNeedsSpace || p > start)) {
      const nl = t.indexOf('\n', p);
      return nl < 0 ? t.length : nl + 1;
    }
    if (c === LF) return p + 1;
    if (c === CR) return p + 2; // CRLF (a lone CR is left to js-yaml)
    if (Number.isNaN(c)) return t.length;
    return -1;
  }

  /** Skip lines that hold only spaces or a comment; stop at the first character of the next content line. */
  private skipBlankLines(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const next = this.pastLineEnd(this.pos, false);
      if (next < 0) {
        const from = this.pos;
        let p = from;
        while (t.charCodeAt(p) === SPACE) p++;
        this.pos = p;
        if (from === 0 || t.charCodeAt(from - 1) === LF) {
          this.columnAt = p;
          this.columnValue = p - from;
        }
        return;
      }
      this.pos = next;
    }
  }

  /** After a node: spaces, an optional comment (after a space), the end of the line. */
  private expectLineEnd(): void {
    const next = this.pastLineEnd(this.pos, true);
    if (next < 0) bail();
    this.pos = next;
  }

  /** A block node starting at this.pos (a content line's first character, at column `col`), inside a parent of indent `parent`. */
  private blockNode(col: number, parent: number): void {
    if (col <= parent) bail();
    if (++this.depth > MAX_DEPTH) bail();
    const t = this.text;
    const c = t.charCodeAt(this.pos);
    if (c === DASH && this.isSpaceOrEnd(this.pos + 1)) this.blockSequence(col);
    else if (this.keyEnd(this.pos) >= 0) this.blockMapping(col);
    else if (parent < 0 && (c === LBRACKET || c === LBRACE)) {
      // A document that is one flow collection (a JSON file): its lines at least as indented as its start.
      this.pos = this.flowCollection(this.pos, 0, col);
      this.expectLineEnd();
    } else bail(); // a scalar document, or a value on the line below its key
    this.depth--;
  }

  private isSpaceOrEnd(at: number): boolean {
    const c = this.text.charCodeAt(at);
    return c === SPACE || c === LF || c === CR || Number.isNaN(c);
  }

  /**
   * If a mapping key starts at `at` — a plain scalar or a simple quoted one followed by `:` and a space
   * or the end of the line — the offset just past its `:`; else -1.
   */
  private keyEnd(at: number): number {
    const t = this.text;
    const c = t.charCodeAt(at);
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.quotedEnd(at);
      if (close < 0) return -1;
      let p = close + 1;
      while (t.charCodeAt(p) === SPACE) p++;
      return t.charCodeAt(p) === COLON && this.isSpaceOrEnd(p + 1) ? p + 1 : -1;
    }
    if (!this.plainStart(at, false)) return -1;
    for (let p = at; p < t.length && p - at <= MAX_KEY_LENGTH; p++) {
      const ch = t.charCodeAt(p);
      if (ch === LF || ch === CR) return -1;
      if (ch === COLON && this.isSpaceOrEnd(p + 1)) return p + 1;
      if (ch === HASH && t.charCodeAt(p - 1) === SPACE) return -1;
    }
    return -1;
  }

  /**
   * The offset of the closing quote of a quoted scalar at `at`, or -1 (an escape js-yaml would reject,
   * or a line break where `continuationIndent` is -1 or the next line is indented less than it).
   * `simple` says whether it had no escape and no line break (js-yaml's "fast" flag).
   */
  private quotedEnd(at: number, continuationIndent = -1): number {
    const t = this.text;
    const q = t.charCodeAt(at);
    this.simple = true;
    for (let p = at + 1; p < t.length; p++) {
      const ch = t.charCodeAt(p);
      if (ch === LF || ch === CR) {
        // Over several lines (a value only): js-yaml wants every further line indented at least as
        // the value's own content (readFlowScalarBreak).
        if (continuationIndent < 0) return -1;
        this.simple = false;
        let r = p + 1;
        while (isBlank(t.charCodeAt(r))) r++;
        if (r >= t.length || this.column(r) < continuationIndent) return -1;
        p = r - 1;
        continue;
      }
      if (q === DQUOTE && ch === BACKSLASH) {
        this.simple = false;
        const e = t.charCodeAt(p + 1);
        if (SIMPLE_ESCAPES.has(e)) {
          p++;
          continue;
        }
        const hex = e === 120 /* x */ ? 2 : e === 117 /* u */ ? 4 : e === 85 /* U */ ? 8 : 0;
        if (hex === 0) return -1;
        for (let k = 0; k < hex; k++) if (!isHexDigit(t.charCodeAt(p + 2 + k))) return -1;
        p += 1 + hex;
        continue;
      }
      if (ch === q) {
        if (q === SQUOTE && t.charCodeAt(p + 1) === SQUOTE) {
          this.simple = false; // '' stands for '
          p++;
          continue;
        }
        return p;
      }
    }
    return -1;
  }

  /** Whether a plain scalar may start at `at` (YAML's ns-plain-first, as far as this path goes). */
  private plainStart(at: number, flow: boolean): boolean {
    const c = this.text.charCodeAt(at);
    switch (c) {
      case DASH:
        return !this.isSpaceOrEnd(at + 1) && (!flow || !isFlowIndicator(this.text.charCodeAt(at + 1)));
      case 63: // ?
      case COLON:
      case COMMA:
      case LBRACKET:
      case RBRACKET:
      case LBRACE:
      case RBRACE:
      case HASH:
      case 38: // &
      case 42: // *
      case 33: // !
      case 124: // |
      case 62: // >
      case SQUOTE:
      case DQUOTE:
      case 37: // %
      case 64: // @
      case 96: // `
      case SPACE:
      case LF:
      case CR:
        return false;
      default:
        return !Number.isNaN(c);
    }
  }

  private blockMapping(col: number): void {
    const t = this.text;
    this.collection(EV_MAPPING, this.pos, BLOCK);
    for (;;) {
      // A key at this.pos.
      const afterColon = this.keyEnd(this.pos);
      if (afterColon < 0) bail();
      const c = t.charCodeAt(this.pos);
      if (c === DQUOTE || c === SQUOTE) this.quotedScalar(this.pos);
      else {
        let end = afterColon - 1;
        while (t.charCodeAt(end - 1) === SPACE) end--;
        this.scalar(this.pos, end, PLAIN);
      }
      this.pos = afterColon;
      this.mappingValue(col);
      // The next entry, or the end of the mapping (a sequence at the mapping's own indent ends it too).
      if (this.nextAt(col) !== 'entry') break;
    }
    this.pop();
  }

  /**
   * After an entry of a block collection whose entries are at column `col`: moves to the next content
   * line and says what it holds there — a sequence item (`- `), another entry, or 'end' (a line less
   * indented, a document marker, the end of the text). A line indented more is left to js-yaml.
   */
  private nextAt(col: number): 'item' | 'entry' | 'end' {
    const t = this.text;
    this.skipBlankLines();
    if (this.pos >= t.length) return 'end';
    const next = this.column(this.pos);
    if (next < col) return 'end';
    if (next > col) bail();
    if (col === 0 && (this.isMarker(this.pos, DASH) || this.isMarker(this.pos, DOT))) return 'end';
    return t.charCodeAt(this.pos) === DASH && this.isSpaceOrEnd(this.pos + 1) ? 'item' : 'entry';
  }

  /** The value after a key's `:` (this.pos just past it), for a mapping whose keys are at column `col`. */
  private mappingValue(col: number): void {
    const t = this.text;
    let p = this.pos;
    while (t.charCodeAt(p) === SPACE) p++;
    const c = t.charCodeAt(p);
    if (c === LF || c === CR || Number.isNaN(c) || (c === HASH && p > this.pos)) {
      // The value is on the lines below: a deeper block, a sequence at this indent, or nothing.
      this.expectLineEnd();
      this.skipBlankLines();
      if (this.pos >= t.length) return this.emptyScalar();
      const next = this.column(this.pos);
      if (next > col) return this.blockNode(next, col);
      if (next === col && t.charCodeAt(this.pos) === DASH && this.isSpaceOrEnd(this.pos + 1) && !(col === 0 && this.isMarker(this.pos, DASH))) {
        if (++this.depth > MAX_DEPTH) bail();
        this.blockSequence(col);
        this.depth--;
        return;
      }
      return this.emptyScalar();
    }
    if (p === this.pos) bail(); // `key:value` cannot happen here (keyEnd wants a space), but be safe
    this.pos = p;
    this.inlineValue(col);
  }

  /** A value that starts on the current line at this.pos and ends it: a scalar or a flow collection. */
  private inlineValue(parentIndent: number): void {
    const t = this.text;
    const c = t.charCodeAt(this.pos);
    if (c === LBRACKET || c === LBRACE) {
      this.pos = this.flowCollection(this.pos, 0, parentIndent + 1);
      this.expectLineEnd();
    } else if (c === DQUOTE || c === SQUOTE) {
      const close = this.quotedScalar(this.pos, parentIndent + 1);
      this.pos = close + 1;
      this.expectLineEnd();
    } else if (c === PIPE || c === GT) {
      this.blockScalar(parentIndent + 1);
    } else {
      if (!this.plainStart(this.pos, false)) bail();
      this.plainScalar(parentIndent);
    }
    // A deeper line next would continue the value (or be an error): js-yaml decides.
    const save = this.pos;
    this.skipBlankLines();
    if (this.pos < t.length && this.column(this.pos) > parentIndent) bail();
    this.pos = save;
  }

  /**
   * A plain scalar in block context at this.pos, as js-yaml reads one (readPlainScalar): it goes on
   * over the following lines indented past `parentIndent` (a multi-line scalar, as YAML dumpers fold
   * long descriptions), and ends at `: `, at a comment, or before a line that is not indented enough.
   * Leaves this.pos at the start of the line after it.
   */
  private plainScalar(parentIndent: number): void {
    const t = this.text;
    const start = this.pos;
    let p = start;
    let end = start;
    let multiline = false;
    for (;;) {
      let comment = false;
      for (; p < t.length; p++) {
        const ch = t.charCodeAt(p);
        if (ch === LF || ch === CR) break;
        if (ch === SPACE) continue;
        if (ch === HASH && t.charCodeAt(p - 1) === SPACE) {
          comment = true;
          break;
        }
        if (ch === COLON && this.isSpaceOrEnd(p + 1)) bail(); // `a: b: c`, or a key on a continuation line
        end = p + 1;
      }
      if (comment || p >= t.length) break;
      // At a line's end: js-yaml looks past blank lines for a continuation indented past the parent.
      let q = p;
      while (isBlank(t.charCodeAt(q))) q++;
      if (this.column(q) <= parentIndent) break;
      multiline = true; // (also for spaces before the end of the text: js-yaml measured their indent)
      if (q >= t.length || t.charCodeAt(q) === HASH) break; // a comment there ends the scalar
      p = q;
    }
    this.scalarWith(start, end, PLAIN, CLIP, -1, !multiline);
    this.pos = end;
    this.expectLineEnd();
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar at this.pos, as js-yaml reads one (readBlockScalar)
   * whose parent wants its content indented at least `minIndent`: the header (a chomping indicator,
   * no explicit indentation), then every line that is blank or indented as the first content line.
   * Leaves this.pos at the start of the first line after it.
   */
  private blockScalar(minIndent: number): void {
    const t = this.text;
    const style = t.charCodeAt(this.pos) === PIPE ? LITERAL : FOLDED;
    let p = this.pos + 1;
    let chomping = CLIP;
    const ind = t.charCodeAt(p);
    if (ind === 45 /* - */ || ind === 43 /* + */) {
      chomping = ind === 45 ? STRIP : KEEP;
      p++;
    }
    const next = this.pastLineEnd(p, true);
    if (next < 0) bail(); // an explicit indentation, or anything else on the header line
    const valueStart = next;
    let valueEnd = next;
    let contentIndent = -1;
    let maxLeadingIndent = 0;
    let line = next;
    while (line < t.length) {
      let column = 0;
      while (t.charCodeAt(line + column) === SPACE) column++;
      const first = t.charCodeAt(line + column);
      if (Number.isNaN(first)) {
        if (column > (contentIndent >= 0 ? contentIndent : 0)) valueEnd = line + column;
        break;
      }
      if (column === 0 && (this.isMarker(line, DASH) || this.isMarker(line, DOT))) break;
      if (first === LF || first === CR) {
        if (contentIndent === -1) maxLeadingIndent = Math.max(maxLeadingIndent, column);
      } else {
        if (contentIndent === -1) {
          if (column >= minIndent && column < maxLeadingIndent) bail(); // js-yaml: bad indentation
          if (column < minIndent) break;
          contentIndent = column;
        }
        if (column < contentIndent) break;
      }
      const nl = t.indexOf('\n', line + column);
      if (nl < 0) {
        valueEnd = line = t.length;
        break;
      }
      valueEnd = line = nl + 1;
    }
    this.scalarWith(valueStart, valueEnd, style, chomping, contentIndent, false);
    this.pos = line;
  }

  private blockSequence(col: number): void {
    const t = this.text;
    this.collection(EV_SEQUENCE, this.pos, BLOCK);
    for (;;) {
      // `-` at this.pos, column col.
      let p = this.pos + 1;
      while (t.charCodeAt(p) === SPACE) p++;
      const c = t.charCodeAt(p);
      if (c === LF || c === CR || Number.isNaN(c) || c === HASH) bail(); // an item on the lines below
      if (c === DASH && this.isSpaceOrEnd(p + 1)) bail(); // `- - a`
      this.pos = p;
      const itemCol = this.column(p);
      if (this.keyEnd(p) >= 0) {
        if (++this.depth > MAX_DEPTH) bail();
        this.blockMapping(itemCol);
        this.depth--;
      } else {
        this.inlineValue(col);
      }
      if (this.nextAt(col) !== 'item') break;
    }
    this.pop();
  }

  /**
   * A flow collection at `at`, perhaps over several lines (JSON), whose lines must be indented at least
   * `minIndent` (js-yaml's nodeIndent for it); returns the offset past its closing bracket.
   */
  private flowCollection(at: number, level: number, minIndent: number): number {
    if (level > MAX_DEPTH) bail();
    const t = this.text;
    const isMap = t.charCodeAt(at) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    this.collection(isMap ? EV_MAPPING : EV_SEQUENCE, at, FLOW);
    let p = this.skipFlowSpaces(at + 1, minIndent);
    if (t.charCodeAt(p) === close) {
      this.pop();
      return p + 1;
    }
    for (;;) {
      if (isMap) {
        const c = t.charCodeAt(p);
        const quoted = c === DQUOTE || c === SQUOTE;
        p = this.flowScalar(p, true, minIndent);
        while (t.charCodeAt(p) === SPACE) p++; // a key and its `:` on one line
        // After a quoted key `:` may touch the value (JSON); after a plain one it ended the key, so a space or an indicator follows.
        if (t.charCodeAt(p) !== COLON || (!quoted && t.charCodeAt(p + 1) !== SPACE)) bail();
        p = this.skipFlowSpaces(p + 1, minIndent);
        p = this.flowNode(p, level, minIndent);
      } else {
        p = this.flowNode(p, level, minIndent);
        if (t.charCodeAt(this.skipFlowSpaces(p, minIndent)) === COLON) bail(); // a single-pair mapping inside a sequence
      }
      p = this.skipFlowSpaces(p, minIndent);
      const c = t.charCodeAt(p);
      if (c === close) {
        this.pop();
        return p + 1;
      }
      if (c !== COMMA) bail();
      p = this.skipFlowSpaces(p + 1, minIndent);
      if (t.charCodeAt(p) === close || t.charCodeAt(p) === COMMA) bail(); // trailing or empty entries
    }
  }

  /**
   * Spaces, line breaks and comments between the tokens of a flow collection (js-yaml's
   * skipFlowSeparationSpace): the next token's line, when a line break came before it, must be
   * indented at least `minIndent`. The end of the text here means an unclosed collection.
   */
  private skipFlowSpaces(p: number, minIndent: number): number {
    const t = this.text;
    let crossed = false;
    for (;;) {
      while (t.charCodeAt(p) === SPACE) p++;
      const c = t.charCodeAt(p);
      if (c === HASH) {
        if (!isBlank(t.charCodeAt(p - 1))) bail();
        const nl = t.indexOf('\n', p);
        if (nl < 0) bail();
        p = nl + 1;
        crossed = true;
        continue;
      }
      if (c === LF || c === CR) {
        p += c === CR ? 2 : 1;
        crossed = true;
        continue;
      }
      if (Number.isNaN(c)) bail();
      if (crossed && this.column(p) < minIndent) bail(); // js-yaml: deficient indentation
      if (crossed && (this.isMarker(p, DASH) || this.isMarker(p, DOT))) bail(); // a document marker inside
      return p;
    }
  }

  private flowNode(p: number, level: number, minIndent: number): number {
    const c = this.text.charCodeAt(p);
    if (c === LBRACKET || c === LBRACE) return this.flowCollection(p, level + 1, minIndent);
    return this.flowScalar(p, false, minIndent);
  }

  /** A scalar inside a flow collection at `p`; returns the offset past it. */
  private flowScalar(p: number, key: boolean, minIndent: number): number {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.quotedScalar(p);
      return close + 1;
    }
    if (!this.plainStart(p, true)) bail();
    const start = p;
    let end = p;
    let fast = true;
    for (; p < t.length; p++) {
      const ch = t.charCodeAt(p);
      if (ch === LF || ch === CR) {
        // js-yaml looks past the line break: on a line indented at least minIndent the scalar could go
        // on (it is then flagged as not "fast"); it may only end there, at an indicator or a comment.
        let q = p;
        while (isBlank(t.charCodeAt(q))) q++;
        if (this.column(q) >= minIndent) {
          fast = false;
          const n = t.charCodeAt(q);
          const endsHere = isFlowIndicator(n) || n === HASH || (n === COLON && (isBlank(t.charCodeAt(q + 1)) || isFlowIndicator(t.charCodeAt(q + 1)) || Number.isNaN(t.charCodeAt(q + 1))));
          if (!endsHere || (this.column(q) === 0 && (this.isMarker(q, DASH) || this.isMarker(q, DOT)))) bail();
        }
        break;
      }
      if (ch === SPACE) continue;
      if (isFlowIndicator(ch)) break;
      if (ch === COLON) {
        const next = t.charCodeAt(p + 1);
        if (next === SPACE || isFlowIndicator(next) || next === LF || next === CR || Number.isNaN(next)) break;
      }
      if (ch === HASH && t.charCodeAt(p - 1) === SPACE) break;
      end = p + 1;
    }
    if (key && end - start > MAX_KEY_LENGTH) bail();
    this.scalar(start, end, PLAIN, fast);
    return end;
  }

  /** A quoted scalar at `at` (on one line, unless `continuationIndent` allows more); returns the offset of its closing quote. */
  private quotedScalar(at: number, continuationIndent = -1): number {
    const close = this.quotedEnd(at, continuationIndent);
    if (close < 0) bail();
    this.scalar(at + 1, close, this.text.charCodeAt(at) === DQUOTE ? DOUBLE_QUOTED : SINGLE_QUOTED, this.simple);
    return close;
  }

  private scalar(start: number, end: number, style: number, fast = true): void {
    this.scalarWith(start, end, style, CLIP, -1, fast);
  }

  private emptyScalar(): void {
    this.scalarWith(-1, -1, PLAIN, CLIP, -1, false);
  }

  private scalarWith(valueStart: number, valueEnd: number, style: number, chomping: number, indent: number, fast: boolean): void {
    const ev = this.scalarEvent;
    ev.valueStart = valueStart;
    ev.valueEnd = valueEnd;
    ev.style = style;
    ev.chomping = chomping;
    ev.indent = indent;
    ev.fast = fast;
    this.emit(ev as unknown as Event);
  }

  private collection(type: number, start: number, style: number): void {
    const ev = this.collectionEvent;
    ev.type = type;
    ev.start = start;
    ev.style = style;
    this.emit(ev as unknown as Event);
  }

  private pop(): void {
    this.emit(this.popEvent as unknown as Event);
  }
}

/** The one-character escapes of double-quoted scalars (js-yaml's isSimpleEscape, less the tab: tabs are left to js-yaml). */
const SIMPLE_ESCAPES = new Set([48, 97, 98, 116, 110, 118, 102, 114, 101, 32, 34, 47, 92, 78, 95, 76, 80]);

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** A space or a line break character. */
function isBlank(c: number): boolean {
  return c === SPACE || c === LF || c === CR;
}

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
}
