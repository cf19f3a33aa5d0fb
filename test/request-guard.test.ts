import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LogLevel } from '@slack/bolt';
import { startHarness, until, sleep, SECRET, type Harness } from './support/slack-harness.ts';
import { commandBody, eventBody, interactionBody } from '../src/playground/slack-requests.ts';
import { signRequest } from '../src/playground/sign-request.ts';
import { guardSlackRequests, type GuardOptions } from '../src/server/guard-slack-requests.ts';
import { jsonLogger } from '../src/observe/json-logger.ts';

let h: Harness;
let elsewhere: Server;
let elsewhereHits = 0;
beforeAll(async () => {
  h = await startHarness();
  elsewhere = createServer((_, res) => void (elsewhereHits++, res.end('{}')));
  await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', () => r()));
});
afterAll(async () => {
  await h.close();
  await new Promise((r) => elsewhere.close(r));
});

const now = () => Math.floor(Date.now() / 1000);
const post = (body: string, headers: Record<string, string>, url = `${h.bot.url}/slack/events`) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

/** Sends headers and a first part of a body, then waits: the answer must come before the rest is sent. */
function answerBeforeBody(url: string, headers: Record<string, string>, declared: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(declared), ...headers } }, (res) => {
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', () => undefined);
    req.write(Buffer.alloc(1024, 0x20));
    setTimeout(() => reject(new Error('no answer while the body was still being sent')), 3000);
  });
}

describe('requests refused before their body is read', () => {
  it.each([
    ['no signature headers', {}],
    ['a malformed signature', { 'x-slack-signature': 'v0=nothex', 'x-slack-request-timestamp': String(now()) }],
    ['a stale timestamp', { 'x-slack-signature': `v0=${'a'.repeat(64)}`, 'x-slack-request-timestamp': String(now() - 600) }],
    ['a timestamp a year ahead', { 'x-slack-signature': `v0=${'a'.repeat(64)}`, 'x-slack-request-timestamp': String(now() + 365 * 86400) }],
  ])('%s: 401 while a 4 MB body is still on its way', async (_, headers) => {
    expect(await answerBeforeBody(`${h.bot.url}/slack/events`, headers, 4 << 20)).toBe(401);
  });

  it('a signed request a year ahead is refused (Bolt only checks the past)', async () => {
    const ev = eventBody({ type: 'app_mention', user: 'U1', text: '<@UKBBOT0001> TAS 2.13.20', ts: '1760000000.000100', channel: 'CFUTURE' });
    const res = await post(ev.body, signRequest(SECRET, ev.body, now() + 365 * 86400));
    expect(res.status).toBe(401);
    await sleep(200);
    expect(h.fake.of('chat.postMessage').filter((c) => c.args.channel === 'CFUTURE')).toEqual([]);
  });

  it('a declared body over the limit gets 413 at once', async () => {
    expect(await answerBeforeBody(`${h.bot.url}/slack/events`, signRequest(SECRET, 'x'), 64 << 20)).toBe(413);
  });
});

describe('signed bodies that are not Slack requests', () => {
  it.each([
    ['JSON null', 'null', 'application/json'],
    ['a JSON array', '[]', 'application/json'],
    ['a JSON string', '"x"', 'application/json'],
    ['a JSON number', '42', 'application/json'],
    ['a payload of null', 'payload=null', 'application/x-www-form-urlencoded'],
    ['not JSON at all', '{"type":', 'application/json'],
  ])('%s gets 400 at once, not a hang', async (_, body, type) => {
    const res = await fetch(`${h.bot.url}/slack/events`, { method: 'POST', headers: { 'content-type': type, ...signRequest(SECRET, body) }, body, signal: AbortSignal.timeout(3000) });
    expect(res.status).toBe(400);
  });

  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const payload = (p: Record<string, unknown>) => form({ payload: JSON.stringify(p) });
  const event = (e: unknown) => JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: 'EvODD', event: e });
  it.each([
    ['a type Slack never sends', JSON.stringify({ type: 'weird' }), 'application/json'],
    ['an event that is null', event(null), 'application/json'],
    ['a mention whose text is a number', event({ type: 'app_mention', user: 'U1', text: 5, ts: '1.1', channel: 'C1' }), 'application/json'],
    ['a mention with no channel', event({ type: 'app_mention', user: 'U1', text: 'hi', ts: '1.2' }), 'application/json'],
    ['a message whose files are an object', event({ type: 'message', user: 'U1', text: 'hi', ts: '1.3', channel: 'D1', files: { a: 1 } }), 'application/json'],
    ['a message with files: [null]', event({ type: 'message', user: 'U1', text: 'hi', ts: '1.4', channel: 'D1', files: [null] }), 'application/json'],
    ['a message with files: [1, "x", []]', event({ type: 'message', user: 'U1', text: 'hi', ts: '1.5', channel: 'D1', files: [1, 'x', []] }), 'application/json'],
    ['a command given twice', 'command=/kb&command=/kb&text=a&user_id=U1', 'application/x-www-form-urlencoded'],
    ['a command with no text', form({ command: '/kb', user_id: 'U1', channel_id: 'C1' }), 'application/x-www-form-urlencoded'],
    ['block_actions with no actions', payload({ type: 'block_actions', user: { id: 'U1' } }), 'application/x-www-form-urlencoded'],
    ['a message shortcut with no message', payload({ type: 'message_action', callback_id: 'kb_check_message', user: { id: 'U1' }, channel: { id: 'C1' } }), 'application/x-www-form-urlencoded'],
    ['an interaction with no user', payload({ type: 'block_actions', actions: [{ action_id: 'kb_share', value: 'x' }] }), 'application/x-www-form-urlencoded'],
  ])('%s gets 400 at once, never a listener error or a 3 s wait for an ack', async (_, body, type) => {
    const errors = () => h.logs.filter((l) => l.includes('listener failed') || l.includes('not acknowledged')).length;
    const before = errors();
    // As Slack does: a request not answered within 3 s is given up (and would be retried).
    const res = await fetch(`${h.bot.url}/slack/events`, { method: 'POST', headers: { 'content-type': type, ...signRequest(SECRET, body) }, body, signal: AbortSignal.timeout(3000) });
    expect(res.status).toBe(400);
    expect(errors()).toBe(before);
  });

  it('a response_url to a host that is not Slack\'s is refused, and nothing is posted there', async () => {
    const cmd = commandBody({ text: 'TAS 2.13.20', user_id: 'U1', channel_id: 'C1', response_url: `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/hook` });
    expect((await h.send(cmd)).status).toBe(400);
    const click = interactionBody({ type: 'block_actions', user: { id: 'U1' }, channel: { id: 'C1' }, response_url: `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/hook`, actions: [{ type: 'button', action_id: 'kb_mitigation', value: '298398', block_id: 'b', action_ts: '1' }] });
    expect((await h.send(click)).status).toBe(400);
    await sleep(300);
    expect(elsewhereHits).toBe(0);
    // Positive control: the same command with Slack's (here: the fake's) response_url is answered.
    await h.send(commandBody({ text: 'TAS 2.13.20', user_id: 'U1', channel_id: 'C1', response_url: `${h.fake.url}/response/ok-origin` }));
    await until(() => h.fake.calls.some((c) => c.path === '/response/ok-origin'));
  });
});

describe('replays', () => {
  it('a signed /kb sent three times is answered once', async () => {
    const cmd = commandBody({ text: 'TAS 2.13.20', user_id: 'U1', channel_id: 'C1', response_url: `${h.fake.url}/response/replay` });
    const headers = { 'content-type': cmd.type, ...signRequest(SECRET, cmd.body) };
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${h.bot.url}/slack/events`, { method: 'POST', headers, body: cmd.body })).status);
    expect(statuses).toEqual([200, 200, 200]);
    await until(() => h.fake.calls.some((c) => c.path === '/response/replay'));
    await sleep(400);
    expect(h.fake.calls.filter((c) => c.path === '/response/replay')).toHaveLength(1);
  });
});

describe('the guard on its own', () => {
  let server: Server;
  let url = '';
  let passed = 0;
  const start = async (options: Partial<GuardOptions>) => {
    const guard = guardSlackRequests({ signingSecret: SECRET, logger: jsonLogger(() => {}, LogLevel.ERROR), responseOrigins: [], accepting: () => ({ ok: true }), claim: async () => true, ...options });
    server = createServer((req, res) => guard(req, res, (_, r) => void (passed++, r.end('ok'))));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  };
  const stop = () => new Promise((r) => { server.closeAllConnections(); server.close(r); });

  it('caps the bytes held by unverified requests together: past the cap, 503 at once', async () => {
    await start({ maxPendingBytes: 3 << 20, maxBodyBytes: 1 << 20 });
    try {
      const slow = Array.from({ length: 3 }, () => answerBeforeBody(url, signRequest(SECRET, 'x'), 1 << 20).catch(() => 0));
      await sleep(200);
      // Three 1 MB bodies are on their way (1.5 MB for big bodies): the fourth does not fit.
      expect(await answerBeforeBody(url, signRequest(SECRET, 'x'), 1 << 20)).toBe(503);
      await Promise.all(slow);
    } finally {
      await stop();
    }
  });

  it('a body that does not arrive in time gets 408', async () => {
    await start({ bodyTimeoutMs: 300 });
    try {
      expect(await answerBeforeBody(url, signRequest(SECRET, 'x'), 10_000)).toBe(408);
    } finally {
      await stop();
    }
  });

  it('a chunked body over the limit gets 413; a signed small one passes (positive control)', async () => {
    await start({ maxBodyBytes: 4096 });
    try {
      const big = 'x'.repeat(8192);
      const res = await fetch(url, { method: 'POST', headers: signRequest(SECRET, big), body: new Blob([big]).stream(), duplex: 'half' } as RequestInit);
      expect(res.status).toBe(413);
      const ok = JSON.stringify({ type: 'url_verification', challenge: 'c' });
      expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signRequest(SECRET, ok) }, body: ok })).status).toBe(200);
      expect(passed).toBeGreaterThan(0);
    } finally {
      await stop();
    }
  });
});
