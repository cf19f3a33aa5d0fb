import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });

/** Every relative import (static, type-only and dynamic) of every source file, as repo paths. */
function importGraph(): { from: string; to: string }[] {
  const edges: { from: string; to: string }[] = [];
  const spec = /(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const f of files(join(root, 'src'))) {
    for (const m of readFileSync(f, 'utf8').matchAll(spec)) {
      edges.push({ from: relative(root, f), to: relative(root, resolve(dirname(f), m[1] as string)) });
    }
  }
  return edges;
}

/** The unit an arrow is drawn between: a folder of src/, or a folder of src/core/. */
function unit(path: string): string {
  const parts = path.split('/');
  return parts[1] === 'core' ? `core/${parts[2]}` : (parts[1] ?? path);
}

/** Which units each unit may import (itself always). Read top to bottom: nothing imports upwards. */
const ALLOWED: Record<string, string[]> = {
  'core/model': [],
  'core/versions': ['core/model'],
  'core/search': ['core/model'],
  'core/traces': ['core/model', 'core/versions'],
  'core/logs': ['core/model', 'core/versions', 'core/traces'],
  'core/knowledge': ['core/model', 'core/versions', 'core/traces', 'core/logs'],
  'core/query': ['core/model', 'core/versions', 'core/traces', 'core/logs', 'core/search'],
  'core/fleet': ['core/model', 'core/versions', 'core/knowledge'],
  'core/import': ['core/model', 'core/versions', 'core/traces', 'core/query'],
  'core/answer': ['core/model', 'core/versions', 'core/traces', 'core/logs', 'core/search', 'core/query', 'core/knowledge', 'core/fleet'],
  observe: [],
  store: ['observe'],
  render: ['core/model'],
  // The paste pool's worker runs the core's input reading (core/query read-paste, core/traces scanning).
  node: ['core/model', 'core/knowledge', 'core/search', 'core/answer', 'core/fleet', 'core/query', 'core/traces'],
  server: ['core/model', 'core/answer', 'node', 'observe', 'store'],
  // core/traces: downloads are scanned as they arrive (createScanner).
  slack: ['core/model', 'core/answer', 'core/query', 'core/fleet', 'core/knowledge', 'core/traces', 'render', 'store', 'observe'],
  playground: [],
  cli: ['core/model', 'core/answer', 'core/query', 'core/fleet', 'core/knowledge', 'core/import', 'core/traces', 'core/versions', 'render', 'node', 'app'],
  app: ['*'],
};

describe('the architecture', () => {
  // Arrows between the source folders; package.json and other files outside src/ are data.
  const edges = importGraph().filter((e) => e.to.startsWith('src/') && unit(e.from) !== unit(e.to));

  it('draws arrows only downwards (see ALLOWED)', () => {
    const wrong = edges
      .filter((e) => {
        const allowed = ALLOWED[unit(e.from)];
        return allowed === undefined || !(allowed.includes('*') || allowed.includes(unit(e.to)));
      })
      .map((e) => `${e.from} -> ${e.to}`);
    expect(wrong).toEqual([]);
  });

  it('has no cycle between units', () => {
    const next = new Map<string, Set<string>>();
    for (const e of edges) next.set(unit(e.from), (next.get(unit(e.from)) ?? new Set()).add(unit(e.to)));
    const cycles: string[] = [];
    const visit = (u: string, path: string[]) => {
      if (path.includes(u)) return void cycles.push([...path.slice(path.indexOf(u)), u].join(' -> '));
      for (const v of next.get(u) ?? []) visit(v, [...path, u]);
    };
    for (const u of next.keys()) visit(u, []);
    expect(cycles).toEqual([]);
  });
});

describe('the core is pure', () => {
  const core = files(join(root, 'src/core'));
  it.each(core.map((f) => [relative(root, f)]))('%s touches no I/O, Slack or process', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    expect(text).not.toMatch(/from ['"](?:node:)?(?:fs|fs\/promises|child_process|net|http|https|worker_threads)['"]/);
    expect(text).not.toMatch(/from ['"]@slack\//);
    expect(text).not.toMatch(/\bprocess\./);
    expect(text).not.toMatch(/\bDate\.now\(|new Date\(\)/);
  });

  it('has files of one job each (under ~250 lines)', () => {
    const long = files(join(root, 'src')).filter((f) => readFileSync(f, 'utf8').split('\n').length > 260);
    expect(long.map((f) => relative(root, f))).toEqual([]);
  });
});
