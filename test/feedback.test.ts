import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, TOKEN, type Harness } from './support/slack-harness.ts';
import { TestRedis } from './support/redis-server.ts';
import { FakeSlackApi } from '../src/playground/fake-slack-api.ts';
import { interactionBody } from '../src/playground/slack-requests.ts';

let fake: FakeSlackApi;
let redis: TestRedis;
let a: Harness;
let b: Harness;
let n = 0;

beforeAll(async () => {
  fake = new FakeSlackApi(TOKEN);
  await fake.start();
  redis = await TestRedis.start();
  // Two replicas sharing one Redis, as behind a load balancer.
  a = await startHarness({ fake, redisUrl: redis.url });
  b = await startHarness({ fake, redisUrl: redis.url });
  for (let i = 0; i < 100 && !((await ready(a)) && (await ready(b))); i++) await new Promise((r) => setTimeout(r, 20));
  expect((await ready(a)) && (await ready(b))).toBe(true);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await fake?.stop();
  await redis?.kill();
});

async function ready(h: Harness): Promise<boolean> {
  return ((await (await fetch(`${h.bot.url}/readyz`)).json()) as { store: string }).store === 'redis';
}

/** A click on 👍 or 👎 under one answer (a message in a channel), on one replica; returns the ephemeral reply. */
async function click(h: Harness, user: string, vote: 'up' | 'down', messageTs: string, article = '298398'): Promise<string> {
  const id = `vote${++n}`;
  await h.send(
    interactionBody({
      type: 'block_actions',
      user: { id: user },
      channel: { id: 'C0VOTES' },
      container: { type: 'message', channel_id: 'C0VOTES', message_ts: messageTs, is_ephemeral: false },
      message: { ts: messageTs, type: 'message', text: 'an answer' },
      response_url: `${fake.url}/response/${id}`,
      actions: [{ type: 'button', action_id: `kb_feedback_${vote}`, value: `${article}:trace`, block_id: `kb_article_${article}`, action_ts: String(n) }],
    }),
  );
  return String((await waitResponse(id)).args.text);
}

async function waitResponse(id: string) {
  for (let i = 0; i < 200; i++) {
    const c = fake.calls.find((x) => x.path === `/response/${id}`);
    if (c) return c;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no response for ${id}`);
}

async function people(h: Harness, article: string): Promise<{ up: number; down: number }> {
  const text = await (await fetch(`${h.bot.url}/metrics`)).text();
  const read = (vote: string) => Number(new RegExp(`kb_feedback_people\\{article="${article}",vote="${vote}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
  return { up: read('up'), down: read('down') };
}

describe('feedback: one vote per user per answer', () => {
  it.each([
    // clicks as [replica, user, vote]; the counts every replica reports after them
    ['one user, 👍 👎 👍 on one replica', '298165', [['a', 'U1', 'up'], ['a', 'U1', 'down'], ['a', 'U1', 'up']], { up: 1, down: 0 }],
    ['one user, 👍 then 👎 on the other replica', '298173', [['a', 'U2', 'up'], ['b', 'U2', 'down']], { up: 0, down: 1 }],
    ['two users, the same vote twice each', '298336', [['a', 'U3', 'down'], ['b', 'U3', 'down'], ['b', 'U4', 'down'], ['a', 'U4', 'down']], { up: 0, down: 2 }],
    ['three users, one changes', '297408', [['a', 'U5', 'up'], ['b', 'U6', 'up'], ['a', 'U7', 'down'], ['b', 'U7', 'up']], { up: 3, down: 0 }],
  ] as const)('%s', async (_, article, clicks, expected) => {
    const messageTs = `1700001${String(++n).padStart(3, '0')}.000200`;
    for (const [replica, user, vote] of clicks) await click(replica === 'a' ? a : b, user, vote, messageTs, article);
    expect(await people(a, article)).toEqual(expected);
    expect(await people(b, article)).toEqual(expected);
  });

  it('says what a click did: a first vote, a changed vote, the same vote again', async () => {
    const messageTs = '1700002000.000300';
    expect(await click(a, 'U8', 'up', messageTs)).toBe('Thanks — glad it helped.');
    expect(await click(b, 'U8', 'up', messageTs)).toBe('You already voted 👍 on this answer.');
    expect(await click(a, 'U8', 'down', messageTs)).toMatch(/^Changed your vote to 👎/);
  });

  it('a vote about an article no longer in the knowledge is answered and not counted (a known one is)', async () => {
    expect(await click(a, 'U10', 'down', '1700004000.000100', '100001')).toMatch(/no longer in the knowledge base/);
    expect(await people(a, '100001')).toEqual({ up: 0, down: 0 });
    const before = await people(a, '298398');
    await click(a, 'U10', 'down', '1700004000.000100', '298398');
    expect(await people(a, '298398')).toEqual({ up: before.up, down: before.down + 1 });
  });

  it('a vote on another answer about the same article is another vote', async () => {
    const before = await people(a, '298075');
    await click(a, 'U9', 'up', '1700003000.000100', '298075');
    await click(a, 'U9', 'up', '1700003001.000100', '298075');
    expect(await people(a, '298075')).toEqual({ up: before.up + 2, down: before.down });
  });
});
