/** Positions in a CEL expression's text, as cel-go reports them. */

/**
 * cel-go places a call at its '(' (parser.go VisitGlobalCall / VisitMemberCall: ctx.GetOpen());
 * @bufbuild/cel's parser at its name or the '.' before it. `at` is the latter; the '(' if one follows.
 */
export function openParen(source: string, at: number): number {
  let i = at;
  if (source[i] === '.') i++;
  while (i < source.length && /\s/.test(source[i]!)) i++;
  while (i < source.length && /[A-Za-z0-9_]/.test(source[i]!)) i++;
  while (i < source.length && /\s/.test(source[i]!)) i++;
  return source[i] === '(' ? i : at;
}
