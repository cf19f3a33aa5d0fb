import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSocketHarness, until, type SocketHarness } from './support/socket-harness.ts';
import { SEED, TOKEN } from './support/slack-harness.ts';
import { eventBody, commandBody, interactionBody } from '../src/playground/slack-requests.ts';
import { BOT_USER_ID, type SlackCall } from '../src/playground/fake-slack-api.ts';

let h: SocketHarness;
beforeAll(async () => {
  h = await startSocketHarness({ sm: { pingIntervalMs: 200 } });
});
afterAll(async () => h.close());

let n = 0;
const ts = () => `1710000${String(++n).padStart(3, '0')}.000100`;
const textOf = (call: SlackCall) => JSON.stringify(call.args.blocks ?? '') + String(call.args.text ?? '');
const postsIn = (channel: string) => h.fake.of('chat.postMessage').filter((c) => c.args.channel === channel);
const mention = (channel: string, text: string, eventId?: string) => eventBody({ type: 'app_mention', user: 'U2', text: `<@${BOT_USER_ID}> ${text}`, ts: ts(), channel }, eventId);

/**
 * After a retry was acked: a new question in the same channel (the positive
 * control) is answered, and the channel then holds two answers, not three.
 * The retry, delivered first, would have been answered first.
 */
async function answeredOnceMore(channel: string): Promise<void> {
  await h.send(mention(channel, 'is TAS 2.11.40 affected?'));
  await until(() => postsIn(channel).length >= 2, 'the control question to be answered');
  expect(postsIn(channel)).toHaveLength(2);
  expect(textOf(postsIn(channel)[1]!)).toContain('2.11.40');
}

describe('connecting', () => {
  it('opens the socket through SLACK_API_URL with the app token, after learning who it is', async () => {
    const open = h.fake.of('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(h.sm.opens).toBe(1);
    expect(h.fake.of('auth.test')[0]!.at).toBeLessThanOrEqual(open[0]!.at);
    expect(h.sm.connections).toHaveLength(1);
    const ready = await (await fetch(`${h.bot.url}/readyz`)).json();
    expect(ready).toMatchObject({ ready: true, mode: 'socket', slack: 'connected', connects: 1 });
    expect(await (await fetch(`${h.bot.url}/metrics`)).text()).toMatch(/kb_socket_up 1/);
  });

  it("answers Slack's pings and pings Slack", async () => {
    await until(() => h.sm.connections[0]!.pongs >= 2 && h.sm.connections[0]!.pings >= 1, 'pings both ways');
  });
});

describe('envelopes through the real app', () => {
  it('answers a mention in its thread', async () => {
    const ev = mention('CSM1', 'is IST 2.13.15 affected?');
    await h.send(ev);
    const [post] = await until(() => postsIn('CSM1').length > 0 && postsIn('CSM1'), 'the answer');
    expect(post!.args).toMatchObject({ channel: 'CSM1', thread_ts: (JSON.parse(ev.body) as { event: { ts: string } }).event.ts });
    expect(textOf(post!)).toContain('IST 2.13.15');
  });

  it('answers /kb through response_url, ephemerally, with a share button', async () => {
    const d = await h.send(commandBody({ text: 'is TAS 2.13.20 affected?', user_id: 'U1', channel_id: 'CSM2', response_url: `${h.fake.url}/response/sm-cmd` }));
    expect(d.envelope.type).toBe('slash_commands');
    expect(d.envelope.accepts_response_payload).toBe(true);
    const reply = await until(() => h.fake.calls.find((c) => c.path === '/response/sm-cmd'), 'the response_url post');
    expect(reply.args.response_type).toBe('ephemeral');
    expect(textOf(reply)).toContain('TAS 2.13.20');
    expect(textOf(reply)).toContain('kb_share');
  });

  it('handles a click on Share: the answer is posted in the channel', async () => {
    const reply = h.fake.calls.find((c) => c.path === '/response/sm-cmd')!;
    const share = (reply.args.blocks as { elements?: { action_id: string; value: string }[] }[]).flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'kb_share')!;
    const d = await h.send(interactionBody({ type: 'block_actions', user: { id: 'U1' }, channel: { id: 'CSM2' }, response_url: `${h.fake.url}/response/sm-share`, actions: [{ type: 'button', action_id: 'kb_share', value: share.value, block_id: 'b', action_ts: '1' }] }));
    expect(d.envelope.type).toBe('interactive');
    const [post] = await until(() => postsIn('CSM2').length > 0 && postsIn('CSM2'), 'the shared answer');
    expect(textOf(post!)).toContain('Shared by <@U1>');
  });

  it('handles the mitigation button', async () => {
    await h.send(interactionBody({ type: 'block_actions', user: { id: 'U1' }, channel: { id: 'CSM3' }, response_url: `${h.fake.url}/response/sm-mit`, actions: [{ type: 'button', action_id: 'kb_mitigation', value: '298398', block_id: 'b', action_ts: '1' }] }));
    const reply = await until(() => h.fake.calls.find((c) => c.path === '/response/sm-mit'), 'the steps');
    expect(textOf(reply)).toContain('health check');
  });

  it('answers a pasted crash in its thread on its own', async () => {
    await h.send(eventBody({ type: 'message', channel_type: 'channel', user: 'U4', text: '```' + SEED + '```', ts: ts(), channel: 'CSM4' }));
    const [post] = await until(() => postsIn('CSM4').length > 0 && postsIn('CSM4'), 'the passive reply');
    expect(textOf(post!)).toContain('298398');
  });
});

describe("Slack's retries", () => {
  it('answers a redelivered envelope once', async () => {
    const sent = h.deliver(mention('CSM5', 'TAS 2.13.20', 'EvSMREDELIVER1'));
    await sent.acked;
    await until(() => postsIn('CSM5').length > 0, 'the first answer');
    const retry = await h.sm.redeliver(sent.message).acked;
    expect(retry.envelope).toMatchObject({ retry_attempt: 1, retry_reason: 'timeout' });
    await answeredOnceMore('CSM5');
  });

  it('answers once when an ack is lost and Slack retries after its 3 s', async () => {
    h.sm.loseAcks(1);
    const sent = h.deliver(mention('CSM6', 'TAS 2.13.21', 'EvSMLOSTACK01'));
    const acked = await sent.acked;
    const all = h.sm.deliveries.filter((d) => d.message === sent.message);
    expect(all.map((d) => [d.envelope.retry_attempt, Boolean(d.lost)])).toEqual([[0, true], [1, false]]);
    expect(acked.envelope.retry_reason).toBe('timeout');
    await answeredOnceMore('CSM6');
  });
});

describe('redelivered commands and clicks', () => {
  const responses = (id: string) => h.fake.calls.filter((c) => c.path === `/response/${id}`);
  it.each([
    ['/kb', (id: string) => commandBody({ text: 'is TAS 2.13.20 affected?', user_id: 'U1', channel_id: 'CSM7', response_url: `${h.fake.url}/response/${id}` })],
    ['a click', (id: string) => interactionBody({ type: 'block_actions', user: { id: 'U1' }, channel: { id: 'CSM7' }, response_url: `${h.fake.url}/response/${id}`, actions: [{ type: 'button', action_id: 'kb_mitigation', value: '298398', block_id: 'b', action_ts: '1' }] })],
  ])('answers %s delivered twice once', async (name, body) => {
    const id = `sm-twice-${name.length}`;
    const sent = h.deliver(body(id));
    await sent.acked;
    await until(() => responses(id).length > 0, 'the answer');
    const retry = await h.sm.redeliver(sent.message).acked;
    expect(retry.envelope.retry_attempt).toBe(1);
    // Positive control: the same again with a new trigger (a new action by the user) is answered.
    await h.send(body(`${id}-control`));
    await until(() => responses(`${id}-control`).length > 0, 'the control to be answered');
    expect(responses(id)).toHaveLength(1);
  });
});

describe('the promise to Slack', () => {
  it('acked every envelope within 3 s', () => {
    const delivered = h.sm.deliveries.filter((d) => !d.lost);
    expect(delivered.length).toBeGreaterThanOrEqual(14);
    const late = delivered.filter((d) => d.ackedAt === undefined || d.ackedAt - d.sentAt >= 3000);
    expect(late).toEqual([]);
  });

  it('never logged a token', () => {
    expect(h.logs.join('\n')).not.toContain(TOKEN);
    expect(h.logs.join('\n')).not.toContain(h.sm.appToken);
  });
});
