import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync, openSync, closeSync } from 'node:fs';
import { main } from '../src/cli/main.ts';
import { FIXTURES } from './support/kb.ts';
import type { CliIo } from '../src/cli/io.ts';

/** A recording double of the process's IO. */
function io(stdin = ''): CliIo & { stdout: string; stderr: string } {
  const rec = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (rec.stdout += t),
    err: (t: string) => void (rec.stderr += t),
    env: {},
    readStdin: () => stdin,
    stdinFd: -1,
  };
  return rec;
}

const seedFile = join(FIXTURES, 'traces/match/seed-verbatim.log');

describe('kb-bot ask', () => {
  it('prints the --json contract', async () => {
    const r = io();
    expect(await main(['ask', '--json', 'is TAS 2.13.20 affected?'], r)).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(Object.keys(a)).toEqual(expect.arrayContaining(['intent', 'versions', 'traces', 'articles']));
    expect(a.intent).toBe('version');
    const seed = a.versions.find((v: { article: string }) => v.article === '298398');
    expect(Object.keys(seed)).toEqual(['article', 'product', 'version', 'status', 'line', 'fixedIn', 'upgradeTo', 'basis', 'condition', 'reason']);
    expect(seed).toMatchObject({ product: 'tas', version: '2.13.20', status: 'affected', line: '2.13', fixedIn: '2.13.34', upgradeTo: ['2.13.34'], basis: 'stated', condition: null });
  });

  it('reads standard input with -', async () => {
    const r = io(readFileSync(seedFile, 'utf8'));
    expect(await main(['ask', '--json', '-'], r)).toBe(0);
    expect(JSON.parse(r.stdout).traces[0]).toMatchObject({ article: '298398', level: 'exact' });
  });

  it('reads like a reply: verdict first, fix, why, link', async () => {
    const r = io();
    await main(['ask', 'is TAS 3.0.12 affected by KB 298398?'], r);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^TAS 3\.0\.12 is affected by KB 298398 — no 3\.0 fix; upgrade to 4\.0\.16 or 5\.0\.6\. Also affected by (KB \d+, )+KB \d+\.$/);
    expect(r.stdout).toContain('upgrade to 4.0.16 or 5.0.6');
    expect(r.stdout).toContain('why: 3.0.12 is on the 3.0 line');
    expect(r.stdout).toContain('https://knowledge.broadcom.com/external/article/298398');
  });
});

describe('headlines say the verdict first', () => {
  it.each([
    ['which IST version fixes the gorouter crash?', 'KB 298398 is fixed in IST 2.11.46, 2.13.31, 4.0.16, 5.0.6 (no fix on 3.0: move to 4.0.16 or 5.0.6) — routing-release 0.288.0.'],
    ['TAS 2.12.4 KB 298398', 'KB 298398 does not say whether TAS 2.12.4 is affected..'],
    ['which IST version fixes KB 298173?', 'KB 298173 is fixed in IST after 2.11.35, 2.13.20, 3.0.13, 4.0.4 (the last affected patches; the first fixed ones are not named) — routing-release 0.274.0.'],
    ['TAS 2.13.34 KB 298398', 'TAS 2.13.34 has the fix for KB 298398..'],
    ['TAS 2.11.35 KB 298398', 'TAS 2.11.35 is not affected by KB 298398..'],
  ])('%s', async (q, headline) => {
    const r = io();
    await main(['ask', q], r);
    // The verdict sentence first; other affected articles may follow it ("Also affected by …"), as the knowledge grows.
    const first = r.stdout.split('\n')[0] as string;
    expect(first.startsWith(headline.replace(/\.$/, ''))).toBe(true);
  });
});

describe('kb-bot check', () => {
  it('answers one product version', async () => {
    const r = io();
    expect(await main(['check', 'ist', '2.13.20', '--json'], r)).toBe(0);
    expect(JSON.parse(r.stdout).versions.every((v: { product: string }) => v.product === 'ist')).toBe(true);
  });

  it.each([
    [['check', 'tasw-x', '2.13.20'], /unknown product/],
    [['check', 'tas', 'banana'], /not a version/],
    [['check', 'tas'], /needs a product and a version/],
  ])('%j is bad usage', async (args, message) => {
    const r = io();
    expect(await main(args, r)).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('kb-bot match', () => {
  it('exits 0 on a known crash, 1 on none', async () => {
    expect(await main(['match', seedFile], io())).toBe(0);
    expect(await main(['match', join(FIXTURES, 'traces/nomatch/same-error-other-program.log')], io())).toBe(1);
  });

  it('streams from a file descriptor', async () => {
    const fd = openSync(seedFile, 'r');
    const r = io();
    r.stdinFd = fd;
    try {
      expect(await main(['match', '-', '--json'], r)).toBe(0);
      expect(JSON.parse(r.stdout).traces[0].level).toBe('exact');
    } finally {
      closeSync(fd);
    }
  });

  it('names a missing file', async () => {
    const r = io();
    expect(await main(['match', '/no/such/file.log'], r)).toBe(2);
    expect(r.stderr).toContain('ENOENT');
  });
});

describe('kb-bot validate and usage', () => {
  it('validates the real knowledge', async () => {
    const r = io();
    expect(await main(['validate'], r)).toBe(0);
    expect(r.stdout).toMatch(/^ok: \d+ products, \d+ articles valid/);
  });

  it('exits 2 and names every problem in a broken folder', async () => {
    const r = io();
    expect(await main(['validate', '/no/such/dir'], r)).toBe(2);
    expect(r.stderr).toContain('/no/such/dir: (folder): the knowledge folder does not exist');
  });

  it('honours KB_KNOWLEDGE_DIR', async () => {
    const r = io();
    r.env = { KB_KNOWLEDGE_DIR: '/no/such/dir' };
    expect(await main(['ask', 'help'], r)).toBe(2);
    expect(r.stderr).toContain('/no/such/dir');
  });

  it.each([[['frobnicate']], [['ask']], [['--nope']], [[]]])('%j is bad usage', async (args) => {
    const r = io();
    expect(await main(args, r)).toBe(2);
    expect(r.stderr + r.stdout).toContain('Usage:');
  });

  it('help and list answer', async () => {
    const h = io();
    expect(await main(['help'], h)).toBe(0);
    expect(h.stdout).toMatch(/is TAS \d+\.\d+\.\d+ affected\?/);
    const l = io();
    expect(await main(['list'], l)).toBe(0);
    expect(l.stdout).toContain('KB 298398');
  });
});
