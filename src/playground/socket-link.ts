import type { WebSocket } from 'ws';

/** What the fake knows of one Socket Mode connection, kept after it closed. */
export interface Connection {
  id: number;
  openedAt: number;
  closedAt?: number;
  closeCode?: number;
  /** Who closed it: the bot (its close frame), or the fake (after a `disconnect`, or on stop). */
  closedBy?: 'bot' | 'slack';
  /** Pongs the bot returned for the fake's pings, and pings the bot sent. */
  pongs: number;
  pings: number;
}

/**
 * Slack's end of one Socket Mode WebSocket: says `hello`, answers and sends
 * pings, sends `disconnect` and closes after a while if the bot does not,
 * and can play dead (no pongs, nothing read).
 */
export class SocketLink {
  /** False once a `disconnect` was sent or the link froze: nothing more is delivered on it. */
  accepting = true;
  private frozen = false;

  constructor(
    private readonly ws: WebSocket,
    readonly record: Connection,
    events: { message: (text: string) => void; close: () => void },
  ) {
    ws.on('ping', (data) => {
      record.pings++;
      if (!this.frozen) ws.pong(data);
    });
    ws.on('pong', () => void record.pongs++);
    ws.on('message', (data) => events.message(String(data)));
    ws.on('error', () => {});
    ws.on('close', (code) => {
      record.closedAt = Date.now();
      record.closeCode = code;
      record.closedBy ??= 'bot';
      events.close();
    });
  }

  get open(): boolean {
    return this.record.closedAt === undefined;
  }

  send(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }

  hello(connections: number): void {
    this.send({ type: 'hello', num_connections: connections, debug_info: { host: this.host, build_number: 1, approximate_connection_time: 18060 }, connection_info: { app_id: 'A0KBBOT' } });
  }

  ping(): void {
    if (!this.frozen && this.open) this.ws.ping();
  }

  /** Sends `disconnect`; returns what closes the link if the bot has not done so by then. */
  disconnect(reason: string): () => void {
    this.accepting = false;
    this.send({ type: 'disconnect', reason, debug_info: { host: this.host } });
    return () => {
      if (this.ws.readyState !== this.ws.OPEN) return;
      this.record.closedBy = 'slack';
      this.ws.close(1001, reason);
    };
  }

  freeze(): void {
    this.frozen = true;
    this.accepting = false;
    this.ws.pause();
  }

  terminate(): void {
    // Closing already means a close frame was exchanged (the bot's, unless the fake sent one).
    if (this.ws.readyState === this.ws.OPEN) this.record.closedBy ??= 'slack';
    this.ws.terminate();
  }

  private get host(): string {
    return `fake-applink-${this.record.id}`;
  }
}
