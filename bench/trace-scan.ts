/**
 * bench/trace-scan: a 100 MB GOTRACEBACK=all-style dump with the KB 298398
 * crash near the start, the middle and the end. In one run it times
 *   (a) kb-bot's matcher in this process (knowledge loaded, file reading included),
 *   (b) the whole process `grep -F -c -e 'fatal error:' -e 'panic:' -e 'HandleError'`,
 * both warm, and the whole process `kb-bot match` against the same grep, with
 * its peak resident memory. Prints ratios, never asserts times.
 */
import { closeSync, openSync, readSync, writeFileSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledgeDir } from '../src/node/load-knowledge-dir.ts';
import { prepare } from '../src/core/answer/prepare.ts';
import { answer } from '../src/core/answer/answer.ts';
import { pasteFromScan } from '../src/core/query/read-paste.ts';
import { emptyQuery } from '../src/core/query/empty-query.ts';
import { scanStream } from '../src/core/traces/scan-stream.ts';
import type { ScalingRow } from './scaling-table.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const SIZE = Number(process.env.BENCH_TRACE_MB ?? 100) * 1e6;
const RUNS = 5;

function makeDump(path: string, total = SIZE): void {
  const seed = readFileSync(join(root, 'test/fixtures/traces/match/seed-verbatim.log'), 'utf8');
  const go = '/var/vcap/data/packages/golang-1.20-linux/52b7dfbcdc9e152c3a88836448f1dfe69abfc8d3/src';
  const kinds = [
    (id: number) => `goroutine ${id} [select, 12 minutes]:\nnet/http.(*persistConn).writeLoop(0xc000${(id % 4096).toString(16)}a20)\n\t${go}/net/http/transport.go:2421 +0xe5\ncreated by net/http.(*Transport).dialConn in goroutine ${id % 977}\n\t${go}/net/http/transport.go:1777 +0x16f1\n`,
    (id: number) => `goroutine ${id} [IO wait]:\ninternal/poll.runtime_pollWait(0x7f3a1c2b${(id % 65536).toString(16)}, 0x72)\n\t${go}/runtime/netpoll.go:343 +0x85\ninternal/poll.(*pollDesc).wait(0xc0004a2b18?, 0xc000a8e000?, 0x0)\n\t${go}/internal/poll/fd_poll_runtime.go:84 +0x27\nnet.(*conn).Read(0xc000012345, {0xc000a8e000?, 0x1000?, 0x0?})\n\t${go}/net/net.go:179 +0x45\n`,
    (id: number) => `goroutine ${id} [chan receive, 3 minutes]:\ncode.cloudfoundry.org/gorouter/registry.(*RouteRegistry).pruneStaleDroplets(0xc000192000)\n\t/var/vcap/data/compile/gorouter/src/code.cloudfoundry.org/gorouter/registry/registry.go:318 +0x1a5\ncreated by code.cloudfoundry.org/gorouter/registry.(*RouteRegistry).StartPruningCycle in goroutine 1\n\t/var/vcap/data/compile/gorouter/src/code.cloudfoundry.org/gorouter/registry/registry.go:301 +0x6a\n`,
  ];
  const parts: string[] = [];
  let size = 0;
  let id = 1000;
  const marks = [0.02, 0.5, 0.98].map((f) => f * total);
  while (size < total) {
    if (marks[0] !== undefined && size >= marks[0]) {
      marks.shift();
      parts.push(`${seed}\n`);
      size += seed.length + 1;
    }
    const g = (kinds[id % kinds.length] as (n: number) => string)(id++) + '\n';
    parts.push(g);
    size += g.length;
  }
  writeFileSync(path, parts.join(''));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

export function runTraceScan(): ScalingRow[] {
  const dir = mkdtempSync(join(tmpdir(), 'kb-bench-'));
  const file = join(dir, 'dump.log');
  try {
    makeDump(file);
    const { knowledge } = loadKnowledgeDir(join(root, 'knowledge'));
    const kb = prepare(knowledge);
    const matchInProcess = () => {
      const fd = openSync(file, 'r');
      try {
        const scan = scanStream((into, offset, length) => readSync(fd, into, offset, length, null), { anchors: kb.anchors, logAnchors: kb.logAnchors });
        const a = answer(kb, { ...emptyQuery(''), paste: pasteFromScan(scan, '', kb).paste });
        if (a.traces[0]?.level !== 'exact') throw new Error('bench: the crash was not found');
        return a;
      } finally {
        closeSync(fd);
      }
    };
    const grep = () => {
      const r = spawnSync('grep', ['-F', '-c', '-e', 'fatal error:', '-e', 'panic:', '-e', 'HandleError', file]);
      if (r.status !== 0) throw new Error(`grep failed: ${r.stderr}`);
    };
    const kbProcess = () => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/match-once.ts'), file], { cwd: root });
      if (r.status !== 0) throw new Error(`kb-bot match failed: ${r.stderr}`);
      return JSON.parse(r.stdout.toString()) as { maxRssMb: number };
    };
    // Warm the page cache and the JIT.
    matchInProcess();
    grep();
    const a = median(Array.from({ length: RUNS }, () => time(matchInProcess)));
    const b = median(Array.from({ length: RUNS }, () => time(grep)));
    let rss = 0;
    const whole = median(Array.from({ length: 3 }, () => time(() => (rss = Math.max(rss, kbProcess().maxRssMb)))));
    const crashes = matchInProcess().traces.length;
    console.log(`trace-scan: ${(SIZE / 1e6).toFixed(0)} MB dump, ${crashes} matched article(s)`);
    console.log(`  (a) kb-bot matcher in process: ${a.toFixed(1)} ms (median of ${RUNS})`);
    console.log(`  (b) grep -F -c, whole process: ${b.toFixed(1)} ms`);
    console.log(`  a/b = ${(a / b).toFixed(2)}  (target <= 2)`);
    console.log(`  kb-bot match, whole process: ${whole.toFixed(0)} ms = ${(whole / b).toFixed(1)}x grep (includes Node start-up and loading the knowledge)`);
    console.log(`  kb-bot match peak RSS: ${rss.toFixed(0)} MB  (target < 200)`);
    return scaling(dir, kb);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The matcher (in process, median of 3), grep, and kb-bot match's peak RSS at a tenth, 4/10 and all of SIZE. */
function scaling(dir: string, kb: ReturnType<typeof prepare>): ScalingRow[] {
  const sizes = [SIZE / 10, (SIZE * 4) / 10, SIZE];
  const matcher: number[] = [];
  const grepMs: number[] = [];
  const peak: number[] = [];
  for (const size of sizes) {
    const file = join(dir, `dump-${size}.log`);
    makeDump(file, size);
    const match = () => {
      const fd = openSync(file, 'r');
      try {
        const scan = scanStream((into, offset, length) => readSync(fd, into, offset, length, null), { anchors: kb.anchors, logAnchors: kb.logAnchors });
        answer(kb, { ...emptyQuery(''), paste: pasteFromScan(scan, '', kb).paste });
      } finally {
        closeSync(fd);
      }
    };
    match();
    matcher.push(median(Array.from({ length: 3 }, () => time(match))));
    grepMs.push(median(Array.from({ length: 3 }, () => time(() => spawnSync('grep', ['-F', '-c', '-e', 'fatal error:', '-e', 'panic:', '-e', 'HandleError', file])))));
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/match-once.ts'), file], { cwd: root });
    peak.push((JSON.parse(r.stdout.toString()) as { maxRssMb: number }).maxRssMb);
    rmSync(file, { force: true });
  }
  const work = sizes.map((s) => `${(s / 1e6).toFixed(0)} MB`);
  return [
    { bench: 'trace-scan', cost: 'matcher, in process', unit: 'ms', work, values: matcher, perUnit: false },
    { bench: 'trace-scan', cost: 'grep -F -c (baseline)', unit: 'ms', work, values: grepMs, perUnit: false },
    { bench: 'trace-scan', cost: 'kb-bot match peak RSS', unit: 'MB', work, values: peak, perUnit: false },
  ];
}
