/** Inputs for bench/trace-scan: GOTRACEBACK=all-style dumps and the adversarial shapes of issue 11. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const SEED = readFileSync(join(root, 'test/fixtures/traces/match/seed-verbatim.log'), 'utf8');
const GO = '/var/vcap/data/packages/golang-1.20-linux/52b7dfbcdc9e152c3a88836448f1dfe69abfc8d3/src';
const KINDS = [
  (id: number) => `goroutine ${id} [select, 12 minutes]:\nnet/http.(*persistConn).writeLoop(0xc000${(id % 4096).toString(16)}a20)\n\t${GO}/net/http/transport.go:2421 +0xe5\ncreated by net/http.(*Transport).dialConn in goroutine ${id % 977}\n\t${GO}/net/http/transport.go:1777 +0x16f1\n`,
  (id: number) => `goroutine ${id} [IO wait]:\ninternal/poll.runtime_pollWait(0x7f3a1c2b${(id % 65536).toString(16)}, 0x72)\n\t${GO}/runtime/netpoll.go:343 +0x85\ninternal/poll.(*pollDesc).wait(0xc0004a2b18?, 0xc000a8e000?, 0x0)\n\t${GO}/internal/poll/fd_poll_runtime.go:84 +0x27\nnet.(*conn).Read(0xc000012345, {0xc000a8e000?, 0x1000?, 0x0?})\n\t${GO}/net/net.go:179 +0x45\n`,
  (id: number) => `goroutine ${id} [chan receive, 3 minutes]:\ncode.cloudfoundry.org/gorouter/registry.(*RouteRegistry).pruneStaleDroplets(0xc000192000)\n\t/var/vcap/data/compile/gorouter/src/code.cloudfoundry.org/gorouter/registry/registry.go:318 +0x1a5\ncreated by code.cloudfoundry.org/gorouter/registry.(*RouteRegistry).StartPruningCycle in goroutine 1\n\t/var/vcap/data/compile/gorouter/src/code.cloudfoundry.org/gorouter/registry/registry.go:301 +0x6a\n`,
];

/**
 * A dump of `size` bytes with the seed crash at each fraction in `at`;
 * `headerless` drops its `fatal error:` line (a dump cut before its header).
 */
export function makeDump(size: number, at: number[], headerless = false): string {
  const crash = headerless ? SEED.split('\n').slice(2).join('\n') : SEED;
  const parts: string[] = [];
  const marks = at.map((f) => f * size);
  let length = 0;
  for (let id = 1000; length < size; id++) {
    if (marks[0] !== undefined && length >= marks[0]) {
      marks.shift();
      parts.push(`${crash}\n`);
      length += crash.length + 1;
    }
    const g = `${(KINDS[id % KINDS.length] as (n: number) => string)(id)}\n`;
    parts.push(g);
    length += g.length;
  }
  return parts.join('');
}

export function writeDump(path: string, size: number, at: number[], headerless = false): void {
  writeFileSync(path, makeDump(size, at, headerless));
}

export const fill = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
export const distinct = (line: (i: number) => string, bytes: number) => {
  const parts: string[] = [];
  for (let i = 0, size = 0; size < bytes; i++) size += parts[parts.push(line(i)) - 1]!.length;
  return parts.join('');
};

/** The shapes that made crash finding quadratic (issue 11, finding 2), each `bytes` long. */
export const ADVERSARIAL: [string, (bytes: number) => string][] = [
  ['`panic: ` repeated, no newline', (b) => fill('panic: ', b)],
  ['`fatal error: ` repeated, no newline', (b) => fill('fatal error: ', b)],
  ['one header a line', (b) => fill('panic: x\n', b)],
  ['distinct headers', (b) => distinct((i) => `panic: e${i}\n`, b)],
  ['distinct crashes', (b) => distinct((i) => `fatal error: e${i}\ngoroutine 1 [running]:\nmain.f${i}()\n\t/a/b.go:1\n`, b)],
  ['nested panics', (b) => `panic: a [recovered]\n${fill('\tpanic: b\n', b)}`],
  ['400 bytes of prefix, then a header', (b) => fill(`${' x'.repeat(200)}panic: y\n`, b)],
  ['4,000 `(` a line', (b) => fill(`${'('.repeat(4000)})x\n`, b)],
  ['a path of 2,000 slashes a line', (b) => fill(`${'/a'.repeat(2000)} \n`, b)],
  ['a header ending in 4,000 backticks', (b) => fill(`panic: ${'`'.repeat(4000)}x\n`, b)],
  ['a prefix of `[`', (b) => fill(`${'['.repeat(390)}panic: z\n`, b)],
  ['brackets in a frame name', (b) => fill(`a.b${'['.repeat(990)}()\n`, b)],
  ['newlines only', (b) => fill('\n', b)],
  ['CRs only', (b) => fill('\r', b)],
  ['goroutine headers only', (b) => fill('goroutine 1 [running]:\n', b)],
  ['dotted words a line, under a Java frame', (b) => `\tat a.b(C.java:1)\n${fill(`${'a.'.repeat(300)}\n`, b)}`],
  ['`\tat ` repeated a line', (b) => fill(`${'\tat '.repeat(150)}\n`, b)],
];
