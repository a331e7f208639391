/**
 * A fix of a built object lands in the file its field came from: the finding names that node by its
 * position (FixTarget in src/types.ts); here the position becomes the document and the JSON pointer of
 * that node in the file as it is now.
 */
import { LineIndex } from '../source/lines.js';
import { parseYaml, TAPE_MAP } from '../source/yaml.js';

/** The document and pointer of the node whose value starts at line:column (the outermost one, if several do). */
export function nodeAt(text: string, line: number, column: number): { documentIndex: number; pointer: string } | undefined {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = bom ? text.slice(1) : text;
  const lines = new LineIndex(body);
  if (line < 1 || line > lines.lineCount) return undefined;
  const offsetOf = (l: number, c: number) => lines.lineStart(l) + c - 1 - (l === 1 ? bom : 0);
  const offset = offsetOf(line, column);
  const parsed = parseYaml(body);
  for (const doc of parsed.documents) {
    if (doc.fatal || doc.value === undefined) continue;
    if (offset < doc.span[0] || offset > doc.span[1]) continue;
    if (doc.span[0] === offset) return { documentIndex: doc.index, pointer: '' };
    const { tape, names } = doc;
    let off = doc.root;
    let pointer = '';
    while (off >= 0) {
      const isMap = tape[off] === TAPE_MAP;
      const count = tape[off + 3]!;
      let next = -1;
      for (let i = 0; i < count; i++) {
        const e = off + 5 + 5 * i;
        const start = tape[e + 2]!;
        const stop = tape[e + 3]!;
        if (offset < start || offset > stop) continue;
        const token = isMap ? names[tape[off + 4]! + i]! : String(i);
        const here = `${pointer}/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (start === offset) return { documentIndex: doc.index, pointer: here };
        pointer = here;
        next = tape[e + 4]!;
        break;
      }
      off = next;
    }
  }
  return undefined;
}
