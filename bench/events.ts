/**
 * bench/events: kb-bot's HTTP receiver against a bare Bolt app that only acks
 * the same events, in one run. Reports events per second at full load (kb-bot:
 * reply posted to the fake Slack API; bare: request acknowledged) and p50/p99
 * from request to posted reply at a steady 100 events/s. Both servers run in
 * their own process; this one sends the load and plays Slack's Web API.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { FakeSlackApi } from '../src/playground/fake-slack-api.ts';
import { eventBody, sendToBot } from '../src/playground/slack-requests.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const SECRET = 'bench-secret';
const TOKEN = 'xoxb-bench';

/** Starts bench/event-server.ts in its own process and waits for its URL. */
async function child(mode: 'kb' | 'bare', fakeUrl: string): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/event-server.ts'), mode, fakeUrl], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', resolve);
    proc.once('exit', (code) => reject(new Error(`event-server ${mode} exited with ${code}`)));
  });
  return { url: (JSON.parse(line) as { url: string }).url, proc };
}
const seed = readFileSync(join(root, 'test/fixtures/traces/match/seed-verbatim.log'), 'utf8');

let n = 0;
function nextEvent() {
  n++;
  const ts = `1700${String(n).padStart(6, '0')}.000100`;
  return n % 2 === 0
    ? eventBody({ type: 'app_mention', user: 'U1', text: '<@UKBBOT0001> is TAS 2.13.20 affected?', ts, channel: `C${n}` })
    : eventBody({ type: 'message', channel_type: 'channel', user: 'U1', text: seed, ts, channel: `C${n}` });
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

/** Sends `total` events with `concurrency` in flight; `done` resolves when an event's work is complete. */
async function throughput(total: number, concurrency: number, one: () => Promise<void>): Promise<number> {
  const started = performance.now();
  let sent = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (sent < total) {
      sent++;
      await one();
    }
  }));
  return total / ((performance.now() - started) / 1000);
}

async function steady(ratePerSec: number, seconds: number, one: () => Promise<number>): Promise<number[]> {
  const latencies: Promise<number>[] = [];
  const interval = 1000 / ratePerSec;
  const start = performance.now();
  for (let i = 0; i < ratePerSec * seconds; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    latencies.push(one());
  }
  return Promise.all(latencies);
}

export async function runEvents(): Promise<void> {
  const fake = new FakeSlackApi(TOKEN);
  await fake.start();
  const bot = await child('kb', fake.url);
  const bare = await child('bare', fake.url);
  const waiting = new Map<string, () => void>();
  fake.on('call', (c) => {
    if (c.method === 'chat.postMessage') waiting.get(String(c.args.channel))?.();
  });
  const kbOne = async (): Promise<number> => {
    const ev = nextEvent();
    const channel = (JSON.parse(ev.body) as { event: { channel: string } }).event.channel;
    const t = performance.now();
    const posted = new Promise<void>((r) => waiting.set(channel, r));
    await sendToBot(bot.url, SECRET, ev);
    await posted;
    waiting.delete(channel);
    return performance.now() - t;
  };
  const bareOne = async (): Promise<number> => {
    const t = performance.now();
    const res = await sendToBot(bare.url, SECRET, nextEvent());
    await res.arrayBuffer();
    return performance.now() - t;
  };
  try {
    await throughput(200, 8, async () => void (await kbOne()));
    await throughput(200, 8, async () => void (await bareOne()));
    const kbRate = await throughput(2000, 16, async () => void (await kbOne()));
    const bareRate = await throughput(2000, 16, async () => void (await bareOne()));
    const kbLat = await steady(100, 10, kbOne);
    const bareLat = await steady(100, 10, bareOne);
    console.log('events: HTTP receiver, half mentions ("is TAS 2.13.20 affected?"), half pasted seed crashes');
    console.log(`  throughput: kb-bot ${kbRate.toFixed(0)} events/s (to posted reply) vs bare Bolt ${bareRate.toFixed(0)} events/s (to ack) = ${(kbRate / bareRate).toFixed(2)}x  (target >= 0.8x)`);
    console.log(`  at 100 events/s: kb-bot p50 ${pct(kbLat, 50).toFixed(1)} ms, p99 ${pct(kbLat, 99).toFixed(1)} ms (target p99 < 50)`);
    console.log(`                   bare   p50 ${pct(bareLat, 50).toFixed(1)} ms, p99 ${pct(bareLat, 99).toFixed(1)} ms`);
  } finally {
    bot.proc.kill('SIGTERM');
    bare.proc.kill('SIGTERM');
    await fake.stop();
  }
}
