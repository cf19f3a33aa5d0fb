import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Metrics } from '../observe/metrics.ts';

export interface Health {
  ready: boolean;
  draining: boolean;
  knowledge: string;
  [key: string]: unknown;
}

export interface ServerOptions {
  metrics: Metrics;
  health: () => Health;
  /** Bolt's HTTP receiver: events, commands and actions at /slack/events. */
  slack?: (req: IncomingMessage, res: ServerResponse) => void;
  /** More routes (the playground); returns true when it handled the request. */
  extra?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/** The one HTTP server: Slack's endpoint, /healthz, /readyz, /metrics, and the playground when it runs. */
export function createHttpServer(options: ServerOptions): Server {
  // Timeouts a slow client cannot outlast: headers in 10 s, the whole request in 30 s, checked every second.
  const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 1000 }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') return json(res, 200, { ok: true });
    if (req.method === 'GET' && path === '/readyz') {
      const h = options.health();
      return json(res, h.ready && !h.draining ? 200 : 503, h);
    }
    if (req.method === 'GET' && path === '/metrics') {
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
  return server;
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
