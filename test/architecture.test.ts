import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });

describe('the core is pure', () => {
  const core = files(join(root, 'src/core'));
  it.each(core.map((f) => [relative(root, f)]))('%s touches no I/O, Slack or process', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    expect(text).not.toMatch(/from ['"](?:node:)?(?:fs|fs\/promises|child_process|net|http|https)['"]/);
    expect(text).not.toMatch(/from ['"]@slack\//);
    expect(text).not.toMatch(/\bprocess\./);
    expect(text).not.toMatch(/\bDate\.now\(|new Date\(\)/);
  });

  it('has files of one job each (under ~250 lines)', () => {
    const long = files(join(root, 'src')).filter((f) => readFileSync(f, 'utf8').split('\n').length > 260);
    expect(long.map((f) => relative(root, f))).toEqual([]);
  });
});
