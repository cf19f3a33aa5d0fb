import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogLevel } from '@slack/bolt';
import { FakeSlackApi } from '../src/playground/fake-slack-api.ts';
import { eventBody, commandBody } from '../src/playground/slack-requests.ts';
import { signRequest } from '../src/playground/sign-request.ts';
import { KnowledgeHolder } from '../src/server/knowledge-holder.ts';
import { jsonLogger } from '../src/observe/json-logger.ts';
import { loadPrepared } from '../src/node/load-prepared.ts';
import { answer } from '../src/core/answer/answer.ts';
import { startHarness, sleep, SEED, SECRET, TOKEN, type Harness } from './support/slack-harness.ts';
import { TestRedis } from './support/redis-server.ts';
import { KNOWLEDGE_DIR } from './support/kb.ts';

let redis: TestRedis;
let fake: FakeSlackApi;
const open: Harness[] = [];

beforeAll(async () => {
  redis = await TestRedis.start();
  fake = new FakeSlackApi(TOKEN);
  await fake.start();
});
afterAll(async () => {
  await fake.stop();
  await redis.kill();
});
afterEach(async () => {
  while (open.length > 0) await open.pop()!.close();
});

async function replica(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const h = await startHarness({ fake, redisUrl: redis.url, slackTimeoutMs: 400, ...options });
  open.push(h);
  return h;
}

async function storeState(h: Harness): Promise<string> {
  return ((await (await fetch(`${h.bot.url}/readyz`)).json()) as { store: string }).store;
}

async function until(check: () => Promise<boolean> | boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error('condition not met in time');
}

let n = 0;
const mention = (channel: string, text = '<@UKBBOT0001> is TAS 2.13.20 affected?', id?: string) =>
  eventBody({ type: 'app_mention', user: 'U1', text, ts: `1710000${String(++n).padStart(3, '0')}.000100`, channel }, id);
const posts = (channel: string) => fake.of('chat.postMessage').filter((c) => c.args.channel === channel).length;

describe('several replicas sharing Redis', () => {
  it('answers once when the same event reaches two replicas at once', async () => {
    const [a, b] = [await replica(), await replica()];
    await until(async () => (await storeState(a)) === 'redis' && (await storeState(b)) === 'redis');
    const ev = mention('CR1', undefined, 'EvTWOREPLICAS1');
    await Promise.all([a.send(ev), b.send(ev), a.send(ev, 1), b.send(ev, 2)]);
    await until(() => posts('CR1') >= 1);
    await sleep(300);
    expect(posts('CR1')).toBe(1);
  });

  it('answers a mention once although it also arrives as a message event, at the other replica', async () => {
    const [a, b] = [await replica(), await replica()];
    await until(async () => (await storeState(b)) === 'redis');
    const ts = '1710009999.000100';
    await Promise.all([
      a.send(eventBody({ type: 'app_mention', user: 'U1', text: '<@UKBBOT0001> TAS 2.13.20', ts, channel: 'CR2' })),
      b.send(eventBody({ type: 'message', channel_type: 'channel', user: 'U1', text: `<@UKBBOT0001> TAS 2.13.20\n${SEED}`, ts, channel: 'CR2' })),
    ]);
    await until(() => posts('CR2') >= 1);
    await sleep(300);
    expect(posts('CR2')).toBe(1);
  });
});

describe('Slack failing', () => {
  it('retries while the first attempt hangs, and Slack retrying the event adds no reply', async () => {
    const h = await replica();
    fake.failNext('chat.postMessage', { hang: true });
    const ev = mention('CF1');
    await h.send(ev);
    await sleep(100);
    await h.send(ev, 1);
    await until(() => posts('CF1') >= 1);
    await sleep(600);
    expect(posts('CF1')).toBe(1);
  });

  it('retries a 500 and replies once', async () => {
    const h = await replica();
    fake.failNext('chat.postMessage', { status: 500 }, 2);
    await h.send(mention('CF2'));
    await until(() => posts('CF2') >= 1);
    await sleep(300);
    expect(posts('CF2')).toBe(1);
  });

  it('retries a 429 with Retry-After and replies once', async () => {
    const h = await replica();
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await h.send(mention('CF3'));
    await until(() => posts('CF3') >= 1);
    await sleep(300);
    expect(posts('CF3')).toBe(1);
  });
});

describe('Redis failing', () => {
  it('keeps answering when Redis dies, says so, and recovers when it is back', async () => {
    const h = await replica();
    await until(async () => (await storeState(h)) === 'redis');
    await redis.kill();
    await until(async () => (await storeState(h)) === 'redis-unreachable');
    expect((await fetch(`${h.bot.url}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${h.bot.url}/metrics`)).text()).toMatch(/kb_store_up 0/);
    await h.send(mention('CX1'));
    await until(() => posts('CX1') >= 1);
    await redis.up();
    await until(async () => (await storeState(h)) === 'redis', 10_000);
    expect(await (await fetch(`${h.bot.url}/metrics`)).text()).toMatch(/kb_store_up 1/);
    const ev = mention('CX2');
    await Promise.all([h.send(ev), h.send(ev, 1)]);
    await until(() => posts('CX2') >= 1);
    await sleep(300);
    expect(posts('CX2')).toBe(1);
    expect(h.logs.join('')).toMatch(/redis is unreachable/);
  }, 30_000);
});

describe('shutdown and bad input', () => {
  it('SIGTERM-style stop lets work in flight finish, and refuses new work meanwhile', async () => {
    const h = await startHarness({ fake, slackTimeoutMs: 400 });
    fake.failNext('chat.postMessage', { hang: true });
    await h.send(mention('CS1'));
    await sleep(50);
    const stopping = h.bot.stop(5000);
    await sleep(20);
    expect((await fetch(`${h.bot.url}/readyz`).catch(() => null))?.status ?? 503).toBe(503);
    await stopping;
    expect(posts('CS1')).toBe(1);
  });

  it.each([
    ['malformed JSON', '{"type":"event_callback","event":'],
    ['an event with no fields', JSON.stringify({ type: 'event_callback', event_id: 'EvEMPTY', event: {} })],
    ['a message with odd types', JSON.stringify({ type: 'event_callback', event_id: 'EvODD', event: { type: 'message', text: { not: 'text' }, ts: 12, channel: null, files: 'x' } })],
    ['an oversized event', JSON.stringify({ type: 'event_callback', event_id: 'EvBIG', event: { type: 'message', channel_type: 'im', user: 'U1', ts: '1.2', channel: 'DBIG', text: 'x'.repeat(12 * 1024 * 1024) } })],
  ])('%s gets an answer or a clear error, and the app keeps serving', async (_, body) => {
    const h = await replica();
    const res = await fetch(`${h.bot.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...signRequest(SECRET, body) }, body });
    expect(res.status).toBeLessThan(500);
    await h.send(mention('CB1'));
    await until(() => posts('CB1') >= 1);
    fake.calls.length = 0;
  });
});

describe('hot knowledge reload', () => {
  it('keeps the last good knowledge when a broken file is dropped in, and swaps a valid one in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-reload-'));
    cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
    const logs: string[] = [];
    const first = loadPrepared(dir);
    const holder = new KnowledgeHolder(dir, first.prepared, jsonLogger((l) => void logs.push(l), LogLevel.DEBUG));
    const v1 = holder.current().knowledge.version;
    holder.watch(100);
    try {
      writeFileSync(join(dir, 'articles/999999-broken.yml'), 'id: "999999"\ntitle: [unclosed\n');
      await until(() => logs.some((l) => l.includes('knowledge reload rejected')), 5000);
      expect(holder.current().knowledge.version).toBe(v1);
      expect(logs.join('')).toContain('articles/999999-broken.yml');
      expect(answer(holder.current(), 'is TAS 2.13.20 affected?').versions.length).toBeGreaterThan(0);
      const good = readFileSync(join(dir, 'articles/298336-gorouter-400-from-non-compliant-app-servers.yml'), 'utf8').replace('id: "298336"', 'id: "999999"');
      writeFileSync(join(dir, 'articles/999999-broken.yml'), good);
      await until(() => holder.current().knowledge.version !== v1, 5000);
      expect(holder.current().articles.has('999999')).toBe(true);
      expect(holder.reload('SIGHUP').ok).toBe(true);
    } finally {
      holder.close();
    }
  });
});

describe('Redis hung (SIGSTOP)', () => {
  it('is marked down after a command times out, logged once, answered from memory, and back when it answers', async () => {
    const h = await replica();
    await until(async () => (await storeState(h)) === 'redis');
    redis.pause();
    try {
      for (let i = 0; i < 6; i++) await h.send(mention(`CHANG${i}`));
      await until(() => [0, 1, 2, 3, 4, 5].every((i) => posts(`CHANG${i}`) >= 1), 15_000);
      expect(await storeState(h)).toBe('redis-unreachable');
      expect(await (await fetch(`${h.bot.url}/metrics`)).text()).toMatch(/kb_store_up 0/);
      expect((await fetch(`${h.bot.url}/readyz`)).status).toBe(200);
      expect(h.logs.filter((l) => l.includes('redis is unreachable'))).toHaveLength(1);
      expect(h.logs.filter((l) => l.includes('KB_REDIS') && l.includes('"warn"'))).toEqual([]);
    } finally {
      redis.resume();
    }
    await until(async () => (await storeState(h)) === 'redis', 10_000);
    expect(h.logs.filter((l) => l.includes('redis is reachable')).length).toBeGreaterThanOrEqual(2);
  }, 40_000);
});

describe('a response_url that hangs', () => {
  it('is given up at the Web API deadline: the work ends, kb_inflight goes back to 0', async () => {
    const h = await startHarness({ fake, slackTimeoutMs: 400 });
    open.push(h);
    fake.failNext('response_url', { hang: true });
    await h.send(commandBody({ text: 'TAS 2.13.20', user_id: 'U1', channel_id: 'C1', response_url: `${fake.url}/response/hangs` }));
    await until(async () => /kb_inflight 1/.test(await (await fetch(`${h.bot.url}/metrics`)).text()), 3000);
    await until(async () => /kb_inflight 0/.test(await (await fetch(`${h.bot.url}/metrics`)).text()), 5000);
    await until(() => h.logs.some((l) => l.includes('listener failed')), 3000);
  });
});
