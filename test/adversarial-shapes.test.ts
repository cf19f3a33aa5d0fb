import { describe, expect, it } from 'vitest';
import { realKb, FIXTURES } from './support/kb.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answer } from '../src/core/answer/answer.ts';
import { readPaste, WHOLE_PARSE_LIMIT } from '../src/core/query/read-paste.ts';
import { createScanner, scanStream, readString } from '../src/core/traces/scan-stream.ts';
import { slackToPlain } from '../src/slack/slack-to-plain.ts';
import { ADVERSARIAL, fill } from '../bench/dumps.ts';

const kb = realKb();
const seed = readFileSync(join(FIXTURES, 'traces/match/seed-verbatim.log'), 'utf8');
/**
 * Shapes that made crash finding rescan a line, or every header, once per
 * match. Each is answered in time linear in its size; the bounds are
 * generous (a loaded CI machine) and state the promise, not the speed —
 * bench/trace-scan reports MB/s. Before the fix, `panic: ` repeated with no
 * newline took 7.5 s at 4 MB, and 4,000 `(` a line 1.6 s at 256 KB.
 */
const shapes = ADVERSARIAL;

describe('crash finding is linear on every shape', () => {
  // No timed assertion: a quadratic shape takes minutes here (7.5 s at 4 MB before the fix), far past
  // the test's timeout; the linear code takes well under a second. bench/trace-scan reports the MB/s.
  it.each(shapes)('%s: 256 KB parsed whole', (_, make) => {
    const a = answer(kb, make(WHOLE_PARSE_LIMIT));
    expect(a.traces.filter((t) => t.level !== 'partial')).toEqual([]);
  }, 10_000);

  it.each(shapes)('%s: 8 MB scanned', (_, make) => {
    const a = answer(kb, make(8 << 20));
    // Read, and no known issue made up from it.
    expect(a.traces.filter((t) => t.level !== 'partial')).toEqual([]);
  }, 15_000);

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
  ])('slackToPlain on 256 KB of %s', (_, unit) => {
    expect(slackToPlain(fill(unit, 256 * 1024)).length).toBeGreaterThan(0);
  }, 10_000);

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
