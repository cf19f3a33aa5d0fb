import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { startHarness, sleep, SEED, SECRET, type Harness } from './support/slack-harness.ts';
import { eventBody, commandBody, interactionBody } from '../src/playground/slack-requests.ts';
import { BOT_USER_ID } from '../src/playground/fake-slack-api.ts';
import { signRequest } from '../src/playground/sign-request.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

let n = 0;
const ts = () => `1700000${String(++n).padStart(3, '0')}.000100`;
const textOf = (call: { args: Record<string, unknown> }) => JSON.stringify(call.args.blocks ?? '') + String(call.args.text ?? '');

describe('slash command /kb', () => {
  it('acks at once and answers ephemerally through response_url, with a share button', async () => {
    const res = await h.send(commandBody({ text: 'is TAS 2.13.20 affected?', user_id: 'U1', channel_id: 'C1', response_url: `${h.fake.url}/response/cmd1` }));
    expect(res.status).toBe(200);
    const [reply] = await h.fake.waitFor('response_url');
    expect(reply!.args.response_type).toBe('ephemeral');
    expect(textOf(reply!)).toContain('TAS 2.13.20');
    expect(textOf(reply!)).toContain('kb_share');
  });

  it('shares the answer in the channel', async () => {
    const before = h.fake.of('chat.postMessage').length;
    const reply = h.fake.of('response_url').at(-1)!;
    const share = (reply.args.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'kb_share')!;
    await h.send(interactionBody({ type: 'block_actions', user: { id: 'U1' }, channel: { id: 'C1' }, response_url: `${h.fake.url}/response/share1`, actions: [{ type: 'button', action_id: 'kb_share', value: share.value, block_id: 'b', action_ts: '1' }] }));
    const posts = await h.fake.waitFor('chat.postMessage', before + 1);
    expect(posts.at(-1)!.args.channel).toBe('C1');
    expect(textOf(posts.at(-1)!)).toContain('Shared by <@U1>');
  });

  it('answers /kb help with examples from the knowledge', async () => {
    await h.send(commandBody({ text: 'help', user_id: 'U1', channel_id: 'C1', response_url: `${h.fake.url}/response/help` }));
    const reply = await waitResponse('help');
    expect(textOf(reply)).toMatch(/is TAS \d+\.\d+\.\d+ affected/);
  });
});

async function waitResponse(id: string) {
  for (let i = 0; i < 100; i++) {
    const c = h.fake.calls.find((x) => x.path === `/response/${id}`);
    if (c) return c;
    await sleep(20);
  }
  throw new Error(`no response for ${id}`);
}

describe('mentions and DMs', () => {
  it('answers a mention in its thread', async () => {
    const t = ts();
    const before = h.fake.of('chat.postMessage').length;
    await h.send(eventBody({ type: 'app_mention', user: 'U2', text: `<@${BOT_USER_ID}> is IST 2.13.15 affected?`, ts: t, channel: 'C2' }));
    const posts = await h.fake.waitFor('chat.postMessage', before + 1);
    expect(posts.at(-1)!.args).toMatchObject({ channel: 'C2', thread_ts: t });
    expect(textOf(posts.at(-1)!)).toContain('IST 2.13.15');
  });

  it('a bare mention gets the help, in its thread', async () => {
    const t = ts();
    const before = h.fake.of('chat.postMessage').length;
    await h.send(eventBody({ type: 'app_mention', user: 'U2', text: `<@${BOT_USER_ID}>`, ts: t, channel: 'C2' }));
    const posts = await h.fake.waitFor('chat.postMessage', before + 1);
    expect(posts.at(-1)!.args).toMatchObject({ channel: 'C2', thread_ts: t });
    expect(textOf(posts.at(-1)!)).toContain('Ask me');
  });

  it('answers a mention inside a thread in that thread, and the message copy is not answered again', async () => {
    const t = ts();
    const before = h.fake.of('chat.postMessage').length;
    const text = `<@${BOT_USER_ID}> TAS 2.11.40?`;
    await h.send(eventBody({ type: 'app_mention', user: 'U2', text, ts: t, thread_ts: '1699999999.000001', channel: 'C2' }));
    await h.send(eventBody({ type: 'message', channel_type: 'channel', user: 'U2', text, ts: t, thread_ts: '1699999999.000001', channel: 'C2' }));
    const posts = await h.fake.waitFor('chat.postMessage', before + 1);
    await sleep(200);
    expect(h.fake.of('chat.postMessage').length).toBe(before + 1);
    expect(posts.at(-1)!.args.thread_ts).toBe('1699999999.000001');
  });

  it('answers a direct message in its thread', async () => {
    const t = ts();
    const before = h.fake.of('chat.postMessage').length;
    await h.send(eventBody({ type: 'message', channel_type: 'im', user: 'U3', text: 'routing-release 0.270.0', ts: t, channel: 'D3' }));
    const posts = await h.fake.waitFor('chat.postMessage', before + 1);
    expect(posts.at(-1)!.args).toMatchObject({ channel: 'D3', thread_ts: t });
  });
});

describe('passive crash recognition', () => {
  it('replies once to the seed trace, however often Slack retries', async () => {
    const t = ts();
    const before = h.fake.of('chat.postMessage').length;
    const ev = eventBody({ type: 'message', channel_type: 'channel', user: 'U4', text: '```' + SEED + '```', ts: t, channel: 'C4' }, 'EvRETRY0001');
    await h.send(ev);
    await Promise.all([h.send(ev, 1), h.send(ev, 2), h.send(ev, 3)]);
    const posts = await h.fake.waitFor('chat.postMessage', before + 1);
    await sleep(300);
    expect(h.fake.of('chat.postMessage').length).toBe(before + 1);
    expect(posts.at(-1)!.args.thread_ts).toBe(t);
    expect(textOf(posts.at(-1)!)).toContain('298398');
  });

  it('replies once per thread per article', async () => {
    const thread = ts();
    const before = h.fake.of('chat.postMessage').length;
    await h.send(eventBody({ type: 'message', channel_type: 'channel', user: 'U4', text: SEED, ts: ts(), thread_ts: thread, channel: 'C5' }));
    await h.send(eventBody({ type: 'message', channel_type: 'channel', user: 'U5', text: SEED, ts: ts(), thread_ts: thread, channel: 'C5' }));
    await h.fake.waitFor('chat.postMessage', before + 1);
    await sleep(300);
    expect(h.fake.of('chat.postMessage').length).toBe(before + 1);
  });

  it.each([
    ['chatter', { text: 'anyone seen concurrent map writes lately?' }],
    ['a partial match', { text: 'fatal error: concurrent map writes\n\ngoroutine 1 [running]:\nnet/http.Header.Set(...)\n\t/usr/local/go/src/net/http/header.go:40\nmain.handle(0xc000010000)\n\t/app/main.go:12 +0x1f\n' }],
    ['a bot message', { text: SEED, bot_id: 'B0OTHER' }],
    ['an edit', { text: SEED, subtype: 'message_changed' }],
    ['a deletion', { subtype: 'message_deleted' }],
  ])('ignores %s', async (_, fields) => {
    const before = h.fake.calls.length;
    await h.send(eventBody({ type: 'message', channel_type: 'channel', user: 'U6', ts: ts(), channel: 'C6', ...fields }));
    await sleep(250);
    expect(h.fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage')).toEqual([]);
  });

  it('fetches an uploaded log file from Slack and matches it', async () => {
    const file = h.fake.addFile('gorouter.stderr.log', SEED);
    const before = h.fake.of('chat.postMessage').length;
    await h.send(eventBody({ type: 'message', subtype: 'file_share', channel_type: 'channel', user: 'U7', text: '', ts: ts(), channel: 'C7', files: [file] }));
    const posts = await h.fake.waitFor('chat.postMessage', before + 1);
    expect(h.fake.of('file_download').length).toBeGreaterThan(0);
    expect(textOf(posts.at(-1)!)).toContain('298398');
  });

  it("reads gzip'd logs", async () => {
    const file = h.fake.addFile('router.log.gz', gzipSync(SEED), 'application/gzip', 'gzip');
    const before = h.fake.of('chat.postMessage').length;
    await h.send(eventBody({ type: 'message', subtype: 'file_share', channel_type: 'channel', user: 'U7', text: '', ts: ts(), channel: 'C8', files: [file] }));
    await h.fake.waitFor('chat.postMessage', before + 1);
  });

  it('downloads nothing from hosts that are not Slack', async () => {
    const before = h.fake.calls.length;
    await h.send(eventBody({ type: 'message', subtype: 'file_share', channel_type: 'im', user: 'U7', text: 'what is this?', ts: ts(), channel: 'D8', files: [{ id: 'F1', name: 'x.log', mimetype: 'text/plain', filetype: 'text', url_private_download: 'http://evil.example/x.log' }] }));
    const posts = await h.fake.waitFor('chat.postMessage', h.fake.of('chat.postMessage').length);
    await sleep(200);
    expect(h.fake.calls.slice(before).some((c) => c.method === 'file_download')).toBe(false);
    expect(textOf(h.fake.of('chat.postMessage').at(-1)!)).toContain('not a Slack file host');
    expect(posts.length).toBeGreaterThan(0);
  });
});

describe('security and failures', () => {
  it('rejects unsigned and stale requests with 401 and does no work', async () => {
    const before = h.fake.calls.length;
    const ev = eventBody({ type: 'app_mention', user: 'U9', text: 'TAS 2.13.20', ts: ts(), channel: 'C9' });
    const unsigned = await fetch(`${h.bot.url}/slack/events`, { method: 'POST', headers: { 'content-type': ev.type }, body: ev.body });
    expect(unsigned.status).toBe(401);
    const stale = await fetch(`${h.bot.url}/slack/events`, { method: 'POST', headers: { 'content-type': ev.type, ...signRequest(SECRET, ev.body, Math.floor(Date.now() / 1000) - 600) }, body: ev.body });
    expect(stale.status).toBe(401);
    const wrong = await fetch(`${h.bot.url}/slack/events`, { method: 'POST', headers: { 'content-type': ev.type, ...signRequest('not-the-secret', ev.body) }, body: ev.body });
    expect(wrong.status).toBe(401);
    await sleep(200);
    expect(h.fake.calls.length).toBe(before);
  });

  it('retries a 429 with Retry-After and still replies once', async () => {
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const before = h.fake.of('chat.postMessage').length;
    await h.send(eventBody({ type: 'app_mention', user: 'U2', text: 'TAS 2.13.20', ts: ts(), channel: 'C10' }));
    await h.fake.waitFor('chat.postMessage', before + 1, 8000);
    await sleep(300);
    expect(h.fake.of('chat.postMessage').length).toBe(before + 1);
  });

  it('a listener that fails leaves the app serving', async () => {
    h.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    const errorsBefore = await errorCount();
    await h.send(eventBody({ type: 'app_mention', user: 'U2', text: 'TAS 2.13.20', ts: ts(), channel: 'C11' }));
    await sleep(300);
    expect(await errorCount()).toBe(errorsBefore + 1);
    const before = h.fake.of('chat.postMessage').length;
    await h.send(eventBody({ type: 'app_mention', user: 'U2', text: 'TAS 2.13.21', ts: ts(), channel: 'C11' }));
    await h.fake.waitFor('chat.postMessage', before + 1);
    expect(h.logs.join('\n')).not.toContain('xoxb-test-token');
  });

  it('serves health, readiness and metrics', async () => {
    expect((await fetch(`${h.bot.url}/healthz`)).status).toBe(200);
    const ready = await (await fetch(`${h.bot.url}/readyz`)).json();
    expect(ready).toMatchObject({ ready: true, draining: false, knowledge: expect.stringMatching(/^[0-9a-f]{16}$/) });
    const metrics = await (await fetch(`${h.bot.url}/metrics`)).text();
    expect(metrics).toMatch(/kb_answers_total\{kind="version",via="mention"\} \d+/);
    expect(metrics).toMatch(/kb_trace_matches_total\{article="298398",level="exact"\} \d+/);
  });
});

describe('buttons and App Home', () => {
  it('the mitigation button shows the steps', async () => {
    await h.send(interactionBody({ type: 'block_actions', user: { id: 'U1' }, channel: { id: 'C1' }, response_url: `${h.fake.url}/response/mit`, actions: [{ type: 'button', action_id: 'kb_mitigation', value: '298398', block_id: 'b', action_ts: '1' }] }));
    expect(textOf(await waitResponse('mit'))).toContain('health check');
  });

  it('feedback is counted', async () => {
    await h.send(interactionBody({ type: 'block_actions', user: { id: 'U1' }, channel: { id: 'C1' }, response_url: `${h.fake.url}/response/fb`, actions: [{ type: 'button', action_id: 'kb_feedback_up', value: '298398:trace', block_id: 'b', action_ts: '1' }] }));
    expect(textOf(await waitResponse('fb'))).toContain('Thanks');
    expect(await (await fetch(`${h.bot.url}/metrics`)).text()).toMatch(/kb_feedback_people\{article="298398",vote="up"\} 1/);
  });

  it('App Home lists the articles', async () => {
    await h.send(eventBody({ type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home' }));
    const [view] = await h.fake.waitFor('views.publish');
    expect(JSON.stringify(view!.args.view)).toContain('KB 298398');
  });
});

async function errorCount(): Promise<number> {
  const m = /kb_errors_total\{where="listener"\} (\d+)/.exec(await (await fetch(`${h.bot.url}/metrics`)).text());
  return Number(m?.[1] ?? 0);
}
