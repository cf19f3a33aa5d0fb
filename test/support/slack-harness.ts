import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LogLevel, type Logger } from '@slack/bolt';
import { FakeSlackApi } from '../../src/playground/fake-slack-api.ts';
import { runBot, type RunningBot } from '../../src/app/run-bot.ts';
import { jsonLogger } from '../../src/observe/json-logger.ts';
import { sendToBot } from '../../src/playground/slack-requests.ts';
import { realKb, FIXTURES } from './kb.ts';
import type { Store } from '../../src/store/memory-store.ts';

export const SECRET = 'test-signing-secret';
export const TOKEN = 'xoxb-test-token';
export const SEED = readFileSync(join(FIXTURES, 'traces/match/seed-verbatim.log'), 'utf8');

export interface Harness {
  fake: FakeSlackApi;
  bot: RunningBot;
  logs: string[];
  send: (req: { body: string; type: string }, retry?: number) => Promise<Response>;
  close: () => Promise<void>;
}

/** The real Bolt app over HTTP, against a local fake Slack Web API. */
export interface HarnessOptions {
  fileMaxBytes?: number;
  fileTimeoutMs?: number;
  readWorkers?: number;
  store?: Store;
  fake?: FakeSlackApi;
  redisUrl?: string;
  slackTimeoutMs?: number;
  kb?: () => ReturnType<typeof realKb>;
  fleetWritable?: boolean;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const ownFake = !options.fake;
  const fake = options.fake ?? new FakeSlackApi(TOKEN);
  if (ownFake) await fake.start();
  const logs: string[] = [];
  const logger: Logger = jsonLogger((l) => void logs.push(l), LogLevel.DEBUG);
  const bot = await runBot({
    config: {
      mode: 'http', botToken: TOKEN, signingSecret: SECRET, port: 0, host: '127.0.0.1', slackApiUrl: `${fake.url}/api/`,
      fileMaxBytes: options.fileMaxBytes ?? 5 * 1024 * 1024, logLevel: 'debug',
      ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
      ...(options.slackTimeoutMs ? { slackTimeoutMs: options.slackTimeoutMs } : {}),
      ...(options.fileTimeoutMs ? { fileTimeoutMs: options.fileTimeoutMs } : {}),
      ...(options.readWorkers ? { readWorkers: options.readWorkers } : {}),
      ...(options.fleetWritable ? { fleetWritable: true } : {}),
    },
    kb: options.kb ?? realKb,
    logger,
    ...(options.store ? { store: options.store } : {}),
  });
  return {
    fake,
    bot,
    logs,
    send: (req, retry) => sendToBot(bot.url, SECRET, req, retry),
    close: async () => {
      await bot.stop(1000);
      if (ownFake) await fake.stop();
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `check` holds (polling), or fails after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 8000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(25)) if (await check()) return;
  throw new Error('condition not met in time');
}
