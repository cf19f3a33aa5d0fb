import { describe, expect, it } from 'vitest';
import { sendToBot } from '../src/playground/slack-requests.ts';
import { SECRET, until } from './support/slack-harness.ts';
import { processFixtures, freePort } from './support/bot-process.ts';
import { TestRedis } from './support/redis-server.ts';

const { fakeSlack, bot, readyz, postsIn, mention } = processFixtures();

describe('a Slack outage at start-up', () => {
  it('delays the bot instead of leaving it deaf: not ready and 503 until auth.test answers, then it answers', async () => {
    const port = await freePort();
    const b = await bot(`http://127.0.0.1:${port}/api/`);
    // Slack refuses connections: alive, not ready, events refused so that Slack redelivers them.
    expect((await fetch(`${b.url}/healthz`)).status).toBe(200);
    await until(async () => String((await readyz(b)).body.slack).includes('last attempt'));
    expect(await readyz(b)).toMatchObject({ status: 503, body: { ready: false } });
    const early = mention('COUT1');
    expect((await sendToBot(b.url, SECRET, early)).status).toBe(503);
    // Slack comes back, answering 500 twice first.
    const f = await fakeSlack(port);
    f.failNext('auth.test', { status: 500 }, 2);
    await until(async () => (await readyz(b)).status === 200, 20_000);
    expect((await readyz(b)).body.slack).toBe('connected');
    // Slack's redelivery of the early event, and a new one, are answered.
    expect((await sendToBot(b.url, SECRET, early, 1)).status).toBe(200);
    await sendToBot(b.url, SECRET, mention('COUT2'));
    await until(() => postsIn(f, 'COUT1').length === 1 && postsIn(f, 'COUT2').length === 1, 10_000);
    expect(b.logs.some((l) => l.includes('KB_SLACK_UNREACHABLE'))).toBe(true);
    expect(b.logs.join('\n')).not.toContain('Authorization of incoming event did not succeed');
    expect(await b.stop()).toBe(0);
  }, 60_000);

  it('SIGTERM while Slack is still unreachable exits at once, 0', async () => {
    const b = await bot(`http://127.0.0.1:${await freePort()}/api/`);
    await until(async () => String((await readyz(b)).body.slack).includes('last attempt'));
    expect(await b.stop()).toBe(0);
  }, 30_000);
});

describe('a hung Redis', () => {
  it('SIGSTOP: the store is marked down once, events are answered, and it is back after SIGCONT', async () => {
    const redis = await TestRedis.start();
    const f = await fakeSlack();
    try {
      const b = await bot(`${f.url}/api/`, { REDIS_URL: redis.url });
      await until(async () => (await readyz(b)).status === 200 && (await readyz(b)).body.store === 'redis', 20_000);
      redis.pause();
      for (let i = 0; i < 5; i++) await sendToBot(b.url, SECRET, mention(`CRH${i}`));
      await until(() => [0, 1, 2, 3, 4].every((i) => postsIn(f, `CRH${i}`).length === 1), 20_000);
      expect((await readyz(b)).body.store).toBe('redis-unreachable');
      expect(await (await fetch(`${b.url}/metrics`)).text()).toMatch(/kb_store_up 0/);
      expect(b.logs.filter((l) => l.includes('redis is unreachable'))).toHaveLength(1);
      redis.resume();
      await until(async () => (await readyz(b)).body.store === 'redis', 15_000);
      expect(await b.stop()).toBe(0);
    } finally {
      await redis.kill();
    }
  }, 60_000);

  it('two replicas: events answered during a hang are not answered again when Slack retries them to the other replica after', async () => {
    const redis = await TestRedis.start();
    const f = await fakeSlack();
    try {
      const one = await bot(`${f.url}/api/`, { REDIS_URL: redis.url });
      const two = await bot(`${f.url}/api/`, { REDIS_URL: redis.url });
      const onRedis = async (b: typeof one) => (await readyz(b)).body.store === 'redis';
      await until(async () => (await onRedis(one)) && (await onRedis(two)), 20_000);
      const events = Array.from({ length: 10 }, (_, i) => mention(`CRD${i}`));
      redis.pause();
      try {
        for (const e of events) await sendToBot(one.url, SECRET, e);
        await until(() => events.every((_, i) => postsIn(f, `CRD${i}`).length === 1), 20_000);
        expect((await readyz(one)).body.store).toBe('redis-unreachable');
      } finally {
        redis.resume();
      }
      await until(async () => (await onRedis(one)) && (await onRedis(two)), 15_000);
      // Slack retries every event to the other replica: each is acknowledged, none answered again.
      for (const e of events) expect((await sendToBot(two.url, SECRET, e, 1)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1500));
      expect(events.map((_, i) => postsIn(f, `CRD${i}`).length)).toEqual(events.map(() => 1));
      expect(await one.stop()).toBe(0);
      expect(await two.stop()).toBe(0);
    } finally {
      await redis.kill();
    }
  }, 60_000);
});
