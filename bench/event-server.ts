/**
 * One server for bench/events, in its own process so that it has a core to
 * itself: `kb` runs kb-bot's HTTP mode against the fake Slack API given;
 * `bare` runs a Bolt app that only acknowledges events. Prints its URL.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { runBot } from '../src/app/run-bot.ts';
import { jsonLogger } from '../src/observe/json-logger.ts';
import { loadKnowledgeDir } from '../src/node/load-knowledge-dir.ts';
import { prepare } from '../src/core/answer/prepare.ts';

export const SECRET = 'bench-secret';
export const TOKEN = 'xoxb-bench';

const [mode, fakeUrl] = process.argv.slice(2);
if (mode === 'kb') {
  const { knowledge } = loadKnowledgeDir(join(fileURLToPath(new URL('..', import.meta.url)), 'knowledge'));
  const kb = prepare(knowledge);
  const bot = await runBot({
    config: {
      mode: 'http', botToken: TOKEN, signingSecret: SECRET, port: 0, host: '127.0.0.1', slackApiUrl: `${fakeUrl}/api/`, fileMaxBytes: 5 << 20, logLevel: 'error',
      ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL } : {}),
    },
    kb: () => kb,
    logger: jsonLogger(() => {}, LogLevel.ERROR),
  });
  // With Redis, report ready only once the store answers, so the bench measures shared state.
  for (let i = 0; i < 100 && process.env.REDIS_URL; i++) {
    const ready = (await (await fetch(`${bot.url}/readyz`)).json()) as { store: string };
    if (ready.store === 'redis') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  process.stdout.write(`${JSON.stringify({ url: bot.url })}\n`);
} else {
  const receiver = new HTTPReceiver({ signingSecret: SECRET, logLevel: LogLevel.ERROR });
  const app = new App({ token: TOKEN, receiver, logLevel: LogLevel.ERROR, tokenVerificationEnabled: false, botId: 'B1', botUserId: 'U0' });
  app.event('app_mention', async () => {});
  app.event('message', async () => {});
  const server = createServer(receiver.requestListener);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`);
}
process.once('SIGINT', () => process.exit(0));
process.once('SIGTERM', () => process.exit(0));
