import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';

/** One Web API call (or response_url post) the bot made. */
export interface SlackCall {
  method: string;
  /** The request path (`/api/chat.postMessage`, `/response/<id>`). */
  path: string;
  args: Record<string, unknown>;
  at: number;
  /** What the fake answered (e.g. the `ts` of a posted message). */
  result?: Record<string, unknown>;
}

export interface Failure {
  status?: number;
  retryAfter?: number;
  /** Never answer (the client times out or retries). */
  hang?: boolean;
  /** Answer 200 with { ok: false, error }. */
  error?: string;
}

export const BOT_USER_ID = 'UKBBOT0001';

/** Answers one Web API method for another fake (Socket Mode's apps.connections.open); null drops the connection. */
export type MethodHandler = (args: Record<string, unknown>, authorization: string | undefined) => Record<string, unknown> | null;

/**
 * A local stand-in for Slack's Web API: records every call the bot makes
 * (chat.postMessage, chat.postEphemeral, chat.update, chat.delete,
 * chat.unfurl, views.publish, assistant.threads.setStatus and
 * setSuggestedPrompts, auth.test, files.info, response_url posts, file
 * downloads), can fail on demand, serves files (and can hold them back), and
 * stamps messages with real, increasing timestamps. Used by the tests and by
 * the playground.
 */
export class FakeSlackApi extends EventEmitter {
  readonly calls: SlackCall[] = [];
  private readonly failures = new Map<string, Failure[]>();
  private readonly files = new Map<string, { content: Buffer; name: string; bytesPerSecond?: number }>();
  private readonly methods = new Map<string, MethodHandler>();
  private server: Server | null = null;
  private hanging: ServerResponse[] = [];
  private seq = 1;
  private lastMicros = 0;
  private held: (() => void)[] | null = null;
  url = '';

  constructor(private readonly token = 'xoxb-test-token') {
    super();
  }

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const r of this.hanging) r.destroy();
    this.hanging = [];
    const closed = new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
    this.server?.closeAllConnections();
    await closed;
  }

  /** The next `times` calls of `method` fail as described. */
  failNext(method: string, failure: Failure, times = 1): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...Array.from({ length: times }, () => failure)]);
  }

  /** Answers `method` with `handler`, which checks its own token (the app-level token of Socket Mode). */
  answer(method: string, handler: MethodHandler): void {
    this.methods.set(method, handler);
  }

  /**
   * Serves a file at Slack's file path (`/files-pri/T…-F…/name`); returns its
   * Slack-like file object. `bytesPerSecond` trickles it out (a slow network);
   * `size` is the size Slack reports when only the first part of the file is
   * served (the playground keeps no more of an upload than the bot reads).
   */
  addFile(name: string, content: string | Buffer, mimetype = 'text/plain', filetype = 'text', options: { bytesPerSecond?: number; size?: number } = {}): Record<string, unknown> {
    const id = `F${String(this.seq++).padStart(8, '0')}`;
    const buf = typeof content === 'string' ? Buffer.from(content) : content;
    this.files.set(id, { content: buf, name, ...(options.bytesPerSecond ? { bytesPerSecond: options.bytesPerSecond } : {}) });
    const base = `${this.url}/files-pri/T0PLAYGRND-${id}`;
    return { id, name, mimetype, filetype, size: options.size ?? buf.length, url_private_download: `${base}/download/${encodeURIComponent(name)}`, url_private: `${base}/${encodeURIComponent(name)}` };
  }

  /** Slack's message timestamp for now: seconds and microseconds, never the same twice, always increasing. */
  nextTs(): string {
    this.lastMicros = Math.max(Date.now() * 1000, this.lastMicros + 1);
    return `${Math.floor(this.lastMicros / 1e6)}.${String(this.lastMicros % 1e6).padStart(6, '0')}`;
  }

  /** File downloads wait until the returned function is called (a slow Slack file host). */
  holdFiles(): () => void {
    const held: (() => void)[] = [];
    this.held = held;
    return () => {
      if (this.held === held) this.held = null;
      for (const release of held.splice(0)) release();
    };
  }

  /** Calls of one method (or response_url posts: "response_url"). */
  of(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves when `count` calls of `method` have been recorded. */
  waitFor(method: string, count = 1, timeoutMs = 5000): Promise<SlackCall[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const got = this.of(method);
        if (got.length >= count) {
          this.off('call', check);
          clearTimeout(timer);
          resolve(got);
        }
      };
      const timer = setTimeout(() => {
        this.off('call', check);
        reject(new Error(`timed out waiting for ${count} ${method} call(s); got ${this.of(method).length}`));
      }, timeoutMs);
      this.on('call', check);
      check();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname.startsWith('/files-pri/')) return this.serveFile(req, res, (url.pathname.split('/')[2] ?? '').replace(/^T[^-]*-/, ''));
    const body = await readBody(req);
    const method = url.pathname.startsWith('/response/') ? 'response_url' : url.pathname.replace(/^\/api\//, '');
    const args = parseArgs(body, req.headers['content-type'] ?? '');
    const own = this.methods.get(method);
    if (method !== 'response_url' && !own && req.headers.authorization !== `Bearer ${this.token}` && args.token !== this.token) {
      return send(res, 200, { ok: false, error: 'invalid_auth' });
    }
    const failure = this.failures.get(method)?.shift();
    if (failure) {
      this.emit('failure', { method, failure });
      if (failure.hang) return void this.hanging.push(res);
      if (failure.error) return send(res, 200, { ok: false, error: failure.error });
      const headers: Record<string, string> = failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {};
      return send(res, failure.status ?? 500, { ok: false, error: 'injected' }, headers);
    }
    const result = own ? own(args, req.headers.authorization) : this.reply(method, args);
    if (result === null) return void res.socket?.destroy();
    const call: SlackCall = { method, path: url.pathname, args, at: Date.now(), result };
    this.calls.push(call);
    this.emit('call', call);
    send(res, 200, result);
  }

  private reply(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const ts = this.nextTs();
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: BOT_USER_ID, bot_id: 'BKBBOT0001', team_id: 'T0PLAYGRND', user: 'kb-bot', team: 'playground' };
      case 'chat.postMessage':
        return { ok: true, channel: args.channel, ts, message: { ...args, ts, bot_id: 'BKBBOT0001' } };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: ts };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text, message: { ...args, bot_id: 'BKBBOT0001' } };
      case 'chat.delete':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'files.info': {
        const f = this.files.get(String(args.file));
        return f ? { ok: true, file: { id: args.file, name: f.name } } : { ok: false, error: 'file_not_found' };
      }
      default:
        return { ok: true };
    }
  }

  private serveFile(req: IncomingMessage, res: ServerResponse, id: string): void {
    const f = this.files.get(id);
    if (req.headers.authorization !== `Bearer ${this.token}`) return send(res, 403, { error: 'no token' });
    if (!f) return send(res, 404, { error: 'no such file' });
    if (this.held) {
      this.held.push(() => this.serveFile(req, res, id));
      return;
    }
    this.calls.push({ method: 'file_download', path: `/files/${id}`, args: { id }, at: Date.now() });
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': f.content.length });
    if (!f.bytesPerSecond) return void res.end(f.content);
    this.hanging.push(res);
    const step = Math.max(1, Math.round(f.bytesPerSecond / 10));
    let at = 0;
    const timer = setInterval(() => {
      if (res.destroyed || at >= f.content.length) {
        clearInterval(timer);
        return void res.end();
      }
      res.write(f.content.subarray(at, at + step));
      at += step;
    }, 100);
    res.once('close', () => clearInterval(timer));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** WebClient posts form fields with JSON-encoded objects; response_url posts are JSON. */
function parseArgs(body: string, type: string): Record<string, unknown> {
  if (body === '') return {};
  if (type.includes('application/json')) return JSON.parse(body) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    out[k] = /^[[{]/.test(v) ? safeParse(v) : v;
  }
  return out;
}

function safeParse(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
