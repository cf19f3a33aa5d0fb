import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogLevel } from '@slack/bolt';
import { Redis } from 'ioredis';
import { MAX_RANKED, MemoryStore, type Store } from '../src/store/memory-store.ts';
import { RedisStore } from '../src/store/redis-store.ts';
import { jsonLogger } from '../src/observe/json-logger.ts';
import { TestRedis } from './support/redis-server.ts';
import { TcpRelay } from './support/tcp-relay.ts';

let redis: TestRedis;
let redisStore: RedisStore;
const memory = new MemoryStore();

beforeAll(async () => {
  redis = await TestRedis.start();
  redisStore = new RedisStore({ url: redis.url, logger: jsonLogger(() => {}, LogLevel.ERROR), prefix: `t${Date.now()}:` });
  for (let i = 0; i < 100 && !redisStore.healthy; i++) await new Promise((r) => setTimeout(r, 20));
  expect(redisStore.healthy).toBe(true);
});
afterAll(async () => {
  await redisStore?.close();
  await redis?.kill();
});

const stores: [string, () => Store][] = [
  ['memory', () => memory],
  ['redis', () => redisStore],
];

describe.each(stores)('the %s store', (_, store) => {
  it('swap returns what it replaced', async () => {
    const s = store();
    expect(await s.swap('vote:a:U1', 'up', 60_000)).toBeNull();
    expect(await s.swap('vote:a:U1', 'down', 60_000)).toBe('up');
    expect(await s.swap('vote:a:U1', 'up', 60_000)).toBe('down');
    expect(await s.get('vote:a:U1')).toBe('up');
  });

  it('incr counts up and down', async () => {
    const s = store();
    expect(await s.incr('count:x')).toBe(1);
    expect(await s.incr('count:x', 2)).toBe(3);
    expect(await s.incr('count:x', -1)).toBe(2);
  });

  it('rank keeps scores per member, best first', async () => {
    const s = store();
    const rows: [string, number][] = [['tas 2.12.4', 1], ['ist 9.9.9', 1], ['tas 2.12.4', 2], ['pas 1.0.0', 1], ['tas 2.12.4', -1], ['ist 9.9.9', 2]];
    for (const [member, by] of rows) await s.rank('gaps:versions', member, by, 60_000);
    expect(await s.top('gaps:versions', 2)).toEqual([
      { member: 'ist 9.9.9', score: 3 },
      { member: 'tas 2.12.4', score: 2 },
    ]);
    expect(await s.top('gaps:none', 5)).toEqual([]);
  });

  it(`a ranked set keeps its ${MAX_RANKED} best members`, async () => {
    const s = store();
    await s.rank('gaps:big', 'the best', 10, 60_000);
    for (let i = 0; i < MAX_RANKED + 20; i++) await s.rank('gaps:big', `q${i}`, 1, 60_000);
    const all = await s.top('gaps:big', MAX_RANKED * 2);
    expect(all.length).toBe(MAX_RANKED);
    expect(all[0]).toEqual({ member: 'the best', score: 10 });
  });

  it('push keeps the newest values, newest first', async () => {
    const s = store();
    for (const v of ['a', 'b', 'c', 'd']) await s.push('activity:U1', v, 3, 60_000);
    expect(await s.list('activity:U1')).toEqual(['d', 'c', 'b']);
    expect(await s.list('activity:nobody')).toEqual([]);
  });
});

describe('expiry (memory store, pinned clock)', () => {
  it.each([
    ['ranked set', async (s: Store) => void (await s.rank('k', 'm', 1, 1000)), async (s: Store) => (await s.top('k', 5)).length],
    ['list', async (s: Store) => void (await s.push('k', 'v', 5, 1000)), async (s: Store) => (await s.list('k')).length],
    ['swapped value', async (s: Store) => void (await s.swap('k', 'v', 1000)), async (s: Store) => ((await s.get('k')) === null ? 0 : 1)],
  ])('a %s is gone after its TTL', async (_, write, count) => {
    let now = 0;
    const s = new MemoryStore(() => now);
    await write(s);
    now = 999;
    expect(await count(s)).toBe(1);
    now = 1000;
    expect(await count(s)).toBe(0);
  });
});

describe('claims and values made while Redis is unreachable', () => {
  const quiet = jsonLogger(() => {}, LogLevel.ERROR);
  const replica = (url: string, prefix: string) => new RedisStore({ url, logger: quiet, prefix, commandTimeoutMs: 200, probeMs: 100 });
  const healthy = async (...stores: RedisStore[]) => {
    for (let i = 0; i < 200 && !stores.every((s) => s.healthy); i++) await new Promise((r) => setTimeout(r, 20));
    expect(stores.map((s) => s.healthy)).toEqual(stores.map(() => true));
  };
  const pttl = async (key: string) => {
    const raw = new Redis(redis.url);
    try {
      return await raw.pttl(key);
    } finally {
      raw.disconnect();
    }
  };

  it('are written to Redis once it answers again, so another replica does not claim them after (SIGSTOP)', async () => {
    const prefix = `hang${Date.now()}:`;
    const one = replica(redis.url, prefix);
    const two = replica(redis.url, prefix);
    try {
      await healthy(one, two);
      redis.pause();
      let claimed = 0;
      let resumed = 0;
      try {
        for (let i = 0; i < 10; i++) expect(await one.claim(`event:Ev${i}`, 60_000)).toBe(true);
        await one.set('thread:C1:1.0', '{"article":"298398"}', 60_000);
        claimed = Date.now();
        expect(one.healthy).toBe(false);
        await new Promise((r) => setTimeout(r, 300));
      } finally {
        resumed = Date.now();
        redis.resume();
      }
      await healthy(one);
      // Slack retries the same events to the other replica: none is claimed again.
      for (let i = 0; i < 10; i++) expect(await two.claim(`event:Ev${i}`, 60_000)).toBe(false);
      expect(await two.get('thread:C1:1.0')).toBe('{"article":"298398"}');
      // With the time they had left, not a fresh TTL.
      const left = await pttl(`${prefix}event:Ev9`);
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThanOrEqual(60_000 - (resumed - claimed));
    } finally {
      await one.close();
      await two.close();
    }
  }, 30_000);

  it('leave a claim another replica made in Redis meanwhile as it was (NX)', async () => {
    const prefix = `cut${Date.now()}:`;
    const relay = await TcpRelay.start(redis.port);
    const one = replica(relay.url, prefix);
    const two = replica(redis.url, prefix);
    try {
      await healthy(one, two);
      relay.hold(); // only the first replica's path to Redis is dead
      expect(await one.claim('event:EvA', 3_600_000)).toBe(true);
      expect(one.healthy).toBe(false);
      // The retry reaches the other replica during the outage: it claims (and answers) too.
      expect(await two.claim('event:EvA', 60_000)).toBe(true);
      relay.release();
      await healthy(one);
      const left = await pttl(`${prefix}event:EvA`);
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThanOrEqual(60_000);
    } finally {
      await one.close();
      await two.close();
      await relay.close();
    }
  }, 30_000);
});
