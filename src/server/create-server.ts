import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Metrics } from '../observe/metrics.ts';

export interface Health {
  ready: boolean;
  draining: boolean;
  knowledge: string;
  [key: string]: unknown;
}

/**
 * Who may read /metrics and the detail of /readyz: anyone (`open`: a
 * loopback server, or the separate metrics port), a holder of the bearer
 * token (`token`), or nobody here (`closed`: a public port with neither a
 * token nor a metrics port set; /readyz still gives its status code).
 */
export type OpsAccess = { mode: 'open' } | { mode: 'token'; token: string } | { mode: 'closed'; hint: string };

export interface ServerOptions {
  metrics: Metrics;
  health: () => Health;
  /** Default: open. */
  ops?: OpsAccess;
  /** Bolt's HTTP receiver: events, commands and actions at /slack/events. */
  slack?: (req: IncomingMessage, res: ServerResponse) => void;
  /** More routes (the playground); returns true when it handled the request. */
  extra?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** A connection with nothing read or written this long is closed. Default: IDLE_TIMEOUT_MS. */
  idleTimeoutMs?: number;
  /** Connections open at once; past that a new one is closed as it arrives. Default: MAX_CONNECTIONS. */
  maxConnections?: number;
  /** Told of each connection closed for being over `maxConnections`. */
  onDrop?: () => void;
}

/**
 * A connection with nothing read or written this long is closed (ten times
 * Slack's 3 s deadline): a client that stops reading a response, a request
 * that stalls. Node's own timeouts bound the rest: complete headers within
 * headersTimeout of the connection opening (so one that never sends a byte
 * gets a 408 and is closed), keepAliveTimeout between requests.
 */
export const IDLE_TIMEOUT_MS = 30_000;

/** Far above what Slack and the health checks use, and below the common limit of 1,024 open files (Redis, Slack and the knowledge need some). */
export const MAX_CONNECTIONS = 512;

/** The one HTTP server: Slack's endpoint, /healthz, /readyz, /metrics, and the playground when it runs. */
export function createHttpServer(options: ServerOptions): Server {
  const ops = options.ops ?? { mode: 'open' };
  // Timeouts a slow client cannot outlast: headers in 10 s, the whole request in 30 s, checked every second.
  const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 1000 }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') return json(res, 200, { ok: true });
    if (req.method === 'GET' && path === '/readyz') {
      const h = options.health();
      const status = h.ready && !h.draining ? 200 : 503;
      return json(res, status, allowed(ops, req) ? h : { ready: h.ready, draining: h.draining });
    }
    if (req.method === 'GET' && path === '/metrics') {
      if (ops.mode === 'closed') return json(res, 404, { error: ops.hint });
      if (!allowed(ops, req)) {
        res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' });
        return void res.end(JSON.stringify({ error: 'send Authorization: Bearer <KB_METRICS_TOKEN>' }));
      }
      options.metrics.registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': options.metrics.registry.contentType });
          res.end(text);
        },
        () => json(res, 500, { error: 'metrics unavailable' }),
      );
      return;
    }
    if (options.slack && req.method === 'POST' && path === '/slack/events') {
      if (options.health().draining) return json(res, 503, { error: 'draining' });
      return options.slack(req, res);
    }
    if (options.extra?.(req, res)) return;
    json(res, 404, { error: 'not found' });
  });
  server.keepAliveTimeout = 5000;
  // A socket inactivity timeout; after a response keepAliveTimeout replaces it until the next request.
  server.timeout = options.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
  server.maxConnections = options.maxConnections ?? MAX_CONNECTIONS;
  if (options.onDrop) server.on('drop', options.onDrop);
  return server;
}

function allowed(ops: OpsAccess, req: IncomingMessage): boolean {
  if (ops.mode !== 'token') return ops.mode === 'open';
  const sent = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  const digest = (t: string) => createHash('sha256').update(t).digest();
  return timingSafeEqual(digest(sent), digest(ops.token));
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
