import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogLevel } from '@slack/bolt';
import { FakeSlackApi } from '../src/playground/fake-slack-api.ts';
import { runBot } from '../src/app/run-bot.ts';
import { jsonLogger } from '../src/observe/json-logger.ts';
import { eventBody, sendToBot } from '../src/playground/slack-requests.ts';
import { realKb } from './support/kb.ts';
import { SECRET, TOKEN, until } from './support/slack-harness.ts';

let fake: FakeSlackApi;
beforeAll(async () => {
  fake = new FakeSlackApi(TOKEN);
  await fake.start();
});
afterAll(async () => fake.stop());

async function botAt(level: LogLevel, name: 'debug' | 'info' | 'warn' | 'error') {
  const lines: string[] = [];
  const bot = await runBot({
    config: { mode: 'http', botToken: TOKEN, signingSecret: SECRET, port: 0, host: '127.0.0.1', slackApiUrl: `${fake.url}/api/`, fileMaxBytes: 1 << 20, logLevel: name },
    kb: realKb,
    logger: jsonLogger((l) => void lines.push(l), level),
  });
  return { bot, levels: () => lines.map((l) => (JSON.parse(l) as { level: string }).level) };
}

describe('LOG_LEVEL', () => {
  it.each([
    [LogLevel.WARN, 'warn', ['info', 'debug']],
    [LogLevel.ERROR, 'error', ['warn', 'info', 'debug']],
  ] as const)('at %s, kb-bot and Bolt log nothing below it', async (level, name, below) => {
    const { bot, levels } = await botAt(level, name);
    try {
      const channel = `CLOG${name}`;
      await sendToBot(bot.url, SECRET, eventBody({ type: 'app_mention', user: 'U1', text: '<@UKBBOT0001> TAS 2.13.20', ts: '1740000000.000100', channel }));
      await until(() => fake.of('chat.postMessage').some((c) => c.args.channel === channel));
      // Unsigned: Bolt's receiver would log a warning; kb-bot's own start-up line is info.
      await fetch(`${bot.url}/slack/events`, { method: 'POST', body: '{}' });
    } finally {
      await bot.stop(500);
    }
    for (const l of below) expect(levels()).not.toContain(l);
  });

  it('at debug, Bolt\'s own debug lines come through (positive control)', async () => {
    const { bot, levels } = await botAt(LogLevel.DEBUG, 'debug');
    await sendToBot(bot.url, SECRET, eventBody({ type: 'app_mention', user: 'U1', text: '<@UKBBOT0001> TAS 2.13.20', ts: '1740000000.000200', channel: 'CLOGDEBUG' }));
    await until(() => fake.of('chat.postMessage').some((c) => c.args.channel === 'CLOGDEBUG'));
    await bot.stop(500);
    expect(levels()).toContain('debug');
    expect(levels()).toContain('info');
  });
});
