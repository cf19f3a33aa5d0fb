/**
 * bench/replicas: sustained events against one replica with the in-memory
 * store, then two replicas sharing Redis behind a round-robin "load balancer"
 * (this process), in one run. A tenth of the events are delivered twice, to
 * the other replica, as Slack's retries are. Reports throughput, p50/p99 from
 * request to posted reply, and how many events were answered more than once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeSlackApi } from '../src/playground/fake-slack-api.ts';
import { eventBody, sendToBot } from '../src/playground/slack-requests.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const SECRET = 'bench-secret';
const TOKEN = 'xoxb-bench';
const RATE = 100;
const SECONDS = 10;

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function replica(fakeUrl: string, redisUrl?: string): Promise<{ url: string; proc: ChildProcess }> {
  const env = { ...process.env, ...(redisUrl ? { REDIS_URL: redisUrl } : {}) };
  const proc = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/event-server.ts'), 'kb', fakeUrl], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', resolve);
    proc.once('exit', (code) => reject(new Error(`replica exited with ${code}`)));
  });
  return { url: (JSON.parse(line) as { url: string }).url, proc };
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

export async function run(label: string, urls: string[], fake: FakeSlackApi, prefix: string, seconds = SECONDS): Promise<string> {
  const waiting = new Map<string, () => void>();
  const onCall = (c: { method: string; args: Record<string, unknown> }) => {
    if (c.method === 'chat.postMessage') waiting.get(String(c.args.channel))?.();
  };
  fake.on('call', onCall);
  const latencies: Promise<number>[] = [];
  const started = performance.now();
  for (let i = 0; i < RATE * seconds; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const channel = `${prefix}${i}`;
    const ev = eventBody({ type: 'app_mention', user: 'U1', text: '<@UKBBOT0001> is TAS 2.13.20 affected?', ts: `1720${String(i).padStart(6, '0')}.000100`, channel });
    const target = urls[i % urls.length] as string;
    latencies.push((async () => {
      const t = performance.now();
      const posted = new Promise<void>((r) => waiting.set(channel, r));
      await sendToBot(target, SECRET, ev);
      if (i % 10 === 0) await sendToBot(urls[(i + 1) % urls.length] as string, SECRET, ev, 1);
      await posted;
      return performance.now() - t;
    })());
  }
  const lat = await Promise.all(latencies);
  const elapsed = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 500));
  fake.off('call', onCall);
  const perChannel = new Map<string, number>();
  for (const c of fake.of('chat.postMessage')) {
    const ch = String(c.args.channel);
    if (ch.startsWith(prefix)) perChannel.set(ch, (perChannel.get(ch) ?? 0) + 1);
  }
  const duplicates = [...perChannel.values()].filter((v) => v > 1).length;
  const missing = RATE * seconds - perChannel.size;
  return `  ${label.padEnd(34)} ${(lat.length / elapsed).toFixed(0).padStart(4)} events/s  p50 ${pct(lat, 50).toFixed(1).padStart(5)} ms  p99 ${pct(lat, 99).toFixed(1).padStart(5)} ms  duplicates ${duplicates}  unanswered ${missing}`;
}

export async function runReplicas(): Promise<void> {
  const port = await freePort();
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const fake = new FakeSlackApi(TOKEN);
  await fake.start();
  const procs: ChildProcess[] = [];
  try {
    await new Promise((r) => setTimeout(r, 300));
    const single = await replica(fake.url);
    procs.push(single.proc);
    const a = await replica(fake.url, `redis://127.0.0.1:${port}`);
    const b = await replica(fake.url, `redis://127.0.0.1:${port}`);
    procs.push(a.proc, b.proc);
    // Warm up every replica (JIT, connections) before measuring.
    await run('warm-up', [single.url], fake, 'WONE', 2);
    await run('warm-up', [a.url, b.url], fake, 'WTWO', 2);
    console.log(`replicas: ${RATE} mentions/s for ${SECONDS} s, every tenth delivered twice (to the other replica when there are two)`);
    console.log(await run('1 replica, in-memory store', [single.url], fake, 'CONE'));
    console.log(await run('2 replicas, shared Redis', [a.url, b.url], fake, 'CTWO'));
  } finally {
    for (const p of procs) p.kill('SIGTERM');
    redis.kill('SIGKILL');
    await fake.stop();
  }
}
