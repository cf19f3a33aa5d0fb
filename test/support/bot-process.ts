import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import { SECRET, TOKEN } from './slack-harness.ts';
import { FakeSlackApi } from '../../src/playground/fake-slack-api.ts';
import { eventBody, sendToBot } from '../../src/playground/slack-requests.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface BotProcess {
  proc: ChildProcess;
  /** http://127.0.0.1:port once the bot printed it. */
  url: Promise<string>;
  /** Every line the bot wrote to stderr so far (JSON log lines). */
  log: string[];
  /** Resolves with the first log line that contains `text`. */
  logLine: (text: string, timeoutMs?: number) => Promise<string>;
  exited: Promise<number | null>;
  stop: () => Promise<number | null>;
}

/** The real bot (`bin/kb-bot.js start`, the built code) in its own process. */
export function startBot(env: NodeJS.ProcessEnv): BotProcess {
  const proc = spawn(process.execPath, ['bin/kb-bot.js', 'start'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const waiters: { text: string; resolve: (l: string) => void }[] = [];
  createInterface({ input: proc.stderr! }).on('line', (l) => {
    log.push(l);
    for (const w of waiters.filter((x) => l.includes(x.text))) {
      w.resolve(l);
      waiters.splice(waiters.indexOf(w), 1);
    }
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve));
  const url = new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).on('line', (l) => {
      const u = /(http:\/\/127\.0\.0\.1:\d+)/.exec(l)?.[1];
      if (u) resolve(u);
    });
    void exited.then((code) => reject(new Error(`the bot exited with ${code}:\n${log.join('\n')}`)));
  });
  url.catch(() => {});
  return {
    proc,
    url,
    log,
    exited,
    logLine: (text, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const found = log.find((l) => l.includes(text));
        if (found) return resolve(found);
        waiters.push({ text, resolve });
        setTimeout(() => reject(new Error(`no log line with "${text}" in ${timeoutMs} ms:\n${log.join('\n')}`)), timeoutMs).unref();
      }),
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      return exited;
    },
  };
}

/** The bot process as the fault tests drive it: its URL as soon as it listens (before it is ready). */
export interface RunningProcess {
  proc: ChildProcess;
  /** The bot's HTTP server, known as soon as it listens (before it is ready). */
  url: string;
  /** stderr, one JSON log line each. */
  logs: string[];
  exited: Promise<number | null>;
  /** Resident memory now, in MB (from /proc). */
  rssMb: () => number;
  stop: () => Promise<number | null>;
}

/** `kb-bot start` as a real process in HTTP mode on a free loopback port, against `apiUrl`. */
export async function startBotProcess(apiUrl: string, env: Record<string, string> = {}): Promise<RunningProcess> {
  const proc = spawn(process.execPath, ['bin/kb-bot.js', 'start'], {
    cwd: root,
    env: { ...process.env, SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: apiUrl, PORT: '0', HOST: '127.0.0.1', SLACK_API_TIMEOUT_MS: '1000', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  proc.stdout!.resume();
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stderr! }).on('line', (l) => {
      logs.push(l);
      const m = /"url":"(http:\/\/[^"]+)"/.exec(l);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) => reject(new Error(`the bot exited early with ${code}:\n${logs.join('\n')}`)));
  });
  return {
    proc,
    url,
    logs,
    exited,
    rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    stop: async () => {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      return exited;
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * Bot processes and fake Slack Web APIs for one test file, all stopped after
 * it; with the helpers those files share (readiness, posts, a mention).
 */
export function processFixtures() {
  const running: RunningProcess[] = [];
  const fakes: FakeSlackApi[] = [];
  afterAll(async () => {
    for (const b of running) b.proc.kill('SIGKILL');
    for (const f of fakes) await f.stop();
  });
  let n = 0;
  return {
    async fakeSlack(port = 0): Promise<FakeSlackApi> {
      const f = new FakeSlackApi(TOKEN);
      await f.start(port);
      fakes.push(f);
      return f;
    },
    async bot(apiUrl: string, env: Record<string, string> = {}): Promise<RunningProcess> {
      const b = await startBotProcess(apiUrl, env);
      running.push(b);
      return b;
    },
    async readyz(b: RunningProcess): Promise<{ status: number; body: Record<string, unknown> }> {
      const res = await fetch(`${b.url}/readyz`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    postsIn: (f: FakeSlackApi, channel: string) => f.of('chat.postMessage').filter((c) => c.args.channel === channel),
    mention: (channel: string) => eventBody({ type: 'app_mention', user: 'U1', text: '<@UKBBOT0001> is TAS 2.13.20 affected?', ts: `1770000${String(++n).padStart(3, '0')}.000100`, channel }),
  };
}

/**
 * The drain promise, for any way the bot is started: a mention whose reply
 * hangs once is in flight when SIGTERM arrives; the process exits 0 after
 * posting that reply exactly once.
 */
export async function expectSigtermDrains(proc: ChildProcess, url: string, fake: FakeSlackApi, channel: string, ts: string): Promise<void> {
  fake.failNext('chat.postMessage', { hang: true });
  const res = await sendToBot(url, SECRET, eventBody({ type: 'app_mention', user: 'U1', text: '<@UKBBOT0001> TAS 2.13.20', ts, channel }));
  expect(res.status).toBe(200);
  await new Promise((r) => setTimeout(r, 100));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve));
  proc.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(fake.of('chat.postMessage').filter((c) => c.args.channel === channel)).toHaveLength(1);
}

/** One fake Slack Web API for a test file, started before its tests and stopped after. */
export function useFakeSlack(): { readonly fake: FakeSlackApi } {
  const holder = {} as { fake: FakeSlackApi };
  beforeAll(async () => {
    holder.fake = new FakeSlackApi(TOKEN);
    await holder.fake.start();
  });
  afterAll(async () => holder.fake.stop());
  return holder;
}
