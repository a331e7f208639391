/** Colour decision, made once in the CLI: --color/--no-color, then NO_COLOR and FORCE_COLOR, then the terminal. */
import type { CliIO } from './io.js';

/** chalk levels: 0 none, 1 basic 16 colours, 2 256 colours, 3 truecolor. */
export function colorLevel(io: CliIO, flag: boolean | undefined): 0 | 1 | 2 | 3 {
  if (flag === false) return 0;
  const force = io.env.FORCE_COLOR;
  if (flag === true) return force && /^[123]$/.test(force) ? (Number(force) as 1 | 2 | 3) : 1;
  // https://no-color.org: any non-empty NO_COLOR disables colour.
  if (io.env.NO_COLOR) return 0;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    return /^[123]$/.test(force) ? (Number(force) as 1 | 2 | 3) : 1;
  }
  if (!io.isTTY || io.env.TERM === 'dumb') return 0;
  return 1;
}
