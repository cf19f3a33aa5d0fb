import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogLevel } from '@slack/bolt';
import { MemoryStore, StoreUnavailable, type Store } from '../src/store/memory-store.ts';
import { RedisStore } from '../src/store/redis-store.ts';
import { jsonLogger } from '../src/observe/json-logger.ts';
import { TestRedis } from './support/redis-server.ts';
import { sleep } from './support/slack-harness.ts';

let redis: TestRedis;
const open: RedisStore[] = [];
const logger = jsonLogger(() => undefined, LogLevel.ERROR);
beforeAll(async () => {
  redis = await TestRedis.start();
});
afterAll(async () => {
  for (const s of open) await s.close();
  await redis.kill();
});

async function redisStore(prefix: string): Promise<RedisStore> {
  const s = new RedisStore({ url: redis.url, logger, prefix });
  open.push(s);
  for (let i = 0; i < 100 && !s.healthy; i++) await sleep(20);
  expect(s.healthy).toBe(true);
  return s;
}

const stores: [string, () => Promise<Store>][] = [
  ['MemoryStore', async () => new MemoryStore()],
  ['RedisStore', () => redisStore(`maps-${Math.random()}:`)],
];

describe.each(stores)('%s durable maps', (_, make) => {
  it('set, get, list and delete fields', async () => {
    const s = await make();
    expect(await s.mapEntries('fleet:subscriptions')).toEqual(new Map());
    await s.mapSet('fleet:subscriptions', 'C1', '{"by":"U1"}');
    await s.mapSet('fleet:subscriptions', 'C2', '{"by":"U2"}');
    await s.mapSet('fleet:subscriptions', 'C1', '{"by":"U3"}');
    expect(await s.mapGet('fleet:subscriptions', 'C1')).toBe('{"by":"U3"}');
    expect(await s.mapGet('fleet:subscriptions', 'C9')).toBeNull();
    expect(await s.mapEntries('fleet:subscriptions')).toEqual(new Map([['C1', '{"by":"U3"}'], ['C2', '{"by":"U2"}']]));
    expect(await s.mapDelete('fleet:subscriptions', 'C1')).toBe(true);
    expect(await s.mapDelete('fleet:subscriptions', 'C1')).toBe(false);
    expect([...(await s.mapEntries('fleet:subscriptions')).keys()]).toEqual(['C2']);
    expect(await s.mapEntries('other')).toEqual(new Map());
  });
});

describe('durable maps', () => {
  it('are never evicted by a burst of claims (MemoryStore keeps them apart)', async () => {
    const s = new MemoryStore(Date.now, 10);
    await s.mapSet('fleet:subscriptions', 'C1', 'x');
    for (let i = 0; i < 100; i++) await s.claim(`event:${i}`, 60_000);
    expect(await s.claim('event:0', 60_000)).toBe(true); // the oldest claims were evicted…
    expect(await s.mapGet('fleet:subscriptions', 'C1')).toBe('x'); // …the map was not
  });

  it('are shared by replicas on one Redis, and kept apart by prefix', async () => {
    const [a, b, other] = [await redisStore('shared:'), await redisStore('shared:'), await redisStore('other:')];
    await a.mapSet('fleet:foundations', 'prod-east', '{}');
    expect(await b.mapGet('fleet:foundations', 'prod-east')).toBe('{}');
    expect(await other.mapGet('fleet:foundations', 'prod-east')).toBeNull();
    expect(await b.mapDelete('fleet:foundations', 'prod-east')).toBe(true);
    expect(await a.mapEntries('fleet:foundations')).toEqual(new Map());
  });

  it('while Redis is down: reads give this replica\'s last copy, writes refuse (nothing stored where others cannot see it)', async () => {
    const r = await TestRedis.start();
    const s = new RedisStore({ url: r.url, logger });
    try {
      for (let i = 0; i < 100 && !s.healthy; i++) await sleep(20);
      await s.mapSet('fleet:subscriptions', 'C1', 'kept');
      expect(await s.mapEntries('fleet:subscriptions')).toEqual(new Map([['C1', 'kept']]));
      await r.kill();
      for (let i = 0; i < 100 && s.healthy; i++) await sleep(20);
      expect(s.healthy).toBe(false);
      expect(await s.mapEntries('fleet:subscriptions')).toEqual(new Map([['C1', 'kept']]));
      expect(await s.mapGet('fleet:subscriptions', 'C1')).toBe('kept');
      await expect(s.mapSet('fleet:subscriptions', 'C2', 'lost?')).rejects.toBeInstanceOf(StoreUnavailable);
      await expect(s.mapDelete('fleet:subscriptions', 'C1')).rejects.toBeInstanceOf(StoreUnavailable);
      expect(await s.mapGet('fleet:subscriptions', 'C2')).toBeNull();
    } finally {
      await s.close();
      await r.kill();
    }
  });
});
