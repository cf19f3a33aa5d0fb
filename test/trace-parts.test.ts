import { describe, expect, it } from 'vitest';
import { normalizeFrame, NORMALIZER_VERSION } from '../src/core/traces/normalize-frame.ts';
import { classifyLine } from '../src/core/traces/classify-line.ts';
import { findCrashes } from '../src/core/traces/find-crashes.ts';
import { frameAnchor } from '../src/core/traces/frame-anchor.ts';

describe('normalizeFrame (version 1)', () => {
  it('is the version the knowledge was written against', () => expect(NORMALIZER_VERSION).toBe(1));

  it.each([
    ['net/textproto.MIMEHeader.Set(...)', 'net/textproto.MIMEHeader.Set'],
    ['code.cloudfoundry.org/gorouter/proxy/round_tripper.(*ErrorHandler).HandleError(0xc0096bfb00?, {0xd5f2d8, 0xc002927040}, {0xd544a0, 0xc00007c0e0})', 'code.cloudfoundry.org/gorouter/proxy/round_tripper.(*ErrorHandler).HandleError'],
    ['main.main()', 'main.main'],
    ['net/http.(*Server).Serve.func3()', 'net/http.(*Server).Serve.func3'],
    ['created by net/http.(*Server).Serve in goroutine 1', 'net/http.(*Server).Serve'],
    ['example.com/m/cache.(*Map[...]).Store(0xc000010000, {0x4b2f60, 0x5})', 'example.com/m/cache.(*Map[...]).Store'],
    ['example.com/m/cache.Get[go.shape.string](...)', 'example.com/m/cache.Get[...]'],
    ['code.cloudfoundry.org/gorouter/vendor/net/http.Header.Set(...)', 'net/http.Header.Set'],
    ['sync.(*Once).doSlow.gowrap1()', 'sync.(*Once).doSlow.gowrap1'],
  ])('%s -> %s', (line, want) => expect(normalizeFrame(line)).toBe(want));
});

describe('classifyLine reads past log prefixes', () => {
  it.each([
    ['goroutine 3061391056 [running]:', 'goroutine'],
    ['goroutine 7 gp=0xc000007c00 m=nil [chan receive, 5 minutes]:', 'goroutine'],
    ['\t/var/vcap/src/net/http/header.go:40', 'file'],
    ['        /var/vcap/src/net/http/header.go:40 +0x1f', 'file'],
    ['2024-01-17T03:12:01Z [RTR/0] ERR net/http.Header.Set(...)', 'fn'],
    ['Jan 17 03:12:01 router-0 gorouter[1234]: fatal error: concurrent map writes', 'header'],
    ['[RTR/2] OUT panic: runtime error: index out of range [5] with length 3', 'header'],
    ['...additional frames elided...', 'elided'],
    ['[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x8c3f12]', 'signal'],
    ['someone said it was a fatal error: concurrent map writes', 'other'],
    ['I called http.Get(url) and it hung', 'other'],
    ['', 'blank'],
  ])('%j is %s', (line, kind) => expect(classifyLine(line).kind).toBe(kind));
});

describe('findCrashes', () => {
  it('keeps nested panics with their crash', () => {
    const c = findCrashes('panic: first [recovered]\n\tpanic: second\n\ngoroutine 1 [running]:\nmain.f(...)\n\t/x/main.go:3\n');
    expect(c).toHaveLength(1);
    expect(c[0]!.headers).toEqual(['panic: first [recovered]', 'panic: second']);
    expect(c[0]!.frames.map((f) => f.fn)).toEqual(['main.f']);
  });

  it('stops at the end of the running goroutine', () => {
    const c = findCrashes('fatal error: x\n\ngoroutine 1 [running]:\na.b(...)\n\t/a/b.go:1\n\ngoroutine 2 [select]:\nc.d()\n\t/c/d.go:2\n');
    expect(c[0]!.frames.map((f) => f.fn)).toEqual(['a.b']);
  });

  it('notes elided frames and the creator', () => {
    const c = findCrashes('panic: boom\n\ngoroutine 5 [running]:\na.b(...)\n\t/a/b.go:1\n...additional frames elided...\ncreated by a.c in goroutine 1\n\t/a/c.go:9 +0x1\n');
    expect(c[0]).toMatchObject({ elided: true, createdBy: 'a.c' });
  });
});

describe('frameAnchor', () => {
  it.each([
    ['code.cloudfoundry.org/gorouter/proxy/round_tripper.(*ErrorHandler).HandleError', 'HandleError'],
    ['example.com/x.run.func1', 'func1'],
  ])('%s -> %s', (frame, anchor) => expect(frameAnchor(frame)).toBe(anchor));
});
