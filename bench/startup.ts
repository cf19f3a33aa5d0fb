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
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDump } from './dumps.ts';
import { median } from './stats.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const SIZE = Number(process.env.BENCH_TRACE_MB ?? 100) * 1e6;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11);
const GREP = ['-F', '-c', '-e', 'fatal error:', '-e', 'panic:', '-e', 'HandleError'];

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
    writeDump(dump, SIZE, [0.02, 0.5, 0.98]);
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
