import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SECRET, TOKEN } from './slack-harness.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface BotProcess {
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
export async function startBotProcess(apiUrl: string, env: Record<string, string> = {}): Promise<BotProcess> {
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
