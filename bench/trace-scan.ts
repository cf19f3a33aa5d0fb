/**
 * bench/trace-scan: a 100 MB GOTRACEBACK=all-style dump with the KB 298398
 * crash near the start, the middle and the end. In one run it times
 *   (a) kb-bot's matcher in this process (knowledge loaded, file reading included),
 *   (b) the whole process `grep -F -c -e 'fatal error:' -e 'panic:' -e 'HandleError'`,
 * both warm, and the whole process `kb-bot match` against the same grep, with
 * its peak resident memory; then
 *   (c) Slack's path: the same dump downloaded from a Slack-like file host
 *       (bench/file-host.ts, its own process), streamed through the scanner and read in the worker pool, next
 *       to (a) — and a dump with its only crash at 98%, and one with no header;
 *   (d) answer() in MB/s on 8 MB of each adversarial shape of issue 11, next
 *       to 8 MB of the ordinary dump.
 * Prints ratios against baselines of the same run, never asserts times.
 */
import { closeSync, openSync, readSync, rmSync, mkdtempSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LogLevel } from '@slack/bolt';
import { loadKnowledgeDir } from '../src/node/load-knowledge-dir.ts';
import { prepare, type Prepared } from '../src/core/answer/prepare.ts';
import { answer } from '../src/core/answer/answer.ts';
import { pasteFromScan } from '../src/core/query/read-paste.ts';
import { emptyQuery } from '../src/core/query/empty-query.ts';
import { scanStream } from '../src/core/traces/scan-stream.ts';
import { createBot } from '../src/app/create-bot.ts';
import { messageText } from '../src/slack/message-text.ts';
import { answerForSlack } from '../src/slack/answer-for-slack.ts';
import { jsonLogger } from '../src/observe/json-logger.ts';
import { ADVERSARIAL, makeDump, writeDump } from './dumps.ts';
import type { ScalingRow } from './scaling-table.ts';
import { median } from './stats.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const SIZE = Number(process.env.BENCH_TRACE_MB ?? 100) * 1e6;
const RUNS = 5;

function time(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

async function timeAsync(f: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

function matchFile(kb: Prepared, file: string) {
  const fd = openSync(file, 'r');
  try {
    const scan = scanStream((into, offset, length) => readSync(fd, into, offset, length, null), { anchors: kb.anchors, logAnchors: kb.logAnchors });
    return answer(kb, { ...emptyQuery(''), paste: pasteFromScan(scan, '', kb).paste });
  } finally {
    closeSync(fd);
  }
}

export async function runTraceScan(): Promise<ScalingRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kb-bench-'));
  const file = join(dir, 'dump.log');
  const late = join(dir, 'late.log');
  const headerless = join(dir, 'headerless.log');
  try {
    writeDump(file, SIZE, [0.02, 0.5, 0.98]);
    writeDump(late, SIZE, [0.98]);
    writeDump(headerless, SIZE, [0.5], true);
    const { knowledge } = loadKnowledgeDir(join(root, 'knowledge'));
    const kb = prepare(knowledge);
    const matchInProcess = () => {
      const a = matchFile(kb, file);
      if (a.traces[0]?.level !== 'exact') throw new Error('bench: the crash was not found');
      return a;
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
    await slackPath(kb, { dump: file, late, headerless }, a);
    adversarial(kb);
    return scaling(dir, kb);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** (c) The Slack path: download (a file host in its own process), streamed scan, worker pool, answer; against (a). */
async function slackPath(kb: Prepared, files: Record<'dump' | 'late' | 'headerless', string>, cliMs: number): Promise<void> {
  const keys = Object.keys(files) as (keyof typeof files)[];
  const host = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/file-host.ts'), ...keys.map((k) => files[k])], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const { url, files: urls } = JSON.parse(await new Promise<string>((resolve) => createInterface({ input: host.stdout! }).once('line', resolve))) as { url: string; files: string[] };
  const shared = Object.fromEntries(keys.map((k, i) => [k, { id: `F${i}`, name: `${k}.log`, mimetype: 'text/plain', url_private_download: urls[i] }]));
  const bot = createBot({ kb: () => kb, logger: jsonLogger(() => {}, LogLevel.ERROR), botToken: 'xoxb-bench', slackApiUrl: `${url}/api/`, fileMaxBytes: 128 << 20, fileTimeoutMs: 120_000 });
  try {
    const viaSlack = async (key: keyof typeof files, want: string) => {
      const { text, sources, scanned } = await messageText(bot, '', [shared[key]]);
      const got = (await answerForSlack(bot, { text, sources, scanned }, 'bench')).answer.traces[0]?.level;
      if (got !== want) throw new Error(`bench: the Slack path found ${got ?? 'nothing'} in ${key}, not ${want}`);
    };
    const rawDownload = async () => {
      const res = await fetch(urls[0] as string, { headers: { authorization: 'Bearer xoxb-bench' } });
      for await (const _ of res.body as AsyncIterable<Uint8Array>);
    };
    await viaSlack('dump', 'exact'); // warm: the worker starts, the JIT runs
    await rawDownload();
    const transport = median(await sequence(RUNS, () => timeAsync(rawDownload)));
    const dump = median(await sequence(RUNS, () => timeAsync(() => viaSlack('dump', 'exact'))));
    const lateMs = median(await sequence(3, () => timeAsync(() => viaSlack('late', 'exact'))));
    const noHeader = median(await sequence(3, () => timeAsync(() => viaSlack('headerless', 'strong'))));
    const lateCli = median(Array.from({ length: 3 }, () => time(() => matchFile(kb, files.late))));
    const noHeaderCli = median(Array.from({ length: 3 }, () => time(() => matchFile(kb, files.headerless))));
    const mbps = (ms: number) => (SIZE / 1e6 / (ms / 1000)).toFixed(0);
    const beyond = (ms: number, cli: number) => `beyond the download ${(ms - transport).toFixed(0)} ms = ${((ms - transport) / cli).toFixed(2)}x the CLI path (${cli.toFixed(0)} ms)`;
    console.log(`  (c) Slack's path (download from a file host in another process, streamed scan, worker pool, answer):`);
    console.log(`      the download alone (fetch, bytes discarded): ${transport.toFixed(0)} ms — transport the CLI does not pay`);
    console.log(`      crashes at 2/50/98%: ${dump.toFixed(0)} ms, ${mbps(dump)} MB/s; ${beyond(dump, cliMs)}`);
    console.log(`      one crash at 98%:    ${lateMs.toFixed(0)} ms, ${mbps(lateMs)} MB/s; ${beyond(lateMs, lateCli)}`);
    console.log(`      no header (anchors): ${noHeader.toFixed(0)} ms, ${mbps(noHeader)} MB/s; ${beyond(noHeader, noHeaderCli)}`);
    console.log('      (target: beyond the download, within 1.5x the CLI path)');
  } finally {
    await bot.pool.close();
    host.kill('SIGTERM');
  }
}

async function sequence(n: number, f: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await f());
  return out;
}

/** (d) answer() on 8 MB of each adversarial shape, in MB/s, next to 8 MB of the ordinary dump. */
function adversarial(kb: Prepared): void {
  const size = 8 << 20;
  const rate = (text: string) => {
    answer(kb, text);
    const ms = Math.min(...Array.from({ length: 3 }, () => time(() => answer(kb, text))));
    return { ms, mbps: size / 1e6 / (ms / 1000) };
  };
  const base = rate(makeDump(size, [0.5]).slice(0, size));
  console.log(`  (d) answer() on 8 MB inputs (best of 3), against 8 MB of the ordinary dump: ${base.ms.toFixed(0)} ms, ${base.mbps.toFixed(0)} MB/s`);
  for (const [name, make] of ADVERSARIAL) {
    const r = rate(make(size));
    console.log(`      ${name.padEnd(38)} ${r.ms.toFixed(0).padStart(6)} ms ${r.mbps.toFixed(1).padStart(8)} MB/s  = ${(r.mbps / base.mbps).toFixed(2)}x the dump's rate`);
  }
}

/** Each cost at 1/10, 4/10 and all of the dump size, for the scaling table (superlinear growth shows). */
function scaling(dir: string, kb: Prepared): ScalingRow[] {
  const sizes = [SIZE / 10, (SIZE * 4) / 10, SIZE];
  const matcher: number[] = [];
  const grepMs: number[] = [];
  const peak: number[] = [];
  for (const size of sizes) {
    const file = join(dir, `dump-${size}.log`);
    writeDump(file, size, [0.02, 0.5, 0.98]);
    const match = () => void matchFile(kb, file);
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
