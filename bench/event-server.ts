/**
 * One server for bench/events and bench/replicas, in its own process so that
 * its CPU time can be read from /proc and it has a core to itself:
 *
 *   kb FAKE_URL            kb-bot's HTTP mode against the fake Slack Web API
 *                          (KB_ANSWER_CACHE=0 in the environment: with its answer cache off)
 *   ack FAKE_URL           a bare Bolt app that only acknowledges events
 *   tiny FAKE_URL          a bare Bolt app that posts a one-word reply in the thread
 *   same FAKE_URL REPLIES  a bare Bolt app that posts, in the thread, the reply kb-bot
 *                          posted for the same text (REPLIES: a JSON file text → message)
 *
 * Prints {"url": …} once it listens.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
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

export type ServerMode = 'kb' | 'ack' | 'tiny' | 'same';

interface Reply {
  text: string;
  blocks: unknown[];
}

const [mode, fakeUrl = '', repliesFile] = process.argv.slice(2) as [ServerMode, string, string | undefined];

async function startKb(): Promise<string> {
  const { knowledge } = loadKnowledgeDir(join(fileURLToPath(new URL('..', import.meta.url)), 'knowledge'));
  const kb = prepare(knowledge);
  const bot = await runBot({
    config: {
      mode: 'http', botToken: TOKEN, signingSecret: SECRET, port: 0, host: '127.0.0.1', slackApiUrl: `${fakeUrl}/api/`, fileMaxBytes: 5 << 20, logLevel: 'error',
      ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL } : {}),
      ...(process.env.KB_ANSWER_CACHE ? { answerCacheEntries: Number(process.env.KB_ANSWER_CACHE) } : {}),
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
  return bot.url;
}

/** A Bolt app as its documentation shows one, with the fake Web API as Slack. */
async function startBare(): Promise<string> {
  const replies = repliesFile ? new Map(Object.entries(JSON.parse(readFileSync(repliesFile, 'utf8')) as Record<string, Reply>)) : new Map<string, Reply>();
  const receiver = new HTTPReceiver({ signingSecret: SECRET, logLevel: LogLevel.ERROR });
  const app = new App({
    token: TOKEN, receiver, logLevel: LogLevel.ERROR, tokenVerificationEnabled: false, botId: 'B1', botUserId: 'U0',
    clientOptions: { slackApiUrl: `${fakeUrl}/api/` },
  });
  const reply = async (event: { channel: string; ts: string; thread_ts?: string; text?: string }, client: App['client']) => {
    if (mode === 'ack') return;
    const thread_ts = event.thread_ts ?? event.ts;
    if (mode === 'tiny') {
      await client.chat.postMessage({ channel: event.channel, thread_ts, text: 'ok' });
      return;
    }
    const r = replies.get(event.text ?? '');
    if (!r) throw new Error(`bench: no recorded reply for ${JSON.stringify((event.text ?? '').slice(0, 60))}`);
    await client.chat.postMessage({ channel: event.channel, thread_ts, text: r.text, blocks: r.blocks as never, unfurl_links: false });
  };
  app.event('app_mention', async ({ event, client }) => reply(event, client));
  app.event('message', async ({ event, client }) => reply(event as never, client));
  const server = createServer(receiver.requestListener);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const url = mode === 'kb' ? await startKb() : await startBare();
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.once('SIGINT', () => process.exit(0));
process.once('SIGTERM', () => process.exit(0));
