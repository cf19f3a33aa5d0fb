import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { realKb, FIXTURES } from './support/kb.ts';
import { answer } from '../src/core/answer/answer.ts';
import { scanStream, readString } from '../src/core/traces/scan-stream.ts';
import { findCrashes } from '../src/core/traces/find-crashes.ts';

const kb = realKb();
const seed = readFileSync(join(FIXTURES, 'traces/match/seed-verbatim.log'), 'utf8');
const filler = (bytes: number) => {
  const block = 'goroutine 12 [select]:\nnet/http.(*persistConn).writeLoop(0xc0003f2a20)\n\t/usr/local/go/src/net/http/transport.go:2421 +0xe5\n\n';
  return block.repeat(Math.ceil(bytes / block.length));
};

describe('inputs larger than a chat message', () => {
  it.each([0.0, 0.5, 0.999])('finds the crash at %f of a 20 MB paste', (at) => {
    const pad = filler(20e6);
    const found = pad.lastIndexOf('\n\n', Math.floor(pad.length * at));
    const cut = found < 0 ? 0 : found + 2;
    const text = pad.slice(0, cut) + seed + pad.slice(cut);
    const a = answer(kb, text);
    expect(a.traces[0]).toMatchObject({ article: '298398', level: 'exact' });
    expect(a.notices.join(' ')).toMatch(/Scanned [\d,]+ bytes/);
    expect(a.versions).toEqual([]); // nothing in the trace is read as a version question
  });

  it('finds crashes that straddle every chunk boundary', () => {
    const text = filler(40_000) + seed + filler(40_000) + seed.replace('goroutine 3061391056', 'goroutine 7');
    for (const chunkBytes of [4096, 5000, 7919]) {
      const scan = scanStream(readString(text), { anchors: kb.anchors, chunkBytes, afterBytes: 2048, beforeBytes: 1024 });
      const crashes = scan.excerpts.flatMap((e) => findCrashes(e.text));
      expect(crashes.filter((c) => c.headers[0] === 'fatal error: concurrent map writes')).toHaveLength(2);
      expect(scan.bytes).toBe(Buffer.byteLength(text));
    }
  });

  it('falls back to frame anchors when a huge dump has no header', () => {
    const frames = seed.split('\n').slice(2).join('\n');
    const text = filler(400_000) + frames + filler(400_000);
    const a = answer(kb, text);
    expect(a.traces[0]).toMatchObject({ article: '298398', level: 'strong' });
    expect(a.notices.join(' ')).toMatch(/No crash header/);
  });

  it('keeps multi-byte text intact across chunks', () => {
    const text = 'é'.repeat(300_000) + '\n' + seed;
    const scan = scanStream(readString(text), { anchors: [], chunkBytes: 65536 });
    expect(scan.bytes).toBe(Buffer.byteLength(text));
    expect(findCrashes(scan.excerpts[0]!.text)[0]?.headers).toEqual(['fatal error: concurrent map writes']);
  });
});

describe('adversarial input finishes and answers', () => {
  const cases: [string, string][] = [
    ['1 MB of (((', '('.repeat(1 << 20)],
    ['1 MB of )))', ')'.repeat(1 << 20)],
    ['a long dotted identifier', `${'a.'.repeat(300_000)}b(...)`],
    ['a 1 MB line', 'x'.repeat(1 << 20)],
    ['a 1 MB line of slashes and dots', '/a.go'.repeat(200_000)],
    ['many headers', 'fatal error: x\n'.repeat(50_000)],
    ['frames with no end', 'a.b(\n'.repeat(50_000)],
    ['nested brackets', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['a prefix with no trace', `${'[RTR/0] '.repeat(100_000)}panic`],
    ['entities', '&lt;&gt;&amp;'.repeat(100_000)],
  ];
  it.each(cases)('%s', (_, text) => {
    // Catastrophic backtracking would take minutes: the test's timeout catches it; no timed assertion.
    const a = answer(kb, text);
    expect(a.traces.filter((t) => t.level !== 'partial')).toEqual([]);
  });

  it('an empty or blank input (a bare mention) gets the help', () => {
    expect(answer(kb, '').intent).toBe('help');
    expect(answer(kb, ' \n\t ').intent).toBe('help');
  });
});
