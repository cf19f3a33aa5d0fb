/**
 * bench/startup: what a user waits for, whole processes, in one run. Builds
 * dist/ if it is stale, writes a 100 MB goroutine dump (the KB 298398 crash
 * near the start, the middle and the end), then runs, interleaved round by
 * round so that a busy machine slows every command alike:
 *   node -e 0                     the floor: Node starting and exiting
 *   kb-bot --version, --help      no knowledge, no zod, no lunr
 *   kb-bot ask "TAS 2.13.20"      knowledge loaded (from the cache), one answer
 *   grep -F -c … dump             the floor for reading 100 MB
 *   kb-bot match dump             the whole matcher on 100 MB
 * and, for reference, `ask` run from src/ through tsx (how bin/kb-bot.js ran
 * before the build). Prints medians and ratios against the goals
 * (ask ≤ 3× node -e 0, match ≤ 3× grep); never asserts times.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SIZE = Number(process.env.BENCH_TRACE_MB ?? 100) * 1e6;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11);
const GREP = ['-F', '-c', '-e', 'fatal error:', '-e', 'panic:', '-e', 'HandleError'];

/** Goroutines of an idle gorouter, with the seed crash dropped in at three places. */
function writeDump(path: string): void {
  const seed = readFileSync(join(root, 'test/fixtures/traces/match/seed-verbatim.log'), 'utf8');
  const go = '/var/vcap/data/packages/golang-1.20-linux/52b7dfbcdc9e152c3a88836448f1dfe69abfc8d3/src';
  const goroutine = (id: number) =>
    id % 2 === 0
      ? `goroutine ${id} [select, 12 minutes]:\nnet/http.(*persistConn).writeLoop(0xc000${(id % 4096).toString(16)}a20)\n\t${go}/net/http/transport.go:2421 +0xe5\ncreated by net/http.(*Transport).dialConn in goroutine ${id % 977}\n\t${go}/net/http/transport.go:1777 +0x16f1\n\n`
      : `goroutine ${id} [IO wait]:\ninternal/poll.runtime_pollWait(0x7f3a1c2b${(id % 65536).toString(16)}, 0x72)\n\t${go}/runtime/netpoll.go:343 +0x85\nnet.(*conn).Read(0xc000012345, {0xc000a8e000?, 0x1000?, 0x0?})\n\t${go}/net/net.go:179 +0x45\n\n`;
  const parts: string[] = [];
  const marks = [0.02, 0.5, 0.98].map((f) => f * SIZE);
  let size = 0;
  for (let id = 1000; size < SIZE; id++) {
    if (marks[0] !== undefined && size >= marks[0]) {
      marks.shift();
      parts.push(`${seed}\n`);
      size += seed.length + 1;
    }
    const g = goroutine(id);
    parts.push(g);
    size += g.length;
  }
  writeFileSync(path, parts.join(''));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

interface Command {
  name: string;
  argv: string[];
  /** Exit codes that mean it worked. */
  ok: number[];
}

export function runStartup(): void {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('startup: the build failed');
  const dir = mkdtempSync(join(tmpdir(), 'kb-startup-'));
  const dump = join(dir, 'dump.log');
  const env = { ...process.env, KB_CACHE_DIR: join(dir, 'cache') };
  try {
    writeDump(dump);
    const kb = (...args: string[]) => [process.execPath, join(root, 'bin/kb-bot.js'), ...args];
    const commands: Command[] = [
      { name: 'node -e 0', argv: [process.execPath, '-e', '0'], ok: [0] },
      { name: 'kb-bot --version', argv: kb('--version'), ok: [0] },
      { name: 'kb-bot --help', argv: kb('--help'), ok: [0] },
      { name: 'kb-bot ask "TAS 2.13.20"', argv: kb('ask', 'TAS 2.13.20'), ok: [0] },
      {
        name: 'ask, src/ through tsx',
        argv: [process.execPath, '--import', 'tsx', '--input-type=module', '-e', "const { main, processIo } = await import('./src/cli/main.ts'); process.exitCode = await main(['ask', 'TAS 2.13.20'], processIo);"],
        ok: [0],
      },
      { name: `grep -F -c (${SIZE / 1e6} MB)`, argv: ['grep', ...GREP, dump], ok: [0] },
      { name: `kb-bot match (${SIZE / 1e6} MB)`, argv: kb('match', dump), ok: [0] },
    ];
    const times = new Map(commands.map((c) => [c.name, [] as number[]]));
    const run = (c: Command) => {
      const t = performance.now();
      const r = spawnSync(c.argv[0] as string, c.argv.slice(1), { cwd: root, env, maxBuffer: 1 << 26 });
      const ms = performance.now() - t;
      if (!c.ok.includes(r.status ?? -1)) throw new Error(`startup: ${c.name} exited ${r.status}: ${r.stderr}`);
      return ms;
    };
    // Warm the page cache, the knowledge cache and the build check once.
    for (const c of commands) run(c);
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order each round so no command always runs right after the heavy ones.
      for (let i = 0; i < commands.length; i++) {
        const c = commands[(i + round) % commands.length] as Command;
        times.get(c.name)?.push(run(c));
      }
    }
    const m = (name: string) => median(times.get(name) ?? []);
    const node = m('node -e 0');
    const grep = m(`grep -F -c (${SIZE / 1e6} MB)`);
    console.log(`startup: whole processes, median of ${ROUNDS} interleaved rounds (Node ${process.version})`);
    for (const c of commands) {
      const base = c.name.startsWith('kb-bot match') || c.name.startsWith('grep') ? grep : node;
      const against = base === grep ? 'grep' : 'node -e 0';
      console.log(`  ${c.name.padEnd(28)} ${m(c.name).toFixed(0).padStart(6)} ms  ${(m(c.name) / base).toFixed(2)}x ${against}`);
    }
    const ask = m('kb-bot ask "TAS 2.13.20"') / node;
    const match = m(`kb-bot match (${SIZE / 1e6} MB)`) / grep;
    console.log(`  goal ask <= 3x node -e 0: ${ask.toFixed(2)}x ${ask <= 3 ? 'met' : 'NOT met'}`);
    console.log(`  goal match <= 3x grep:    ${match.toFixed(2)}x ${match <= 3 ? 'met' : 'NOT met'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
