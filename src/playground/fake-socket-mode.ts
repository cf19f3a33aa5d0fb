import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FakeSlackApi } from './fake-slack-api.ts';
import { envelopeFor, type EnvelopeType } from './socket-requests.ts';
import { SocketLink, type Connection } from './socket-link.ts';
import { EnvelopeQueue, type Delivery, type Sent } from './envelope-queue.ts';
import { Timers } from './timers.ts';

export type { Connection } from './socket-link.ts';
export type { Envelope } from './socket-requests.ts';
export type { Delivery, Sent } from './envelope-queue.ts';

export const APP_TOKEN = 'xapp-1-A0KBBOT-test-token';

export interface FakeSocketModeOptions {
  appToken?: string;
  /** Slack's deadline for an ack (3 s); an unacked event is then retried. */
  ackTimeoutMs?: number;
  /** How often an unacked event is retried (Slack: 3). Commands and interactions are not retried. */
  maxRetries?: number;
  pingIntervalMs?: number;
  /** How long after a `disconnect` message the fake closes the link itself. */
  closeAfterMs?: number;
}

/**
 * A local stand-in for Slack's side of Socket Mode, beside the fake Web API:
 * answers `apps.connections.open` with a ws://127.0.0.1 URL (single-use
 * ticket), says `hello`, delivers `events_api`, `slash_commands` and
 * `interactive` envelopes round-robin over the open connections (holding them
 * while none is open), records every ack and its delay, pings, retries an
 * unacked event with `retry_attempt`/`retry_reason`, sends `disconnect`, and
 * can refuse connections for a while (an outage) or freeze one (a dead link).
 */
export class FakeSocketMode extends EventEmitter {
  readonly connections: Connection[] = [];
  /** apps.connections.open calls answered with a URL, and those refused. */
  opens = 0;
  refused = 0;
  url = '';
  private server: Server | null = null;
  private readonly wss = new WebSocketServer({ noServer: true, autoPong: false });
  private readonly live = new Map<number, SocketLink>();
  private readonly tickets = new Set<string>();
  private readonly timers = new Timers();
  private pinger: NodeJS.Timeout | null = null;
  private refuseUntil = 0;

  private readonly queue: EnvelopeQueue;

  constructor(private readonly api: FakeSlackApi, private readonly options: FakeSocketModeOptions = {}) {
    super();
    this.queue = new EnvelopeQueue(() => [...this.live.values()], options);
    this.queue.on('delivery', (d: Delivery) => this.emit('delivery', d));
    this.queue.on('ack', (d: Delivery) => this.emit('ack', d));
  }

  /** Every delivery so far (retries included), with its ack. */
  get deliveries(): Delivery[] {
    return this.queue.deliveries;
  }

  get appToken(): string {
    return this.options.appToken ?? APP_TOKEN;
  }

  async start(): Promise<void> {
    const server = createServer((_req, res) => res.writeHead(404).end());
    server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      if (url.pathname !== '/link/' || !this.tickets.delete(url.searchParams.get('ticket') ?? '')) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.server = server;
    this.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.api.answer('apps.connections.open', (_args, authorization) => this.open(authorization));
    this.pinger = setInterval(() => {
      for (const l of this.live.values()) l.ping();
    }, this.options.pingIntervalMs ?? 5000);
  }

  async stop(): Promise<void> {
    if (this.pinger) clearInterval(this.pinger);
    this.timers.clear();
    this.queue.stop();
    for (const l of this.live.values()) l.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    const closed = new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
    await closed;
  }

  /** Sends what Slack would POST to /slack/events in HTTP mode (slack-requests.ts) as an envelope. */
  deliver(req: { body: string; type: string }): Sent {
    const { type, payload } = envelopeFor(req);
    return this.queue.send(type, payload);
  }

  send(type: EnvelopeType, payload: Record<string, unknown>): Sent {
    return this.queue.send(type, payload);
  }

  /** Sends a message again now as its next retry (as Slack does when an ack did not reach it), with its own ack. */
  redeliver(messageId: number, reason = 'timeout'): Sent {
    return this.queue.redeliver(messageId, reason);
  }

  /** Drops the bot's next `count` acks, as if lost on the way. */
  loseAcks(count = 1): void {
    this.queue.loseAcks(count);
  }

  /** Refuses apps.connections.open (the connection is dropped, as when Slack is unreachable) for `ms`. */
  refuseFor(ms: number): void {
    this.refuseUntil = Date.now() + ms;
  }

  /** Sends `disconnect` on the given connections (default: all open) and closes them after `closeAfterMs` if the bot has not. */
  disconnect(reason: 'refresh_requested' | 'link_disabled' | 'warning', connection?: number): number[] {
    const targets = [...this.live.values()].filter((l) => l.accepting && (connection === undefined || l.record.id === connection));
    for (const l of targets) this.timers.later(this.options.closeAfterMs ?? 1000, l.disconnect(reason));
    return targets.map((l) => l.record.id);
  }

  /** A dead link: the connection stays open but answers no ping and reads nothing more. */
  freeze(connection: number): void {
    const l = this.live.get(connection);
    if (!l) throw new Error(`connection ${connection} is not open`);
    l.freeze();
  }

  /** Connections open now and taking envelopes. */
  openConnections(): Connection[] {
    return [...this.live.values()].filter((l) => l.accepting).map((l) => l.record);
  }

  /** Resolves once `count` connections have been greeted with `hello` in all. */
  waitForConnections(count: number, timeoutMs = 10_000): Promise<Connection> {
    return this.waitUntil(() => (this.connections.length >= count ? this.connections[count - 1] : undefined), 'hello', `${count} connection(s)`, timeoutMs);
  }

  /** Resolves once connection `id` has closed. */
  waitForClose(id: number, timeoutMs = 10_000): Promise<Connection> {
    return this.waitUntil(() => this.connections.find((c) => c.id === id && c.closedAt !== undefined), 'close', `connection ${id} to close`, timeoutMs);
  }

  private waitUntil<T>(probe: () => T | undefined, event: string, what: string, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const v = probe();
        if (v === undefined) return;
        this.off(event, check);
        clearTimeout(timer);
        resolve(v);
      };
      const timer = setTimeout(() => {
        this.off(event, check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      this.on(event, check);
      check();
    });
  }

  private open(authorization: string | undefined): Record<string, unknown> | null {
    if (authorization !== `Bearer ${this.appToken}`) return { ok: false, error: authorization?.startsWith('Bearer xoxb-') ? 'not_allowed_token_type' : 'invalid_auth' };
    if (Date.now() < this.refuseUntil) {
      this.refused++;
      return null;
    }
    const ticket = randomUUID();
    this.tickets.add(ticket);
    this.opens++;
    return { ok: true, url: `${this.url}/link/?ticket=${ticket}&app_id=A0KBBOT` };
  }

  private accept(ws: WebSocket): void {
    const record: Connection = { id: this.connections.length + 1, openedAt: Date.now(), pongs: 0, pings: 0 };
    const link = new SocketLink(ws, record, {
      message: (text) => this.queue.onAck(text),
      close: () => {
        this.live.delete(record.id);
        this.emit('close', record);
      },
    });
    this.connections.push(record);
    this.live.set(record.id, link);
    link.hello(this.live.size);
    this.emit('hello', record);
    this.queue.flush();
  }
}
