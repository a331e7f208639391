/**
 * The layers go one way: cli (and the action, the hook) → lsp → api (src/api.ts, src/lint.ts and the other
 * top-level modules) → engine, schema, simulator, explain, kustomize, project, fix, config, reporters, k8s,
 * rules → source → src/types.ts. A module imports its own layer and those below, never above; no two
 * modules import each other (directly or in a ring); nothing below the CLI touches the process, the
 * console or the clock.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(rel));
    else if (rel.endsWith('.ts')) out.push(rel);
  }
  return out;
}

const files = [...tsFiles('src'), ...tsFiles('rules')].sort();
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g;

/** Relative imports of each module (type-only ones included: a ring of types is a knot too). */
const imports = new Map<string, string[]>(
  files.map((f) => {
    const text = fs.readFileSync(path.join(root, f), 'utf8');
    const targets = [...text.matchAll(IMPORT)].map((m) => path.posix.normalize(path.posix.join(path.posix.dirname(f), (m[1] ?? m[2])!)).replace(/\.js$/, '.ts'));
    return [f, targets];
  }),
);

const RANK: Record<string, number> = { cli: 5, action: 5, lsp: 4, api: 3, middle: 2, source: 1, types: 0 };
const MIDDLE = new Set(['engine', 'schema', 'simulator', 'explain', 'kustomize', 'project', 'fix', 'config', 'reporters', 'k8s', 'crd', 'security']);

function layerOf(f: string): string {
  if (f.startsWith('rules/')) return 'middle';
  if (f === 'src/types.ts') return 'types';
  const parts = f.split('/');
  if (parts.length === 2) return f === 'src/package-root.ts' ? 'source' : 'api';
  const dir = parts[1]!;
  if (dir === 'cli' || dir === 'action' || dir === 'lsp' || dir === 'source') return dir;
  if (MIDDLE.has(dir)) return 'middle';
  throw new Error(`${f}: which layer is src/${dir}/? Add it to test/architecture.test.ts`);
}

describe('architecture', () => {
  it('every module imports only its own layer and those below', () => {
    const wrong: string[] = [];
    for (const [f, targets] of imports) {
      for (const t of targets) {
        if (!t.startsWith('src/') && !t.startsWith('rules/')) continue;
        if (RANK[layerOf(t)]! > RANK[layerOf(f)]!) wrong.push(`${f} (${layerOf(f)}) imports ${t} (${layerOf(t)})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('source/ reads text into values with positions and knows nothing of the layers above', () => {
    const wrong = [...imports].filter(([f]) => f.startsWith('src/source/')).flatMap(([f, ts]) => ts.filter((t) => !t.startsWith('src/source/') && t !== 'src/types.ts').map((t) => `${f} imports ${t}`));
    expect(wrong).toEqual([]);
  });

  it('a kustomize build is a layer of its own, below the engine: built objects reach it as read ones do', () => {
    const allowed = (t: string) => t.startsWith('src/kustomize/') || t.startsWith('src/source/') || t.startsWith('src/k8s/') || t === 'src/types.ts' || t === 'src/package-root.ts';
    const wrong = [...imports].filter(([f]) => f.startsWith('src/kustomize/')).flatMap(([f, ts]) => ts.filter((t) => !allowed(t)).map((t) => `${f} imports ${t}`));
    expect(wrong).toEqual([]);
  });

  it('no modules import each other, directly or in a ring', () => {
    const rings: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      stack.push(f);
      for (const t of imports.get(f) ?? []) {
        if (!imports.has(t)) continue;
        if (state.get(t) === 'open') rings.push([...stack.slice(stack.indexOf(t)), t].join(' → '));
        else if (!state.has(t)) visit(t);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f);
    expect(rings).toEqual([]);
  });

  it('nothing below the CLI touches the process, the console or the clock', () => {
    // The library's lint() defaults its working directory to the process's, as a library call would.
    const allowed = new Set(['src/lint.ts:process.cwd()']);
    const wrong: string[] = [];
    for (const f of files) {
      if (/^src\/(cli|action)\//.test(f)) continue;
      const code = fs.readFileSync(path.join(root, f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
      for (const m of code.matchAll(/(?<![.\w])(?:process\.\w+(?:\(\))?|console\.\w+|Date\.now\(\)|new Date\(|performance\.now\(\))/g)) {
        if (!allowed.has(`${f}:${m[0]}`)) wrong.push(`${f}: ${m[0]}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
