/**
 * bench/hostile-upload: the real bot process (`kb-bot start`, HTTP mode)
 * receives one message with five files of the largest allowed size
 * (KB_FILE_MAX_BYTES, 100 MB by default), each an adversarial shape of issue
 * 11, plus mentions while it reads them. Reports /healthz latency and the
 * time to acknowledge a mention, p50/p99/max, while the files are read,
 * against the same measured on the idle bot in the same run; and how long the
 * upload took to be answered. The promise (docs/operations.md): acks and
 * /healthz under 100 ms. Prints figures, never asserts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventBody, sendToBot } from '../src/playground/slack-requests.ts';
import { makeDump } from './dumps.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const MB = Number(process.env.BENCH_UPLOAD_MB ?? 100);
const SECRET = 'bench-secret';
const SHAPES = ['panic: ', 'panic: x\n', 'fatal error: ', `${' x'.repeat(200)}panic: y\n`, `${'['.repeat(390)}panic: z\n`];

function lines(proc: ChildProcess, on: (line: string) => void): void {
  createInterface({ input: proc.stdout! }).on('line', on);
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}
const row = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1).padStart(6)} ms  p99 ${pct(xs, 99).toFixed(1).padStart(6)} ms  max ${Math.max(...xs).toFixed(1).padStart(6)} ms  (${xs.length} samples)`;

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

export async function runHostileUpload(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kb-hostile-'));
  const procs: ChildProcess[] = [];
  try {
    const size = MB << 20;
    const paths = SHAPES.map((unit, i) => {
      const p = join(dir, `hostile-${i}.log`);
      writeFileSync(p, unit.repeat(Math.ceil(size / unit.length)).slice(0, size));
      return p;
    });
    const dump = join(dir, 'dump.log');
    writeFileSync(dump, makeDump(size, [0.5]));
    const fake = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/fake-slack-process.ts'), ...paths, dump], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    procs.push(fake);
    const posted = new Map<string, () => void>();
    const first = new Promise<{ url: string; files: Record<string, unknown>[] }>((resolve) => {
      let seen = false;
      lines(fake, (l) => {
        const m = JSON.parse(l) as { url?: string; files?: Record<string, unknown>[]; post?: string };
        if (!seen && m.url) {
          seen = true;
          resolve(m as { url: string; files: Record<string, unknown>[] });
        } else if (m.post) posted.get(m.post)?.();
      });
    });
    const { url: fakeUrl, files } = await first;
    const bot = spawn(process.execPath, ['bin/kb-bot.js', 'start'], {
      cwd: root,
      env: { ...process.env, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${fakeUrl}/api/`, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', KB_FILE_MAX_BYTES: String(size) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    procs.push(bot);
    const url = await new Promise<string>((resolve) => lines(bot, (l) => /(http:\/\/127\.0\.0\.1:\d+)/.test(l) && resolve(/(http:\/\/127\.0\.0\.1:\d+)/.exec(l)![1]!)));
    // It listens before Slack has said who it is: wait until it is ready.
    for (let i = 0; i < 200 && (await fetch(`${url}/readyz`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 50));
    let n = 0;
    const reply = (channel: string) => new Promise<void>((r) => posted.set(channel, r));
    const mention = () => {
      const channel = `CM${++n}`;
      return { channel, ev: eventBody({ type: 'app_mention', user: 'U1', text: '<@UKBBOT0001> is TAS 2.13.20 affected?', ts: `1780${String(n).padStart(6, '0')}.000100`, channel }) };
    };
    /** Samples /healthz every 20 ms and a mention's ack every 200 ms until `done`. */
    const sample = async (done: () => boolean) => {
      const health: number[] = [];
      const acks: number[] = [];
      for (let i = 0; !done(); i++) {
        health.push(await timed(() => fetch(`${url}/healthz`).then((r) => r.arrayBuffer())));
        if (i % 10 === 0) {
          const m = mention();
          acks.push(await timed(() => sendToBot(url, SECRET, m.ev)));
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      return { health, acks };
    };
    const upload = async (channel: string, shared: Record<string, unknown>[]) => {
      const answered = reply(channel);
      let over = false;
      const t = performance.now();
      await sendToBot(url, SECRET, eventBody({ type: 'message', subtype: 'file_share', channel_type: 'im', user: 'U9', text: 'what is this?', ts: `1781${String(++n).padStart(6, '0')}.000100`, channel, files: shared }));
      const during = sample(() => over);
      await answered;
      const ms = performance.now() - t;
      over = true;
      return { ms, ...(await during) };
    };
    await upload('DWARM', [files[5] as Record<string, unknown>]);
    const t0 = performance.now();
    const idle = await sample(() => performance.now() - t0 > 3000);
    const ordinary = await upload('DDUMP', [files[5] as Record<string, unknown>]);
    const hostile = await upload('DHOSTILE', files.slice(0, 5));
    console.log(`hostile-upload: the real bot process, files of ${MB} MB (KB_FILE_MAX_BYTES)`);
    console.log(`  idle bot        /healthz ${row(idle.health)}`);
    console.log(`                  mention ack ${row(idle.acks)}`);
    console.log(`  one ordinary ${MB} MB dump, answered in ${ordinary.ms.toFixed(0)} ms`);
    console.log(`                  /healthz ${row(ordinary.health)}`);
    console.log(`  five adversarial files (${SHAPES.length} shapes), answered in ${hostile.ms.toFixed(0)} ms`);
    console.log(`                  /healthz ${row(hostile.health)}  = ${(pct(hostile.health, 99) / pct(idle.health, 99)).toFixed(1)}x idle p99`);
    console.log(`                  mention ack ${row(hostile.acks)}`);
    console.log('  (promise: acks and /healthz under 100 ms while the largest allowed inputs are read)');
  } finally {
    for (const p of procs) p.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
