import { Counter, Gauge, type Registry } from 'prom-client';
import type { App, Logger, SocketModeReceiver } from '@slack/bolt';
import { backoffDelay, sleep, within, SLACK_BACKOFF, type Backoff } from './backoff.ts';

export type SocketState = 'starting' | 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'stopped';

/** Slack's answers that no retry can change: the token is wrong, revoked, or of the wrong kind. */
const FATAL = new Set(['not_authed', 'invalid_auth', 'account_inactive', 'user_removed_from_team', 'team_disabled', 'not_allowed_token_type', 'token_revoked', 'token_expired', 'missing_scope']);

/** A connection that lasted less than this counts as a flap: the next reconnect backs off. */
const STABLE_MS = 10_000;

export class SlackRefusedError extends Error {
  readonly code = 'KB_SLACK_AUTH';
}

export interface SocketConnectionOptions {
  app: App;
  receiver: SocketModeReceiver;
  logger: Logger;
  registry: Registry;
  backoff?: Backoff;
  /** How long one connection attempt may wait for Slack's `hello`. */
  helloTimeoutMs?: number;
}

/**
 * Keeps kb-bot connected over Socket Mode. First it learns who the bot is
 * (auth.test, retried with backoff, so an outage at start-up cannot leave
 * Bolt with a failed identity); only then does it open the socket, so no
 * envelope arrives before the bot can handle it. It reopens the socket at
 * once whenever it closes (Slack's `refresh_requested`, `link_disabled`, a
 * dead link), retrying network errors and 5xx for as long as they last; a
 * refused token ends it (`failed`), naming the variable to fix.
 */
export class SocketConnection {
  state: SocketState = 'starting';
  /** Connections opened so far: 1 after start-up, one more per reconnect. */
  connects = 0;
  lastError: string | undefined;
  /** Resolves (never rejects) if Slack refuses a token for good. */
  readonly failed: Promise<SlackRefusedError>;
  private fail: (e: SlackRefusedError) => void = () => {};
  private stopping = false;
  private readonly abort = new AbortController();
  private closed: (() => void) | null = null;
  private running: Promise<void> = Promise.resolve();
  private readonly up: Gauge;
  private readonly opened: Counter;

  constructor(private readonly options: SocketConnectionOptions) {
    this.failed = new Promise((resolve) => (this.fail = resolve));
    const client = options.receiver.client;
    client.on('disconnected', () => this.closed?.());
    client.on('ws_message', (data: unknown) => {
      // Slack's `disconnect` says why; `link_disabled` needs the operator (Socket Mode turned off in the app's settings).
      if (typeof data !== 'string' || data.length > 1000 || !data.includes('"disconnect"')) return;
      const reason = readReason(data);
      if (reason === undefined) return;
      const level = reason === 'link_disabled' ? 'warn' : 'info';
      options.logger[level]({ code: 'KB_SOCKET_DISCONNECT', reason }, reason === 'link_disabled' ? 'Slack disabled the Socket Mode link (is Socket Mode still on in the app settings?); reconnecting' : `Slack asked to reconnect (${reason})`);
    });
    this.up = new Gauge({ name: 'kb_socket_up', help: '1 while the Socket Mode connection to Slack is open', registers: [options.registry] });
    this.opened = new Counter({ name: 'kb_socket_connects_total', help: 'Socket Mode connections opened (start-up and reconnects)', registers: [options.registry] });
  }

  start(): void {
    this.running = this.run().catch((e: unknown) => {
      this.setState('failed');
      this.lastError = e instanceof Error ? e.message : String(e);
      if (!(e instanceof SlackRefusedError)) return void this.options.logger.error({ code: 'KB_SOCKET' }, 'the Socket Mode connection stopped', e);
      this.options.logger.error({ code: e.code }, e.message);
      this.fail(e);
    });
  }

  health(): Record<string, unknown> {
    return { slack: this.state, connects: this.connects, ...(this.lastError && this.state !== 'connected' ? { slackError: this.lastError } : {}) };
  }

  /** Closes the socket with a close frame (waiting up to `timeoutMs` for Slack's), and stops reconnecting. */
  async stop(timeoutMs = 2000): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    const client = this.options.receiver.client;
    // No close frame came back in time: a second disconnect drops the link without waiting.
    if (!(await within(client.disconnect(), timeoutMs))) client.websocket?.disconnect();
    await within(this.running, timeoutMs);
    this.setState('stopped');
  }

  private async run(): Promise<void> {
    const { app, receiver, logger } = this.options;
    await this.attempt('auth.test', 'SLACK_BOT_TOKEN', () => app.init());
    let flaps = 0;
    while (!this.stopping) {
      this.setState(this.connects === 0 ? 'connecting' : 'reconnecting');
      let closed: Promise<void> = Promise.resolve();
      const opened = await this.attempt('apps.connections.open', 'SLACK_APP_TOKEN', async () => {
        closed = new Promise<void>((resolve) => (this.closed = resolve));
        await this.withHelloDeadline(receiver.client.start());
      });
      if (!opened || this.stopping) break;
      this.connects++;
      this.opened.inc();
      this.setState('connected');
      logger.info({ connects: this.connects }, this.connects === 1 ? 'connected to Slack (Socket Mode)' : 'reconnected to Slack (Socket Mode)');
      const openedAt = Date.now();
      await closed;
      if (this.stopping) break;
      // A link that keeps closing right after it opened is not reopened in a tight loop.
      const lasted = Date.now() - openedAt;
      flaps = lasted < STABLE_MS ? flaps + 1 : 0;
      const wait = flaps > 0 ? backoffDelay(flaps, this.options.backoff ?? SLACK_BACKOFF) : 0;
      if (flaps > 0) logger.warn({ code: 'KB_SOCKET_FLAPPING', lasted, retryInMs: wait }, `the Socket Mode connection closed after ${lasted} ms; reconnecting in ${wait} ms`);
      else logger.info({ lasted }, 'the Socket Mode connection closed; reconnecting');
      await sleep(wait, this.abort.signal);
    }
    // stop() may have raced a connection that was still opening.
    if (receiver.client.websocket?.isActive()) await receiver.client.disconnect();
  }

  /** Runs `call` until it succeeds, waiting longer after each failure; false once stopping. */
  private async attempt(what: string, variable: string, call: () => Promise<unknown>): Promise<boolean> {
    for (let failures = 1; !this.stopping; failures++) {
      try {
        await call();
        this.lastError = undefined;
        return true;
      } catch (e) {
        if (this.stopping) return false;
        const slackError = (e as { code?: string; data?: { error?: string } }).code === 'slack_webapi_platform_error' ? (e as { data?: { error?: string } }).data?.error : undefined;
        if (slackError && FATAL.has(slackError)) throw new SlackRefusedError(`Slack refused ${what} (${slackError}): check ${variable}`);
        const wait = backoffDelay(failures, this.options.backoff ?? SLACK_BACKOFF);
        this.lastError = `${what}: ${e instanceof Error ? e.message : String(e ?? 'the connection closed')}`;
        this.options.logger.warn({ code: 'KB_SLACK_UNREACHABLE', call: what, failures, retryInMs: wait }, `${this.lastError}; retrying in ${wait} ms`);
        await sleep(wait, this.abort.signal);
      }
    }
    return false;
  }

  private withHelloDeadline(started: Promise<unknown>): Promise<unknown> {
    const ms = this.options.helloTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.options.receiver.client.websocket?.disconnect();
        reject(new Error(`no hello from Slack within ${ms} ms`));
      }, ms);
    });
    started.catch(() => {});
    return Promise.race([started, deadline]).finally(() => clearTimeout(timer));
  }

  private setState(state: SocketState): void {
    this.state = state;
    this.up.set(state === 'connected' ? 1 : 0);
  }
}

function readReason(text: string): string | undefined {
  try {
    const m = JSON.parse(text) as { type?: string; reason?: string };
    return m.type === 'disconnect' ? String(m.reason) : undefined;
  } catch {
    return undefined;
  }
}
