/**
 * The load of bench/events (and its profiler): the servers, each in its own
 * process, the event mix, and timing one event from request to posted reply.
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { FakeSlackApi, SlackCall } from '../src/playground/fake-slack-api.ts';
import { eventBody, sendToBot } from '../src/playground/slack-requests.ts';
import { processCpuMs } from './proc-cpu.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const SECRET = 'bench-secret';
const TOKEN = 'xoxb-bench';

export type Name = 'ack' | 'tiny' | 'same' | 'kb-bot' | 'kb-bot, no cache';
export interface Server {
  name: Name;
  url: string;
  proc: ChildProcess;
  /** Whether the bench waits for a posted reply (every server but ack). */
  posts: boolean;
}

/** Starts bench/event-server.ts in its own process and waits for its URL. */
export async function child(name: Name, fakeUrl: string, replies?: string, nodeArgs: string[] = []): Promise<Server> {
  const mode = name.startsWith('kb-bot') ? 'kb' : name;
  const env = { ...process.env, ...(name === 'kb-bot, no cache' ? { KB_ANSWER_CACHE: '0' } : {}) };
  const args = [...nodeArgs, '--import', 'tsx', join(root, 'bench/event-server.ts'), mode, fakeUrl, ...(replies ? [replies] : [])];
  const proc = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', resolve);
    proc.once('exit', (code) => reject(new Error(`event-server ${mode} exited with ${code}`)));
  });
  return { name, url: (JSON.parse(line) as { url: string }).url, proc, posts: name !== 'ack' };
}

export const SEED = readFileSync(join(root, 'test/fixtures/traces/match/seed-verbatim.log'), 'utf8');
export const MENTION = '<@UKBBOT0001> is TAS 2.13.20 affected?';

let n = 0;
/** Half mentions with a version question, half pasted seed crashes in a channel (passive). */
function nextEvent(): { body: string; type: string; channel: string } {
  n++;
  const ts = `1700${String(n).padStart(6, '0')}.000100`;
  const channel = `C${n}`;
  const ev =
    n % 2 === 0
      ? eventBody({ type: 'app_mention', user: 'U1', text: MENTION, ts, channel })
      : eventBody({ type: 'message', channel_type: 'channel', user: 'U1', text: SEED, ts, channel });
  return { ...ev, channel };
}

export class Load {
  private readonly waiting = new Map<string, () => void>();
  constructor(fake: FakeSlackApi) {
    fake.on('call', (c: SlackCall) => {
      if (c.method === 'chat.postMessage') this.waiting.get(String(c.args.channel))?.();
    });
  }

  /** One event, timed from sending the request to the posted reply (ack: to the response). */
  async one(s: Server): Promise<number> {
    const ev = nextEvent();
    const t = performance.now();
    const posted = s.posts ? new Promise<void>((r) => this.waiting.set(ev.channel, r)) : null;
    const res = await sendToBot(s.url, SECRET, ev);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`bench: ${s.name} answered ${res.status}`);
    if (posted) await posted;
    this.waiting.delete(ev.channel);
    return performance.now() - t;
  }

  /** `total` events with `concurrency` in flight: events/s, server CPU ms per event, this process's CPU share. */
  async capacity(s: Server, total: number, concurrency: number): Promise<{ rate: number; cpuPerEvent: number; loadCpu: number }> {
    const cpu0 = processCpuMs(s.proc.pid as number);
    const own0 = process.cpuUsage();
    const started = performance.now();
    let sent = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (sent < total) {
        sent++;
        await this.one(s);
      }
    }));
    const wall = performance.now() - started;
    await new Promise((r) => setTimeout(r, 50));
    const own = process.cpuUsage(own0);
    return { rate: total / (wall / 1000), cpuPerEvent: (processCpuMs(s.proc.pid as number) - cpu0) / total, loadCpu: (own.user + own.system) / 1000 / wall };
  }

  /** Events at a steady rate: latencies, and server CPU ms per event. */
  async steady(s: Server, ratePerSec: number, seconds: number): Promise<{ latencies: number[]; cpuPerEvent: number }> {
    const cpu0 = processCpuMs(s.proc.pid as number);
    const latencies: Promise<number>[] = [];
    const interval = 1000 / ratePerSec;
    const start = performance.now();
    const count = Math.round(ratePerSec * seconds);
    for (let i = 0; i < count; i++) {
      const wait = start + i * interval - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      latencies.push(this.one(s));
    }
    const all = await Promise.all(latencies);
    return { latencies: all, cpuPerEvent: (processCpuMs(s.proc.pid as number) - cpu0) / count };
  }
}

/** What kb-bot posts for each distinct text, so the "same" baseline posts exactly that. */
export async function recordReplies(kb: Server, fake: FakeSlackApi, load: Load, file: string): Promise<void> {
  const replies: Record<string, { text: unknown; blocks: unknown }> = {};
  for (const text of [MENTION, SEED]) {
    const before = fake.of('chat.postMessage').length;
    while (true) {
      await load.one(kb);
      const call = fake.of('chat.postMessage').slice(before).at(-1);
      const ch = Number(String(call?.args.channel).slice(1));
      if (call && (ch % 2 === 0 ? MENTION : SEED) === text) {
        replies[text] = { text: call.args.text, blocks: call.args.blocks };
        break;
      }
    }
  }
  writeFileSync(file, JSON.stringify(replies));
}

