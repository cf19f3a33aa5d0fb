import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { FakeSlackApi } from '../src/playground/fake-slack-api.ts';
import { TOKEN, SECRET } from './support/slack-harness.ts';
import { startBot } from './support/bot-process.ts';

/** What an operator sees the first time the bot meets (or fails to meet) Slack: one clear line. */
let fake: FakeSlackApi;
beforeAll(async () => {
  fake = new FakeSlackApi(TOKEN);
  await fake.start();
});
afterAll(async () => fake.stop());

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const http = { SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_TIMEOUT_MS: '500' };

describe('first contact with Slack', () => {
  it('a good token: one line saying who the bot is', async () => {
    const bot = startBot({ ...http, SLACK_API_URL: `${fake.url}/api/` });
    expect(await bot.logLine('KB_SLACK_OK')).toContain('connected to Slack as');
    expect(await bot.stop()).toBe(0);
  }, 30_000);

  it('a refused token: a line naming SLACK_BOT_TOKEN and where to find it, then exit 2; no unhandled rejection', async () => {
    fake.failNext('auth.test', { error: 'invalid_auth' }, 10);
    const bot = startBot({ ...http, SLACK_API_URL: `${fake.url}/api/` });
    expect(await bot.exited).toBe(2);
    const lines = bot.log.filter((l) => l.includes('KB_SLACK_AUTH'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string).msg).toMatch(/^Slack refused SLACK_BOT_TOKEN \(invalid_auth\): set it to the Bot User OAuth Token \(xoxb-…\) under "OAuth & Permissions"/);
    expect(bot.log.join('\n')).not.toMatch(/unhandled|KB_UNHANDLED/i);
    expect(bot.log.join('\n')).not.toContain(TOKEN);
  }, 30_000);

  it('an unreachable Slack: a line naming the host and the network error; the bot keeps serving', async () => {
    const port = await closedPort();
    const bot = startBot({ ...http, SLACK_API_URL: `http://127.0.0.1:${port}/api/` });
    const line = JSON.parse(await bot.logLine('KB_SLACK_UNREACHABLE')) as { msg: string };
    expect(line.msg).toBe(`cannot reach Slack at 127.0.0.1:${port} (ECONNREFUSED): check DNS and the network from this host, HTTPS_PROXY/NO_PROXY if Slack is reached through a proxy, and SLACK_API_URL if it is set`);
    expect((await fetch(`${await bot.url}/healthz`)).status).toBe(200);
    expect(bot.log.filter((l) => l.includes('KB_SLACK_UNREACHABLE'))).toHaveLength(1);
    expect(bot.log.join('\n')).not.toMatch(/unhandled|KB_UNHANDLED/i);
    expect(await bot.stop()).toBe(0);
  }, 40_000);
});
