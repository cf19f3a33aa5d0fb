import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, SEED, type Harness } from './support/slack-harness.ts';
import { TestRedis } from './support/redis-server.ts';
import { eventBody } from '../src/playground/slack-requests.ts';
import { BOT_USER_ID, FakeSlackApi } from '../src/playground/fake-slack-api.ts';
import { MemoryStore } from '../src/store/memory-store.ts';
import { THREAD_TTL_MS } from '../src/slack/thread-memory.ts';

/**
 * Whole incident threads through the real Bolt app over signed HTTP: a crash
 * is pasted, then people follow up in its thread in their own words. Each
 * reply must read the thread's memory — and only what the bot was sure of.
 */

let n = 0;
const ts = () => `1710000${String(++n).padStart(3, '0')}.000200`;
const textOf = (call: { args: Record<string, unknown> }) => `${String(call.args.text ?? '')} ${JSON.stringify(call.args.blocks ?? '')}`;
/** The header of a reply: the first thing a reader sees. */
const headerOf = (call: { args: Record<string, unknown> }) => {
  const blocks = (call.args.blocks ?? []) as { type: string; text?: { text: string } }[];
  return blocks.filter((b) => b.type === 'header' || b.type === 'section').slice(0, 2).map((b) => b.text?.text ?? '').join(' ');
};

/** Posts a message in a thread (a mention, or the paste itself) and returns the bot's reply in that thread. */
async function say(h: Harness, channel: string, thread: string | undefined, text: string, mention = true): Promise<{ args: Record<string, unknown> }> {
  const before = h.fake.of('chat.postMessage').length;
  const t = ts();
  const body = mention ? `<@${BOT_USER_ID}> ${text}` : text;
  const event = { user: 'UONCALL', text: body, ts: t, channel, ...(thread ? { thread_ts: thread } : {}) };
  await h.send(eventBody(mention ? { type: 'app_mention', ...event } : { type: 'message', channel_type: 'channel', ...event }));
  const posts = await h.fake.waitFor('chat.postMessage', before + 1);
  const reply = posts.at(-1) as { args: Record<string, unknown> };
  expect(reply.args.thread_ts).toBe(thread ?? t);
  return reply;
}

/** A crash pasted in a channel (answered on its own), then follow-ups in its thread. */
async function incidentThread(h: Harness, channel: string): Promise<string> {
  const thread = ts();
  const before = h.fake.of('chat.postMessage').length;
  await h.send(eventBody({ type: 'message', channel_type: 'channel', user: 'UONCALL', text: '```' + SEED + '```', ts: thread, channel }));
  const posts = await h.fake.waitFor('chat.postMessage', before + 1);
  expect(headerOf(posts.at(-1)!)).toContain('KB 298398 (exact match)');
  return thread;
}

/** Follow-ups as people type them, and what the answer must lead with. */
const FOLLOW_UPS: [string, RegExp][] = [
  ["we're on IST 2.13.20, are we exposed?", /IST 2\.13\.20 is affected by KB 298398 — fixed in 2\.13\.31/],
  ['which version fixes it?', /KB 298398 is fixed in IST 2\.11\.46, 2\.13\.31/],
  ['what is the fix?', /KB 298398 is fixed in IST/],
  ['how do I mitigate this?', /How to mitigate KB 298398/],
  ['mitigation?', /How to mitigate KB 298398/],
  ['thanks!', /^You're welcome/],
  ['link to the KB?', /^\*?KB 298398 is at https:\/\/knowledge\.broadcom\.com\/external\/article\/298398/],
  ['and TAS?', /KB 298398 is fixed in TAS 2\.11\.52, 2\.13\.34, 4\.0\.16, 5\.0\.6/],
  ['what about 3.0.12?', /(?:TAS|IST) 3\.0\.12 is affected by KB 298398 — no 3\.0 fix/],
  ['workaround until we can patch?', /How to mitigate KB 298398/],
  ['what about 2.13?', /(?:TAS|IST) 2\.13: whether KB 298398 applies depends on the patch — fixed from 2\.13\.(?:34|31)/],
  ['does 5.0 have it too?', /5\.0: whether KB 298398 applies depends on the patch — fixed from 5\.0\.6/],
  ['how about 3.0?', /3\.0: whether KB 298398 applies depends on the patch — no 3\.0 fix; upgrade to 4\.0\.16 or 5\.0\.6/],
];

function conversationTests(start: () => Promise<{ a: Harness; b: Harness }>, close: () => Promise<void>) {
  let a: Harness;
  let b: Harness;
  beforeAll(async () => ({ a, b } = await start()));
  afterAll(close);

  it('answers every follow-up of a crash thread from the thread’s article', async () => {
    const thread = await incidentThread(a, 'CINC1');
    for (const [i, [question, want]] of FOLLOW_UPS.entries()) {
      // Alternate replicas: the memory is the store's, not one process's.
      const reply = await say(i % 2 === 0 ? b : a, 'CINC1', thread, question);
      expect(headerOf(reply), question).toMatch(want);
    }
  });

  it('never hides another affected article behind the thread’s one', async () => {
    const thread = await incidentThread(a, 'CINC2');
    const reply = await say(b, 'CINC2', thread, 'are we exposed on TAS 2.13.20?');
    expect(headerOf(reply)).toMatch(/^TAS 2\.13\.20 is affected by KB 298398/);
    // Every other article affecting TAS 2.13.20 is still named.
    for (const other of ['297408', '298165', '298173', '298336']) expect(textOf(reply)).toContain(`KB ${other}`);
  });

  it('an explicit article replaces the thread’s article; a new crash replaces it again', async () => {
    const thread = await incidentThread(a, 'CINC3');
    expect(headerOf(await say(a, 'CINC3', thread, 'actually I think it is KB 298173, is IST 2.13.16 hit?'))).toMatch(/IST 2\.13\.16 is affected by KB 298173/);
    expect(headerOf(await say(b, 'CINC3', thread, 'which version fixes it?'))).toMatch(/KB 298173 is fixed in IST/);
    // The same crash again in the thread: a passive reply would repeat itself, so it is asked with a mention.
    expect(headerOf(await say(a, 'CINC3', thread, `here it is again:\n${SEED}`))).toContain('KB 298398 (exact match)');
    expect(headerOf(await say(b, 'CINC3', thread, 'and the fix?'))).toMatch(/KB 298398 is fixed in IST/);
  });

  it('a correction replaces the version the thread remembers', async () => {
    const thread = await incidentThread(a, 'CINC6');
    expect(headerOf(await say(a, 'CINC6', thread, 'we run IST 2.13.20'))).toMatch(/IST 2\.13\.20 is affected by KB 298398/);
    const corrected = await say(b, 'CINC6', thread, 'sorry, not on 2.13.20 anymore — we upgraded IST from 2.13.20 to 2.13.31 last week');
    expect(headerOf(corrected)).toMatch(/IST 2\.13\.31 has the fix for KB 298398/);
    expect(textOf(corrected)).not.toMatch(/2\.13\.20–2\.13\.31/);
    // The follow-up asks the corrected version again, not the one they left.
    const exposed = await say(a, 'CINC6', thread, 'so are we still exposed?');
    expect(textOf(exposed)).toContain('2.13.31');
    expect(textOf(exposed)).not.toMatch(/IST 2\.13\.20 is affected/);
  });

  it('a version thread: the other product on the same line (never the same patch), which issue to mitigate, what to upgrade to', async () => {
    const first = await say(a, 'CINC7', undefined, 'is TAS 2.13.20 affected?');
    const thread = String(first.args.thread_ts);
    const ist = await say(b, 'CINC7', thread, 'what about IST?');
    expect(headerOf(ist)).toMatch(/^IST 2\.13:/);
    expect(textOf(ist)).toContain('each product numbers its own patches');
    expect(textOf(ist)).not.toMatch(/IST 2\.13\.20/);
    expect(headerOf(await say(a, 'CINC7', thread, 'how do we mitigate?'))).toMatch(/is affected by .*KB 298398.*mitigations are per issue/);
    expect(headerOf(await say(b, 'CINC7', thread, 'which version fixes it?'))).toMatch(/Upgrading TAS 2\.13\.20 to 2\.13\.34 fixes KB 298398/);
  });

  it('a crash pasted in a thread about a version that has the fix says the two disagree', async () => {
    const first = await say(a, 'CINC9', undefined, 'is TAS 4.0.16 affected?');
    const thread = String(first.args.thread_ts);
    const crash = await say(b, 'CINC9', thread, `here is what we see:\n${SEED}`);
    expect(headerOf(crash)).toContain('KB 298398');
    expect(textOf(crash)).toContain('This thread asked about TAS 4.0.16, which KB 298398 lists as fixed, yet this crash is KB 298398');
  });

  it('a follow-up question in the bot’s thread is answered without a mention; talk to others is not', async () => {
    const thread = await incidentThread(a, 'CINC8');
    expect(headerOf(await say(b, 'CINC8', thread, 'which version fixes it?', false))).toMatch(/KB 298398 is fixed in/);
    expect(headerOf(await say(a, 'CINC8', thread, 'and IST?', false))).toMatch(/KB 298398 is fixed in IST/);
    const posts = () => a.fake.of('chat.postMessage').filter((c) => c.args.channel === 'CINC8').length;
    const count = posts();
    for (const text of ['<@UALICE> which version fixes it?', 'ok, restarting the gorouters now', 'lol', 'we are on IST 2.13.20', `${'is this the same as last week? '.repeat(20)}`]) {
      await a.send(eventBody({ type: 'message', channel_type: 'channel', user: 'UONCALL', text, ts: ts(), thread_ts: thread, channel: 'CINC8' }));
    }
    // A thread the bot never answered: no follow-up either.
    await a.send(eventBody({ type: 'message', channel_type: 'channel', user: 'UONCALL', text: 'which version fixes it?', ts: ts(), thread_ts: '1710999999.000100', channel: 'CINC8' }));
    await new Promise((r) => setTimeout(r, 400));
    expect(posts()).toBe(count);
  });

  it('a guess never becomes the thread’s article', async () => {
    const first = await say(a, 'CINC4', undefined, 'seeing weird connection resets on one gorouter');
    const thread = String(first.args.thread_ts);
    const reply = await say(b, 'CINC4', thread, 'which version fixes it?');
    expect(headerOf(reply)).not.toMatch(/is fixed in/);
    // The positive control: the same question in a crash thread does know.
    const crash = await incidentThread(a, 'CINC4');
    expect(headerOf(await say(b, 'CINC4', crash, 'which version fixes it?'))).toMatch(/KB 298398 is fixed in/);
  });
}

describe('incident threads, in memory (one replica)', () => {
  let now = Date.parse('2026-12-01T09:00:00Z');
  const store = new MemoryStore(() => now);
  let h: Harness;
  conversationTests(
    async () => {
      h = await startHarness({ store });
      return { a: h, b: h };
    },
    async () => h.close(),
  );

  it('forgets a thread once it has expired', async () => {
    const thread = await incidentThread(h, 'CINC5');
    expect(headerOf(await say(h, 'CINC5', thread, 'which version fixes it?'))).toMatch(/KB 298398 is fixed in/);
    now += THREAD_TTL_MS + 1000;
    const reply = await say(h, 'CINC5', thread, 'which version fixes it?');
    expect(headerOf(reply)).not.toMatch(/KB 298398 is fixed in/);
  });
});

describe('incident threads across two replicas sharing Redis', () => {
  let redis: TestRedis;
  let fake: FakeSlackApi;
  let a: Harness;
  let b: Harness;
  conversationTests(
    async () => {
      redis = await TestRedis.start();
      fake = new FakeSlackApi('xoxb-test-token');
      await fake.start();
      a = await startHarness({ fake, redisUrl: redis.url });
      b = await startHarness({ fake, redisUrl: redis.url });
      // Both replicas must see Redis before the thread starts, or each would remember on its own.
      for (const h of [a, b]) for (let i = 0; i < 100 && (await (await fetch(`${h.bot.url}/readyz`)).json() as { store: string }).store !== 'redis'; i++) await new Promise((r) => setTimeout(r, 50));
      return { a, b };
    },
    async () => {
      await a.close();
      await b.close();
      await fake.stop();
      await redis.kill();
    },
  );
});
