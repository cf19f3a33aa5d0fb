import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { Agent, ProxyAgent, type Dispatcher } from 'undici';
import { ConnectProxy } from './support/connect-proxy.ts';
import { startSocketHarness, until, type SocketHarness } from './support/socket-harness.ts';
import { TOKEN } from './support/slack-harness.ts';
import { eventBody } from '../src/playground/slack-requests.ts';
import { BOT_USER_ID, FakeSlackApi } from '../src/playground/fake-slack-api.ts';
import { FakeSocketMode } from '../src/playground/fake-socket-mode.ts';
import { MemoryStore } from '../src/store/memory-store.ts';

const open: SocketHarness[] = [];
const start = async (...args: Parameters<typeof startSocketHarness>) => {
  const h = await startSocketHarness(...args);
  open.push(h);
  return h;
};
afterEach(async () => {
  for (const h of open.splice(0).reverse()) await h.close();
});

let n = 0;
const mention = (channel: string, eventId?: string) => eventBody({ type: 'app_mention', user: 'U2', text: `<@${BOT_USER_ID}> is TAS 2.13.20 affected?`, ts: `1720000${String(++n).padStart(3, '0')}.000100`, channel }, eventId);
const posts = (h: SocketHarness, channel: string) => h.fake.of('chat.postMessage').filter((c) => c.args.channel === channel);
const readyz = async (h: SocketHarness) => {
  const res = await fetch(`${h.bot.url}/readyz`);
  return { status: res.status, ...((await res.json()) as Record<string, unknown>) };
};

describe('reconnecting', () => {
  it('on refresh_requested closes the old link cleanly and reconnects at once: no event is lost, each is acked within 3 s of being sent', async () => {
    const h = await start();
    await h.send(mention('CRF0'));
    const [old] = h.sm.disconnect('refresh_requested');
    // Sent while no connection takes envelopes: Slack holds them for the next one.
    const sent = ['CRF1', 'CRF2', 'CRF3'].map((c) => ({ at: Date.now(), channel: c, ...h.deliver(mention(c)) }));
    const acks = await Promise.all(sent.map((s) => s.acked));
    expect(acks.map((a) => a.connection)).toEqual([2, 2, 2]);
    for (const [i, a] of acks.entries()) expect(a.ackedAt! - sent[i]!.at).toBeLessThan(3000);
    for (const c of ['CRF0', 'CRF1', 'CRF2', 'CRF3']) await until(() => posts(h, c).length > 0, `the answer in ${c}`);
    expect(['CRF0', 'CRF1', 'CRF2', 'CRF3'].map((c) => posts(h, c).length)).toEqual([1, 1, 1, 1]);
    expect(h.sm.connections[old! - 1]).toMatchObject({ closedBy: 'bot', closeCode: 1000 });
    expect(await readyz(h)).toMatchObject({ status: 200, slack: 'connected', connects: 2 });
  });

  it('on link_disabled keeps trying while Slack refuses, and is not ready meanwhile', async () => {
    const h = await start();
    h.sm.refuseFor(2500);
    h.sm.disconnect('link_disabled');
    const sent = h.deliver(mention('CLD1'));
    await until(() => h.bot.socket!.state === 'reconnecting', 'the bot to notice');
    expect(await readyz(h)).toMatchObject({ status: 503, ready: false, slack: 'reconnecting' });
    await sent.acked;
    await until(() => posts(h, 'CLD1').length > 0, 'the answer');
    expect(h.sm.refused).toBeGreaterThan(0);
    const logs = h.logs.join('\n');
    expect(logs).toContain('"reason":"link_disabled"');
    expect(logs).toMatch(/"code":"KB_SLACK_UNREACHABLE","call":"apps.connections.open"/);
  });

  it('drops a dead link (no pong) and opens a new one', async () => {
    const h = await start({ socket: { clientPingTimeoutMs: 900 } });
    h.sm.freeze(1);
    const sent = h.deliver(mention('CDL1'));
    await h.sm.waitForConnections(2);
    expect((await sent.acked).connection).toBe(2);
    await until(() => posts(h, 'CDL1').length > 0, 'the answer');
  });

  it('backs off when the link keeps closing right after it opens, instead of reopening it in a tight loop', async () => {
    const h = await start();
    h.sm.on('hello', (c: { id: number }) => void (c.id < 5 && setImmediate(() => h.sm.disconnect('refresh_requested', c.id))));
    h.sm.disconnect('refresh_requested');
    await h.sm.waitForConnections(5);
    const waits = h.logs.filter((l) => l.includes('KB_SOCKET_FLAPPING')).map((l) => (JSON.parse(l) as { retryInMs: number }).retryInMs);
    expect(waits).toHaveLength(4);
    for (const c of h.sm.connections.slice(1, 5)) {
      const before = h.sm.connections[c.id - 2]!;
      // The backoff's least wait (half of firstMs = 100 ms) separates each close from the next connection.
      expect(c.openedAt - before.closedAt!).toBeGreaterThanOrEqual(50);
    }
    await h.send(mention('CFL1'));
    await until(() => posts(h, 'CFL1').length > 0, 'the answer');
  });
});

describe('a Slack outage at start-up', () => {
  it('retries auth.test while Slack is unreachable, opens no socket until it knows who it is, then answers', async () => {
    const fake = new FakeSlackApi(TOKEN);
    const port = await freePort();
    const h = await start({ fake, slackApiUrl: `http://127.0.0.1:${port}/api/`, noWait: true });
    open.push({ ...h, close: () => fake.stop() });
    await until(() => h.logs.some((l) => l.includes('"call":"auth.test"')), 'a failed auth.test', 15_000);
    expect(await readyz(h)).toMatchObject({ status: 503, ready: false, slack: 'starting' });
    expect(h.sm.opens).toBe(0);
    await fake.start(port);
    await h.connected();
    expect(await readyz(h)).toMatchObject({ status: 200, slack: 'connected' });
    await h.send(mention('COUT1'));
    await until(() => posts(h, 'COUT1').length > 0, 'the answer');
  });

  it('retries apps.connections.open while it is refused, then answers', async () => {
    const fake = new FakeSlackApi(TOKEN);
    await fake.start();
    const sm = new FakeSocketMode(fake);
    await sm.start();
    sm.refuseFor(1200);
    const h = await start({ fake, socketMode: sm, noWait: true });
    open.push({ ...h, close: async () => (await sm.stop(), await fake.stop()) });
    const sent = h.deliver(mention('COUT2'));
    expect(await readyz(h)).toMatchObject({ status: 503, ready: false });
    await h.connected();
    await sent.acked;
    await until(() => posts(h, 'COUT2').length > 0, 'the answer');
    expect(sm.refused).toBeGreaterThan(0);
  });

  it.each([
    ['the app token', { appToken: 'xapp-1-A0KBBOT-revoked' }, 'apps.connections.open (invalid_auth): check SLACK_APP_TOKEN'],
    ['the bot token', { botToken: 'xoxb-revoked' }, 'auth.test (invalid_auth): check SLACK_BOT_TOKEN'],
  ])('gives up when Slack refuses %s, naming the variable', async (_, tokens, message) => {
    const h = await start({ ...tokens, noWait: true });
    const failed = await h.bot.socket!.failed;
    expect(failed.message).toContain(message);
    expect(await readyz(h)).toMatchObject({ status: 503, slack: 'failed' });
  });
});

describe('where Socket Mode goes', () => {
  it('sends apps.connections.open and the WebSocket through the agent it is given', async () => {
    const seen: string[] = [];
    class CountingAgent extends Agent {
      override dispatch(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
        seen.push(`${opts.method} ${String(opts.path).split('?')[0]}`);
        return super.dispatch(opts, handler);
      }
    }
    const h = await start({ agent: new CountingAgent() });
    expect(seen).toEqual(['POST /api/apps.connections.open', 'GET /link/']);
    await h.send(mention('CAG1'));
    await until(() => posts(h, 'CAG1').length > 0, 'the answer');
  });

  it('reaches Slack through a proxy that only tunnels (an undici ProxyAgent as the agent)', async () => {
    const proxy = new ConnectProxy();
    await proxy.start();
    const h = await start({ agent: new ProxyAgent(proxy.url) });
    open.push({ ...h, close: () => proxy.stop() });
    const api = new URL(h.fake.url).host;
    const socketHost = new URL(h.sm.url).host;
    expect(proxy.tunnels).toEqual(expect.arrayContaining([api, socketHost]));
    await h.send(mention('CPX1'));
    await until(() => posts(h, 'CPX1').length > 0, 'the answer');
  });

  it('a retry that reaches another replica is answered once, when they share a store', async () => {
    const store = new MemoryStore();
    const a = await start({ store, sm: { ackTimeoutMs: 1000 } });
    const b = await start({ store, fake: a.fake, socketMode: a.sm });
    await a.sm.waitForConnections(2);
    a.sm.loseAcks(1);
    const sent = a.deliver(mention('CREP1'));
    const acked = await sent.acked;
    const first = a.sm.deliveries.find((d) => d.message === sent.message)!;
    expect(acked.envelope.retry_attempt).toBe(1);
    expect(acked.connection).not.toBe(first.connection);
    await a.send(mention('CREP1'));
    await until(() => posts(a, 'CREP1').length >= 2, 'the control question to be answered');
    expect(posts(a, 'CREP1')).toHaveLength(2);
    expect(b.bot.socket!.state).toBe('connected');
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
