/**
 * Word wrapping exactly as `kubectl explain` does it: kubectl's explain template pipes descriptions
 * through k8s.io/kubectl/pkg/util/term's word-wrap writer, which uses github.com/mitchellh/go-wordwrap
 * (WrapString, v1.0.1). Its rules, re-implemented here: break only at white space; a newline in the
 * text is kept and resets the line; a word longer than the limit is never split; widths are counted
 * in UTF-8 bytes (Go's bytes.Buffer.Len), not characters; a non-breaking space is not a break point.
 */

const NBSP = 0xa0;

/** unicode.IsSpace (Go): ASCII white space, NEL, NBSP and the Unicode Z-category spaces. */
function isGoSpace(cp: number): boolean {
  if (cp <= 0xff) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || cp === 0x85 || cp === 0xa0;
  return cp === 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x2028 || cp === 0x2029 || cp === 0x202f || cp === 0x205f || cp === 0x3000;
}

function utf8Length(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/** Wrap `text` to `limit` columns the way kubectl explain does. */
export function wrapLikeKubectl(text: string, limit: number): string {
  let out = '';
  let current = 0;
  let word = '';
  let wordLen = 0;
  let space = '';
  let spaceLen = 0;
  /** Write the pending space and word on the current line. */
  const flush = () => {
    current += spaceLen + wordLen;
    out += space + word;
    space = '';
    spaceLen = 0;
    word = '';
    wordLen = 0;
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n') {
      if (wordLen === 0) {
        if (current + spaceLen > limit) current = 0;
        else {
          current += spaceLen;
          out += space;
        }
        space = '';
        spaceLen = 0;
      } else {
        flush();
      }
      out += ch;
      current = 0;
    } else if (isGoSpace(cp) && cp !== NBSP) {
      if (spaceLen === 0 || wordLen > 0) {
        flush();
      }
      space += ch;
      spaceLen += utf8Length(cp);
    } else {
      word += ch;
      wordLen += utf8Length(cp);
      if (current + spaceLen + wordLen > limit && wordLen < limit) {
        out += '\n';
        current = 0;
        space = '';
        spaceLen = 0;
      }
    }
  }
  if (wordLen === 0) {
    if (current + spaceLen <= limit) out += space;
  } else {
    out += space + word;
  }
  return out;
}

/** sprig-style indent, as kubectl's template helper: pad the start and every line after a newline. */
export function indentLikeKubectl(amount: number, text: string): string {
  const pad = ' '.repeat(amount);
  return pad + text.split('\n').join('\n' + pad);
}
