import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHarness, sleep, type Harness } from './support/slack-harness.ts';
import { eventBody } from '../src/playground/slack-requests.ts';
import { FIXTURES } from './support/kb.ts';
import { BOT_USER_ID } from '../src/playground/fake-slack-api.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

let n = 0;
const ts = () => `1700100${String(++n).padStart(3, '0')}.000200`;
const fixture = (f: string) => readFileSync(join(FIXTURES, 'logs/match', f), 'utf8');
const textOf = (call: { args: Record<string, unknown> }) => JSON.stringify(call.args.blocks ?? '') + String(call.args.text ?? '');

/** In a channel, only a distinctive log line earns an unasked reply; a generic one is answered only when asked. */
describe('passive replies to pasted log lines', () => {
  it.each([
    ['298245-gorouter-nats-no-servers.log', '298245'],
    ['386660-rtr-access-log.txt', '386660'],
    ['routing-0.277.0-tcp-router-haproxy.log', 'routing-0.277.0'],
  ])('a specific line (%s) gets one threaded reply', async (file, article) => {
    const t = ts();
    const before = h.fake.of('chat.postMessage').length;
    await h.send(eventBody({ type: 'message', channel_type: 'channel', user: 'U21', text: '```' + fixture(file) + '```', ts: t, channel: 'C21' }));
    const posts = await h.fake.waitFor('chat.postMessage', before + 1);
    expect(posts.at(-1)!.args.thread_ts).toBe(t);
    expect(textOf(posts.at(-1)!)).toContain(article);
  });

  it.each([
    '298463-uaac-bad-credentials.txt',
    'pas-2.7.8-app-log-spring.txt',
    '408470-cf-create-service.txt',
    'routing-0.262.0-context-canceled.log',
  ])('a generic line (%s) gets no unasked reply, but a mention answers it', async (file) => {
    // A positive control in the same test: the mention is answered, so silence above is the rule at work.
    const quiet = ts();
    const before = h.fake.of('chat.postMessage').length;
    await h.send(eventBody({ type: 'message', channel_type: 'channel', user: 'U22', text: fixture(file), ts: quiet, channel: 'C22' }));
    const asked = ts();
    await h.send(eventBody({ type: 'app_mention', user: 'U22', text: `<@${BOT_USER_ID}> what is this?\n${fixture(file)}`, ts: asked, channel: 'C22' }));
    const posts = await h.fake.waitFor('chat.postMessage', before + 1);
    await sleep(250);
    const mine = h.fake.of('chat.postMessage').slice(before);
    expect(mine.map((p) => p.args.thread_ts)).toEqual([asked]);
    expect(textOf(posts.at(-1)!)).toMatch(/This log line is (?:KB \d+|[a-z][\w.-]+)/);
  });
});
