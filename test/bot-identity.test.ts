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
  it('retries through errors and a refused token, says which is the operator\'s to fix, and keeps only the success', async () => {
    const logs: string[] = [];
    fake.failNext('auth.test', { status: 503 });
    fake.failNext('auth.test', { error: 'invalid_auth' });
    const reasons: string[] = [];
    const identity = await fetchBotIdentity({ token: TOKEN, slackApiUrl: `${fake.url}/api/`, logger: jsonLogger((l) => void logs.push(l), LogLevel.DEBUG), firstDelayMs: 10, maxDelayMs: 50, onFailure: (r) => void reasons.push(r) });
    expect(identity).toEqual({ userId: 'UKBBOT0001', botId: 'BKBBOT0001' });
    expect(reasons).toHaveLength(2);
    expect(reasons[1]).toBe('invalid_auth');
    expect(logs.join('')).toMatch(/KB_SLACK_UNREACHABLE/);
    expect(logs.find((l) => l.includes('KB_SLACK_AUTH'))).toMatch(/Slack refused SLACK_BOT_TOKEN \(invalid_auth\): check the token/);
  });

  it('stops waiting when asked to', async () => {
    const stop = new AbortController();
    const waiting = fetchBotIdentity({ token: TOKEN, slackApiUrl: 'http://127.0.0.1:9/api/', logger: jsonLogger(() => {}, LogLevel.ERROR), firstDelayMs: 60_000, timeoutMs: 200, signal: stop.signal });
    setTimeout(() => stop.abort(new Error('shutting down')), 300);
    await expect(waiting).rejects.toThrow('shutting down');
  });
});
