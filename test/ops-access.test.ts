import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogLevel } from '@slack/bolt';
import { FakeSlackApi } from '../src/playground/fake-slack-api.ts';
import { runBot, type RunningBot } from '../src/app/run-bot.ts';
import { jsonLogger } from '../src/observe/json-logger.ts';
import { readConfig } from '../src/server/read-config.ts';
import { realKb } from './support/kb.ts';
import { SECRET, TOKEN } from './support/slack-harness.ts';
import { freePort } from './support/bot-process.ts';

let fake: FakeSlackApi;
const bots: RunningBot[] = [];
beforeAll(async () => {
  fake = new FakeSlackApi(TOKEN);
  await fake.start();
});
afterAll(async () => {
  for (const b of bots) await b.stop(200);
  await fake.stop();
});

/** A bot on every interface (0.0.0.0), as in production, reached over loopback. */
async function publicBot(env: Record<string, string>): Promise<{ main: string; ops?: string }> {
  const config = readConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${fake.url}/api/`, PORT: '0', HOST: '0.0.0.0', ...env });
  const b = await runBot({ config, kb: realKb, logger: jsonLogger(() => {}, LogLevel.ERROR) });
  bots.push(b);
  const local = (u: string) => u.replace('0.0.0.0', '127.0.0.1');
  return { main: local(b.url), ...(b.opsUrl ? { ops: local(b.opsUrl) } : {}) };
}
const get = async (url: string, token?: string) => {
  const res = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: res.status, text: await res.text() };
};

describe('/metrics and /readyz on a public port', () => {
  it('with neither a token nor a metrics port: no /metrics, /readyz gives its status and nothing more', async () => {
    const { main } = await publicBot({});
    expect((await get(`${main}/metrics`)).status).toBe(404);
    const ready = await get(`${main}/readyz`);
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toEqual({ ready: true, draining: false });
    expect((await get(`${main}/healthz`)).status).toBe(200);
  });

  it('KB_METRICS_TOKEN: the bearer token is needed for /metrics and the /readyz detail', async () => {
    const token = 'metrics-token-0123456789';
    const { main } = await publicBot({ KB_METRICS_TOKEN: token });
    expect((await get(`${main}/metrics`)).status).toBe(401);
    expect((await get(`${main}/metrics`, 'wrong-token-0123456789')).status).toBe(401);
    const metrics = await get(`${main}/metrics`, token);
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('kb_inflight');
    expect(JSON.parse((await get(`${main}/readyz`, token)).text)).toHaveProperty('store', 'memory');
    expect(JSON.parse((await get(`${main}/readyz`)).text)).not.toHaveProperty('store');
  });

  it('KB_METRICS_PORT: /metrics and the detail on that port only', async () => {
    const { main, ops } = await publicBot({ KB_METRICS_PORT: String(await freePort()), KB_METRICS_HOST: '127.0.0.1' });
    expect((await get(`${main}/metrics`)).status).toBe(404);
    expect((await get(`${ops}/metrics`)).text).toContain('kb_inflight');
    expect(JSON.parse((await get(`${ops}/readyz`)).text)).toHaveProperty('store', 'memory');
    expect((await get(`${ops}/slack/events`)).status).toBe(404);
  });

  it('a short token is a configuration error that names the variable', () => {
    expect(() => readConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, KB_METRICS_TOKEN: 'short' })).toThrow(/KB_METRICS_TOKEN/);
  });
});
