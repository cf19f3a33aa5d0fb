import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { main } from '../src/cli/main.ts';
import { importArticle } from '../src/core/import/import-article.ts';
import { realKb, FIXTURES, KNOWLEDGE_DIR } from './support/kb.ts';
import type { CliIo } from '../src/cli/io.ts';

const kb = realKb();
/** The seed article's layout and facts (title, id, lists, trace), with prose in this project's words. */
const SEED_LAYOUT = join(FIXTURES, 'vendor-articles/298398-vendor-layout.txt');

function io(): CliIo & { stdout: string; stderr: string } {
  const r = { stdout: '', stderr: '', out: (t: string) => void (r.stdout += t), err: (t: string) => void (r.stderr += t), env: {}, readStdin: () => '', stdinFd: -1 };
  return r;
}

describe('kb-bot import', () => {
  it('drafts the seed with the same facts as the hand-written article', async () => {
    const r = io();
    expect(await main(['import', SEED_LAYOUT], r)).toBe(0);
    const draft = parse(r.stdout);
    const written = parse(readFileSync(join(KNOWLEDGE_DIR, 'articles/298398-gorouter-concurrent-map-writes.yml'), 'utf8'));
    expect(draft).toMatchObject({ id: '298398', url: written.url, draft: true });
    for (const product of ['tas', 'ist']) {
      expect(draft.affected[product].lines).toEqual(written.affected[product].lines);
      expect(draft.affected[product].newer).toEqual(written.affected[product].newer);
    }
    const [sig] = draft.signatures;
    const [want] = written.signatures;
    expect({ error: sig.error, frames: sig.frames, program_frames: sig.program_frames }).toEqual({ error: want.error, frames: want.frames, program_frames: want.program_frames });
    expect(r.stdout).toMatch(/^# REVIEW before committing/m);
  });

  it('reports unknown products and unreadable versions, and reads a fix-only list', () => {
    const text = readFileSync(join(FIXTURES, 'vendor-articles/fix-list-only-with-problems.txt'), 'utf8');
    const result = importArticle(text, kb.matchProducts);
    expect(result.problems).toEqual([
      expect.stringContaining('"Tanzu Frobnicator" heads a version list but is not a product'),
      expect.stringContaining('"2.9.x (soon)" under "Tanzu Isolation Segment" is not a version'),
    ]);
    const tas = (result.draft.affected as Record<string, { lines: Record<string, unknown[]>; newer: unknown }>).tas!;
    expect(tas.lines['2.9']).toEqual([
      { introduced: '2.9.0', inferred: 'only the fixed patch is listed; earlier patches on the line are taken as affected' },
      { fixed: '2.9.14' },
    ]);
    expect(tas.newer).toEqual({ status: 'fixed', inferred: 'newer than the newest patched entry, 2.10.6+' });
    expect(result.draft.mitigation).toEqual([expect.stringContaining('restart the gorouter jobs')]);
  });

  it('the fix-only draft validates, and problems go to stderr and into the draft', async () => {
    const r = io();
    expect(await main(['import', join(FIXTURES, 'vendor-articles/fix-list-only-with-problems.txt')], r)).toBe(0);
    expect(r.stderr).toContain('Tanzu Frobnicator');
    expect(r.stdout).toContain('# NOT IMPORTED: line');
  });

  it('a text with no article in it is a clear error', async () => {
    const r = io();
    r.readStdin = () => 'hello';
    expect(await main(['import', '-'], r)).toBe(2);
    expect(r.stderr).toMatch(/no "Article ID/);
  });
});

describe('the knowledge cache', () => {
  it('gives the same answers from the cache, and a changed file is never served stale', async () => {
    const { mkdtempSync, cpSync, writeFileSync: write, readdirSync: ls } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { loadPrepared } = await import('../src/node/load-prepared.ts');
    const { answer } = await import('../src/core/answer/answer.ts');
    const dir = mkdtempSync(join(tmpdir(), 'kb-cache-test-'));
    const cache = mkdtempSync(join(tmpdir(), 'kb-cache-dir-'));
    cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
    const cold = loadPrepared(dir, { cacheDir: cache });
    const warm = loadPrepared(dir, { cacheDir: cache });
    expect(warm.timings).toContain('index cached');
    expect(answer(warm.prepared, 'stale routes ssl')).toEqual(answer(cold.prepared, 'stale routes ssl'));
    const file = join(dir, 'articles/298075-stale-routes-ssl-validation-disabled.yml');
    write(file, readFileSync(file, 'utf8').replace('title: Stale routes', 'title: Zebra routes'));
    const changed = loadPrepared(dir, { cacheDir: cache });
    expect(changed.timings).toContain('index built');
    expect(changed.prepared.articles.get('298075')?.title).toMatch(/^Zebra routes/);
    expect(answer(changed.prepared, 'zebra').articles[0]?.id).toBe('298075');
    expect(ls(cache).filter((n: string) => n.startsWith('search-index-'))).toHaveLength(1);
  });
});
