import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogLevel } from '@slack/bolt';
import { FakeSlackApi } from '../src/playground/fake-slack-api.ts';
import { fetchBotIdentity } from '../src/slack/fetch-bot-identity.ts';
import { jsonLogger } from '../src/observe/json-logger.ts';
import { TOKEN } from './support/slack-harness.ts';

let fake: FakeSlackApi;
beforeAll(async () => {
  fake = new FakeSlackApi(TOKEN);
  await fake.start();
});
afterAll(async () => fake.stop());

describe('learning who the bot is', () => {
  it('retries through errors and keeps only the success', async () => {
    const logs: string[] = [];
    fake.failNext('auth.test', { status: 503 });
    fake.failNext('auth.test', { status: 503 });
    const reasons: string[] = [];
    const identity = await fetchBotIdentity({ token: TOKEN, slackApiUrl: `${fake.url}/api/`, logger: jsonLogger((l) => void logs.push(l), LogLevel.DEBUG), firstDelayMs: 10, maxDelayMs: 50, onFailure: (r) => void reasons.push(r) });
    expect(identity).toEqual({ userId: 'UKBBOT0001', botId: 'BKBBOT0001' });
    expect(reasons).toHaveLength(2);
    // One line per distinct problem; the retries are debug lines.
    expect(logs.filter((l) => l.includes('KB_SLACK_UNREACHABLE') && l.includes('"error"'))).toHaveLength(1);
  });

  it('a token Slack refuses is not retried: it will not start working by itself', async () => {
    fake.failNext('auth.test', { error: 'invalid_auth' });
    const calls = fake.of('auth.test').length;
    await expect(fetchBotIdentity({ token: TOKEN, slackApiUrl: `${fake.url}/api/`, logger: jsonLogger(() => {}, LogLevel.ERROR), firstDelayMs: 10 })).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    expect(fake.of('auth.test').length).toBe(calls);
  });

  it('stops waiting when asked to', async () => {
    const stop = new AbortController();
    const waiting = fetchBotIdentity({ token: TOKEN, slackApiUrl: 'http://127.0.0.1:9/api/', logger: jsonLogger(() => {}, LogLevel.ERROR), firstDelayMs: 60_000, timeoutMs: 200, signal: stop.signal });
    setTimeout(() => stop.abort(new Error('shutting down')), 300);
    await expect(waiting).rejects.toThrow('shutting down');
  });
});
