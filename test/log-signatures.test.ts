import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { realKb, FIXTURES } from './support/kb.ts';
import { answer } from '../src/core/answer/answer.ts';
import { main } from '../src/cli/main.ts';
import { compileLogPattern } from '../src/core/logs/compile-log-pattern.ts';
import { matchLogPattern } from '../src/core/logs/match-log-pattern.ts';
import { matchLogSignatures, STEPS_PER_SIGNATURE } from '../src/core/logs/match-log-signatures.ts';
import type { CliIo } from '../src/cli/io.ts';
import type { LogPattern } from '../src/core/model/knowledge.ts';

const kb = realKb();
const dir = (d: string) => join(FIXTURES, 'logs', d);
const read = (d: string, f: string) => readFileSync(join(dir(d), f), 'utf8');

/** What each pasted log must be found as: the article, the level, whether it may trigger an unasked reply, and the evidence line. */
const positives: Record<string, { article: string; level: 'exact' | 'strong'; specific: boolean; line: number }> = {
  '297408-gorouter-stdout-escaped-json.log': { article: '297408', level: 'exact', specific: true, line: 2 },
  '297408-line-cut-short.txt': { article: '297408', level: 'strong', specific: true, line: 1 },
  '297525-client-legacy-common-name.txt': { article: '297525', level: 'exact', specific: true, line: 3 },
  '297525-bosh-deploy-tls-pem.txt': { article: '297525', level: 'exact', specific: true, line: 4 },
  '298245-gorouter-nats-no-servers.log': { article: '298245', level: 'exact', specific: true, line: 1 },
  '298245-nats-stderr.log': { article: '298245', level: 'exact', specific: true, line: 1 },
  '298245-slack-fenced.txt': { article: '298245', level: 'exact', specific: true, line: 2 },
  '298463-uaac-bad-credentials.txt': { article: '298463', level: 'exact', specific: false, line: 2 },
  '386660-rtr-access-log.txt': { article: '386660', level: 'exact', specific: true, line: 2 },
  '386660-slack-escaped.txt': { article: '386660', level: 'exact', specific: true, line: 2 },
  '408470-cf-create-service.txt': { article: '408470', level: 'exact', specific: false, line: 3 },
  'pas-2.7.8-app-log-spring.txt': { article: 'pas-2.7.8', level: 'exact', specific: false, line: 1 },
  'routing-0.262.0-context-canceled.log': { article: 'routing-0.262.0', level: 'exact', specific: false, line: 1 },
  'routing-0.277.0-tcp-router-haproxy.log': { article: 'routing-0.277.0', level: 'exact', specific: true, line: 3 },
  'routing-0.277.0-port-checker-warning.log': { article: 'routing-0.277.0', level: 'exact', specific: true, line: 1 },
};

describe('pasted log lines find their article', () => {
  it('has a row for every fixture, and no untested fixture', () => {
    expect(readdirSync(dir('match')).sort()).toEqual(Object.keys(positives).sort());
  });

  it.each(Object.entries(positives))('%s', (file, want) => {
    const a = answer(kb, read('match', file));
    expect(a.intent).toBe('trace');
    const top = a.traces[0]!;
    expect(top).toMatchObject({ kind: 'log', article: want.article, level: want.level, specific: want.specific });
    expect(top.evidence[0]).toMatch(new RegExp(`^line ${want.line} (is|holds)`));
    expect(top.evidence[0]).toContain("the article's log line");
    if (!want.specific) expect(top.evidence.join(' ')).toMatch(/generic/);
    // The pasted line is not read as a version question.
    expect(a.versions).toEqual([]);
  });

  it('every article with log signatures has a fixture that finds it', () => {
    const withLogs = kb.knowledge.articles.filter((a) => a.logSignatures.length > 0).map((a) => a.id).sort();
    expect([...new Set(Object.values(positives).map((p) => p.article))].sort()).toEqual(withLogs);
  });

  it('answers the question around a log line, the matched article first', () => {
    const a = answer(kb, "we're on TPCF 10.2.2 and can't create services: You have exceeded your space's services limit.");
    expect(a.traces[0]).toMatchObject({ kind: 'log', article: '408470', level: 'exact' });
    expect(a.versions[0]).toMatchObject({ article: '408470', product: 'tas', version: '10.2.2', status: 'affected' });
  });

  it('Go crashes are kind "go"', () => {
    const a = answer(kb, readFileSync(join(FIXTURES, 'traces/match/seed-verbatim.log'), 'utf8'));
    expect(a.traces[0]).toMatchObject({ kind: 'go', article: '298398' });
  });
});

describe('lines that are not a known issue', () => {
  it.each([
    ['chat-mentions-nats-error.txt', '298245'],
    ['transfer-encoding-in-chat.txt', '297408'],
  ])('%s is at most the closest known issue (partial: the bare error)', (file, article) => {
    const a = answer(kb, read('nomatch', file));
    expect(a.traces).toEqual([expect.objectContaining({ kind: 'log', article, level: 'partial' })]);
    expect(a.traces[0]!.evidence[0]).toMatch(/only part of the article's log line.* without its context/);
    expect(a.intent).not.toBe('trace');
  });

  it.each([
    ['an older gorouter (no "tls: failed to verify certificate")', 'x_cf_routererror:"endpoint_failure (x509: certificate is not valid for any names, but wanted to match 2ea1596c-a745-4fdc-53a4-d885)"', '386660', 'exact'],
    ['"Bad credentials" alone', 'uaac: error response: unauthorized: Bad credentials', '298463', 'partial'],
    ['the Go 1.17 wording of the Common Name error', 'x509: certificate relies on legacy Common Name field, use SANs instead', '297525', 'exact'],
  ])('%s', (_, text, article, level) => {
    expect(answer(kb, text).traces[0]).toMatchObject({ kind: 'log', article, level });
  });

  it.each(['gorouter-other-nats-error.log', 'plain-access-log.log', 'tls-unknown-authority.log'])('%s matches nothing', (file) => {
    expect(answer(kb, read('nomatch', file)).traces).toEqual([]);
  });
});

/** [pattern, problem message] — patterns that are refused at load, each with a tip. */
const refused: [string, RegExp][] = [
  ['connection {port} refused', /unknown placeholder \{port\}/],
  ['listen tcp :{int}5: bind', /\{int\} is followed by "5"/],
  ['host {word}-x failed', /\{word\} is followed by "-"/],
  ['{int}{word} overflow', /follows another placeholder/],
  ['a {b} c', /unknown placeholder/],
  ['"err":"x"', /longest literal run/],
  ['say \\"hi\\" there', /backslash/],
  ['unclosed {int', /unclosed/],
  ['x'.repeat(401), /characters long/],
];

describe('the pattern language is checked at load', () => {
  it.each(refused)('%s is refused', (source, message) => {
    const { pattern, problems } = compileLogPattern(source);
    expect(pattern).toBeNull();
    expect(problems.map((p) => p.message).join(' | ')).toMatch(message);
    expect(problems.every((p) => p.tip.length > 0)).toBe(true);
  });

  it.each(['reached {ip}.1 nowhere', 'wanted to match {guid})', 'dial tcp {ip}:{int}: i/o timeout', 'literal {{braces}} kept'])('%s compiles', (source) => {
    expect(compileLogPattern(source).problems).toEqual([]);
  });
});

const compiled = (source: string): LogPattern => {
  const { pattern, problems } = compileLogPattern(source);
  if (!pattern) throw new Error(JSON.stringify(problems));
  return pattern;
};

/** [pattern, text, matches (complete)] */
const matching: [string, string, boolean][] = [
  ['dial tcp {ip}:{int}: i/o timeout', 'x dial tcp 10.0.16.13:4223: i/o timeout', true],
  ['dial tcp {ip}:{int}: i/o timeout', 'x dial tcp 10.0.16:4223: i/o timeout', false],
  ['dial tcp {ip}:{int}: i/o timeout', 'x dial tcp 10.0.16.1300:4223: i/o timeout', false],
  ['match {guid})', 'match 27116dd3-f047-4a35-7873-e9ef7e1d3f71)', true],
  ['match {guid})', 'match 27116dd3-f047-4a35-7873-e9ef7e1d3f7)', false],
  ['listening port {int} busy', 'listening port 8080 busy', true],
  ['listening port {int} busy', 'listening port 80a80 busy', false],
  ['listening port {int} busy', 'listening\tport\t\t8080   busy', true],
  ['"error":"bad"', '"error":\\"bad\\"', true],
  ['"error":"bad"', '"error": "bad"', false],
  ['alpha {any} omega', 'alpha, then omega', true],
  ['alpha {any} omega', 'alpha  omega', true],
  ['start{any}middle{any}end', 'start end middle end', true],
  ['start{any}middle{any}end', 'start end middle', false],
  ['listen_cfg_{int}: cannot', 'listen_cfg_2822: cannot', true],
  ['record {hex} okay', 'record deadBEEF okay', true],
  ['record {hex} okay', 'record deadbeeg okay', false],
  ['user {word} denied', 'user ci-deployer_2 denied', true],
  ['{int} itemsets', 'total 12 itemsets', true],
  ['{int} itemsets', 'total 12itemsets', false],
  ['{int} itemsets', 'total 1.2 itemsets', true],
];

describe('matching', () => {
  it.each(matching)('%s on %j', (source, text, want) => {
    const m = matchLogPattern(compiled(source), text, 0, text.length, { steps: 1e6 });
    expect(m?.complete === true).toBe(want);
  });

  it('a line cut short matches as far as it goes', () => {
    const p = compiled('nats: no servers available for connection');
    const m = matchLogPattern(p, 'error nats: no servers avail', 0, 28, { steps: 1e6 }, true);
    expect(m).toMatchObject({ complete: false });
    expect(m!.covered).toBeGreaterThan(15);
  });
});

describe('bounded work on any input', () => {
  const line = '{"log_level":3,"message":"nats-connection-error","source":"vcap.gorouter","data":{"error":"nats: no servers available for connection"}}';
  const nearMiss = '{"log_level":3,"message":"nats-connection-error","source":"vcap.gorouter","data":{"error":"nats: no servers available for connectio"}}';
  const cases: [string, string, string | null][] = [
    ['5 MB with no newline', 'a'.repeat(5e6), null],
    ['5 MB of one anchor repeated, no newline', 'connection '.repeat(5e5), null],
    ['the literal repeated, no newline', line.repeat(40_000), '298245'],
    ['near-misses repeated, no newline', nearMiss.repeat(40_000), null],
    ['near-misses on their own lines', `${nearMiss}\n`.repeat(40_000), null],
    ['40,000 near-misses, then the line', `${nearMiss}\n`.repeat(40_000) + line, '298245'],
    ['digits that look like IPs', `dial tcp ${'1.'.repeat(1e6)}:4223: i/o timeout`, null],
    ['placeholders run into the limit', `[ERR] ${'9'.repeat(2e6)} Error trying to connect to route: dial tcp`, null],
  ];
  it.each(cases)('%s', (_, text, article) => {
    const stats = { steps: 0 };
    const found = matchLogSignatures(kb.knowledge, text, stats).filter((m) => m.level !== 'partial');
    expect(found.map((m) => m.article)).toEqual(article ? [article] : []);
    const signatures = kb.knowledge.articles.reduce((n, a) => n + a.logSignatures.length, 0);
    // Each signature has a fixed budget, whatever the input's size or shape.
    expect(stats.steps).toBeLessThanOrEqual(signatures * STEPS_PER_SIGNATURE);
  });
});

describe('big inputs', () => {
  const line = '{"log_level":3,"timestamp":"2024-03-11T08:14:02.117312345Z","message":"nats-connection-error","source":"vcap.gorouter","data":{"error":"nats: no servers available for connection"}}\n';
  const filler = '{"log_level":1,"timestamp":"2024-03-11T08:14:02.117312345Z","message":"route-registered","source":"vcap.gorouter.registry","data":{"uri":"shop.apps.example.com"}}\n'.repeat(30_000);

  it('answer() finds a log line in the middle of 10 MB', () => {
    const a = answer(kb, filler + line + filler);
    expect(a.traces[0]).toMatchObject({ kind: 'log', article: '298245', level: 'exact' });
    expect(a.traces[0]!.evidence[0]).toMatch(/^line 30001 /);
  });

  // Past the whole-parse limit the input is scanned in windows for all anchors in one pass: every fixture's
  // line is found there as it is in a paste.
  it.each(Object.entries(positives))('%s, deep in a 3 MB file, is found by kb-bot match as in a paste', async (name, want) => {
    const tmp = mkdtempSync(join(tmpdir(), 'kb-logs-'));
    try {
      const file = join(tmp, 'big.log');
      writeFileSync(file, filler.slice(0, 1_500_000) + read('match', name) + '\n' + filler.slice(0, 1_500_000));
      const r = { stdout: '', stderr: '', out: (t: string) => void (r.stdout += t), err: (t: string) => void (r.stderr += t), env: {}, readStdin: () => '', stdinFd: -1 } satisfies CliIo & { stdout: string; stderr: string };
      await main(['match', file, '--json'], r);
      const a = JSON.parse(r.stdout) as { traces: { kind: string; article: string; level: string }[] };
      expect(a.traces.find((t) => t.level !== 'partial')).toMatchObject({ kind: 'log', article: want.article, level: want.level });
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('kb-bot match streams a big file and finds the line (exit 0)', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'kb-logs-'));
    try {
      const file = join(tmp, 'gorouter.stdout.log');
      writeFileSync(file, filler + line + filler);
      const r = { stdout: '', stderr: '', out: (t: string) => void (r.stdout += t), err: (t: string) => void (r.stderr += t), env: {}, readStdin: () => '', stdinFd: -1 } satisfies CliIo & { stdout: string; stderr: string };
      expect(await main(['match', file, '--json'], r)).toBe(0);
      const a = JSON.parse(r.stdout);
      expect(a.traces[0]).toMatchObject({ kind: 'log', article: '298245', level: 'exact', specific: true });
      expect(a.traces[0].evidence[0]).toMatch(/^excerpt at byte [\d,]+, line \d+ is the article's log line/);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
