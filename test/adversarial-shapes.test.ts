import { describe, expect, it } from 'vitest';
import { realKb, FIXTURES } from './support/kb.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answer } from '../src/core/answer/answer.ts';
import { readPaste, WHOLE_PARSE_LIMIT } from '../src/core/query/read-paste.ts';
import { createScanner, scanStream, readString } from '../src/core/traces/scan-stream.ts';
import { slackToPlain } from '../src/slack/slack-to-plain.ts';

const kb = realKb();
const seed = readFileSync(join(FIXTURES, 'traces/match/seed-verbatim.log'), 'utf8');
const fill = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
const distinct = (line: (i: number) => string, bytes: number) => {
  const parts: string[] = [];
  for (let i = 0, size = 0; size < bytes; i++) size += parts[parts.push(line(i)) - 1]!.length;
  return parts.join('');
};

/**
 * Shapes that made crash finding rescan a line, or every header, once per
 * match. Each is answered in time linear in its size; the bounds are
 * generous (a loaded CI machine) and state the promise, not the speed —
 * bench/trace-scan reports MB/s. Before the fix, `panic: ` repeated with no
 * newline took 7.5 s at 4 MB, and 4,000 `(` a line 1.6 s at 256 KB.
 */
const shapes: [string, (bytes: number) => string][] = [
  ['`panic: ` repeated, no newline', (b) => fill('panic: ', b)],
  ['`fatal error: ` repeated, no newline', (b) => fill('fatal error: ', b)],
  ['one header a line', (b) => fill('panic: x\n', b)],
  ['distinct headers', (b) => distinct((i) => `panic: e${i}\n`, b)],
  ['distinct crashes', (b) => distinct((i) => `fatal error: e${i}\ngoroutine 1 [running]:\nmain.f${i}()\n\t/a/b.go:1\n`, b)],
  ['nested panics', (b) => `panic: a [recovered]\n${fill('\tpanic: b\n', b)}`],
  ['headers after 400 bytes of prefix', (b) => fill(`${' x'.repeat(200)}panic: y\n`, b)],
  ['4,000 `(` a line', (b) => fill(`${'('.repeat(4000)})x\n`, b)],
  ['a path of 2,000 slashes a line', (b) => fill(`${'/a'.repeat(2000)} \n`, b)],
  ['a header ending in backticks', (b) => fill(`panic: ${'`'.repeat(4000)}x\n`, b)],
  ['a prefix of `[`', (b) => fill(`${'['.repeat(390)}panic: z\n`, b)],
  ['brackets in a frame name', (b) => fill(`a.b${'['.repeat(990)}()\n`, b)],
  ['CRs only', (b) => fill('\r', b)],
  ['goroutine headers only', (b) => fill('goroutine 1 [running]:\n', b)],
];

describe('crash finding is linear on every shape', () => {
  it.each(shapes)('%s: 256 KB parsed whole within 1 s', (_, make) => {
    const text = make(WHOLE_PARSE_LIMIT);
    const started = performance.now();
    answer(kb, text);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it.each(shapes)('%s: 8 MB scanned within 3 s', (_, make) => {
    const text = make(8 << 20);
    const started = performance.now();
    const a = answer(kb, text);
    expect(performance.now() - started).toBeLessThan(3000);
    // Read, and no known issue made up from it.
    expect(a.traces.filter((t) => t.level !== 'partial')).toEqual([]);
  }, 20_000);

  it('still finds the crash after megabytes of an adversarial shape (positive control)', () => {
    const a = answer(kb, `${fill('panic: ', 3 << 20)}\n\n${seed}`);
    expect(a.traces[0]).toMatchObject({ article: '298398', level: 'exact' });
  });
});

describe('question text is linear too', () => {
  it.each([
    ['unclosed links', '<http://'],
    ['unclosed mentions', '<@U123|'],
    ['unclosed channels', '<#C1|'],
    ['unclosed specials', '<!'],
  ])('slackToPlain on 256 KB of %s within 1 s', (_, unit) => {
    const started = performance.now();
    slackToPlain(fill(unit, 256 * 1024));
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('still reads a link, a mention and a channel (positive control)', () => {
    expect(slackToPlain('<@U1|bob> see <https://x.example|the doc> in <#C1|ops>')).toBe('  see the doc (https://x.example) in #ops');
  });
});

describe('the scanner', () => {
  it('fed in pieces of any size finds what one read finds', () => {
    const text = `${fill('goroutine 9 [select]:\nnet/http.(*persistConn).writeLoop(0xc0003f2a20)\n\t/usr/local/go/src/net/http/transport.go:2421 +0xe5\n\n', 3 << 20)}\n${seed}`;
    const whole = scanStream(readString(text), { anchors: kb.anchors });
    expect(whole.excerpts).toHaveLength(1);
    const bytes = Buffer.from(text);
    for (const piece of [7, 4096, 65_537, bytes.length]) {
      const s = createScanner({ anchors: kb.anchors });
      for (let at = 0; at < bytes.length; at += piece) s.push(bytes.subarray(at, at + piece));
      const got = s.end();
      expect(got.bytes).toBe(bytes.length);
      expect(got.excerpts).toEqual(whole.excerpts);
    }
    expect(readPaste(text, kb).paste.crashes.map((c) => c.headers[0])).toEqual(['fatal error: concurrent map writes']);
  });

  it('keeps a bounded number of excerpts from a crash loop, and says so', () => {
    const scan = scanStream(readString(fill(`${seed}\n`, 32 << 20)), { anchors: kb.anchors });
    expect(scan.capped).toBe(true);
    expect(scan.excerpts.length).toBeLessThanOrEqual(32);
    expect(scan.excerpts.reduce((n, e) => n + e.text.length, 0)).toBeLessThanOrEqual(32 * 256 * 1024);
  }, 20_000);
});
