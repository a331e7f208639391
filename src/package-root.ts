/** The package's root directory (where package.json is), found from this module's location: works from src/ and dist/src/. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'schemas'))) return (cached = dir);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('podlint: cannot find its package root (package.json and schemas/)');
    dir = parent;
  }
}
