import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = path.resolve(import.meta.dirname, '../../src/simulator');

/** Each module of src/simulator and the modules of src/simulator it imports (types included). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.ts')).sort()) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    const deps = [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'\.\/([^'/]+)\.js'/gms)].map((m) => `${m[1]}.ts`);
    graph.set(f, [...new Set(deps)]);
  }
  return graph;
}

describe('src/simulator imports', () => {
  it('form no cycle (deployment.ts knows the engine only through DeploymentControllerHost in model.ts)', () => {
    const graph = importGraph();
    expect(graph.get('engine.ts')).toContain('deployment.ts');
    expect(graph.get('deployment.ts')).toContain('model.ts');
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (m: string, stack: string[]) => {
      state.set(m, 'open');
      const path = [...stack, m];
      for (const d of graph.get(m) ?? []) {
        if (state.get(d) === 'open') cycles.push([...path.slice(path.indexOf(d)), d].join(' → '));
        else if (!state.has(d)) visit(d, path);
      }
      state.set(m, 'done');
    };
    for (const m of graph.keys()) if (!state.has(m)) visit(m, []);
    expect(cycles).toEqual([]);
  });
});
