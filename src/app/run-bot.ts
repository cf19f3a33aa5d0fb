import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTPReceiver, HTTPModuleFunctions as httpFunc, type App, type Logger } from '@slack/bolt';
import { createApp } from '../slack/create-app.ts';
import { fetchBotIdentity } from '../slack/fetch-bot-identity.ts';
import type { SocketConnection } from './socket-connection.ts';
import { socketMode, type SocketTuning } from './socket-mode.ts';
import { createBot } from './create-bot.ts';
import { describeSlackError } from './check-slack.ts';
import { createHttpServer, type ServerOptions } from '../server/create-server.ts';
import { opsAccess } from '../server/ops-access.ts';
import { guardSlackRequests } from '../server/guard-slack-requests.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../server/read-config.ts';
import type { Prepared } from '../core/answer/prepare.ts';
import type { Store } from '../store/memory-store.ts';
import { RedisStore } from '../store/redis-store.ts';
import { createMetrics } from '../observe/metrics.ts';
import { PastePool } from '../node/paste-pool.ts';
import type { ProxyTransport } from '../server/proxy-agent.ts';

/** How long SIGTERM waits for work in flight before stopping it (KB_SHUTDOWN_GRACE_MS; deployment grace periods must exceed it). */
export const DRAIN_GRACE_MS = 25_000;

export interface RunningBot {
  app: App;
  server: Server;
  url: string;
  /** The separate metrics server's URL, when KB_METRICS_PORT is set. */
  opsUrl?: string;
  bot: ReturnType<typeof createBot>;
  /** Socket Mode's connection to Slack (state, reconnects); null in HTTP mode. */
  socket: SocketConnection | null;
  /** Stops taking work, lets work in flight finish (up to `graceMs`), then stops what is left and closes. */
  stop: (graceMs?: number) => Promise<void>;
}

export interface RunOptions {
  config: Config;
  kb: () => Prepared;
  logger: Logger;
  store?: Store;
  /** Extra routes on the same server (the playground). */
  extra?: ServerOptions['extra'];
  /** More fields for /readyz (the reload state). */
  health?: () => Record<string, unknown>;
  /** Aborts start-up (SIGTERM while Slack is still unreachable). */
  signal?: AbortSignal;
  /** Told the server's URL as soon as it listens, before the bot is ready. */
  onListening?: (url: string) => void;
  socket?: SocketTuning;
  /** HTTPS_PROXY/NO_PROXY (proxyAgent): the Web API, Socket Mode (apps.connections.open and the WebSocket) and file downloads go through it. */
  proxy?: ProxyTransport;
}

/**
 * Starts the bot in HTTP or Socket Mode with its HTTP server (Slack's
 * endpoint in HTTP mode; /healthz, /readyz, /metrics always). In HTTP mode
 * it resolves once the bot knows who it is (auth.test, retried with backoff
 * while Slack is unreachable); until then /healthz is 200, /readyz 503 and
 * events 503, so Slack redelivers them. Socket Mode asks auth.test (retried)
 * before it opens the socket, and is ready while the socket is open.
 */
export async function runBot(options: RunOptions): Promise<RunningBot> {
  const { config, logger } = options;
  const metrics = createMetrics();
  const redis = !options.store && config.redisUrl ? new RedisStore({ url: config.redisUrl, logger, onHealth: (up) => metrics.storeUp.set(up ? 1 : 0) }) : null;
  const store = options.store ?? redis ?? undefined;
  const bot = createBot({
    kb: options.kb,
    logger,
    botToken: config.botToken,
    fileMaxBytes: config.fileMaxBytes,
    ...(config.fileTimeoutMs ? { fileTimeoutMs: config.fileTimeoutMs } : {}),
    pool: new PastePool(config.readWorkers ? { size: config.readWorkers } : {}),
    metrics,
    ...(config.answerCacheEntries !== undefined ? { answerCacheEntries: config.answerCacheEntries } : {}),
    fleetWritable: config.fleetWritable ?? false,
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    ...(store ? { store } : {}),
    ...(options.proxy ? { fetch: options.proxy.fetch } : {}),
  });
  const storeState = () => (redis ? (redis.healthy ? 'redis' : 'redis-unreachable') : options.store ? 'custom' : 'memory');
  metrics.storeUp.set(redis ? 0 : 1);
  let draining = false;
  const http =
    config.mode === 'socket'
      ? null
      : new HTTPReceiver({
          signingSecret: config.signingSecret,
          endpoints: '/slack/events',
          logger,
          processBeforeResponse: false,
          // An event Bolt cannot process is answered 400 and logged with its cause, not 500:
          // a 500 makes Slack retry the same broken event.
          processEventErrorHandler: async (args) => {
            if ((args.error as { code?: string }).code === 'slack_bolt_authorization_error') return httpFunc.defaultProcessEventErrorHandler(args);
            metrics.errors.inc({ where: 'event' });
            logger.error({ code: 'KB_BAD_EVENT' }, 'an event could not be processed', args.error);
            if (!args.response.headersSent) {
              args.response.writeHead(400, { 'content-type': 'application/json' });
              args.response.end(JSON.stringify({ error: 'the event could not be processed' }));
            }
            return true;
          },
        });
  const sockets = http ? null : socketMode(config, { logger, metrics, ...(options.proxy ? { agent: options.proxy.dispatcher } : {}), ...(options.socket ? { tuning: options.socket } : {}) });
  const receiver = http ?? sockets!.receiver;
  let socket: SocketConnection | null = null;
  let app: App | null = null;
  let slackProblem: string | null = null;
  const responseOrigins = ['https://hooks.slack.com', ...(config.slackApiUrl ? [new URL(config.slackApiUrl).origin] : [])];
  const guard = guardSlackRequests({
    signingSecret: config.signingSecret,
    logger,
    responseOrigins,
    // The app exists once the port is ours and Slack has said who the bot is; until then Slack is asked to retry.
    accepting: () => (app ? { ok: true } : { ok: false, status: 503, error: 'starting: waiting for Slack (auth.test)' }),
    claim: (key, ttlMs) => bot.store.claim(key, ttlMs),
    refused: (reason) => metrics.refused.inc({ reason }),
  });
  // Ready while Redis is down, on purpose: this replica still answers (duplicates are better than silence).
  // HTTP mode: ready once Slack has said who the bot is. Socket Mode: ready while the socket is open.
  const health = () => ({
    ready: socket ? socket.state === 'connected' : app !== null,
    draining,
    ...(http ? { slack: app ? 'connected' : slackProblem ? `connecting (last attempt: ${slackProblem})` : 'connecting' } : {}),
    knowledge: options.kb().knowledge.version,
    store: storeState(),
    inflight: bot.inflight(),
    mode: config.mode,
    ...(socket?.health() ?? {}),
    ...(options.health?.() ?? {}),
  });
  const ops = opsAccess(config);
  const opsServer = ops.metricsPort ? createHttpServer({ metrics: bot.metrics, health, ops: ops.metricsPort }) : null;
  const server = createHttpServer({
    metrics: bot.metrics,
    health,
    ops: ops.main,
    ...(http ? { slack: (req: IncomingMessage, res: ServerResponse) => guard(req, res, (r, s) => http.requestListener(r, s)) } : {}),
    ...(options.extra ? { extra: options.extra } : {}),
  });
  const listen = (srv: Server, port: number, host: string) =>
    new Promise<void>((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(port, host, () => resolve());
    });
  try {
    await listen(server, config.port, config.host);
    if (opsServer) await listen(opsServer, config.metricsPort as number, config.metricsHost ?? config.host);
  } catch (e) {
    server.close();
    opsServer?.close();
    await redis?.close();
    await bot.pool.close();
    throw e;
  }
  const address = server.address() as AddressInfo;
  const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
  const opsAddress = opsServer?.address() as AddressInfo | undefined;
  const opsUrl = opsAddress ? `http://${opsAddress.address.includes(':') ? `[${opsAddress.address}]` : opsAddress.address}:${opsAddress.port}` : undefined;
  if (ops.main.mode === 'closed' && !opsServer) logger.warn({ code: 'KB_METRICS' }, '/metrics is not served on a public port: set KB_METRICS_TOKEN or KB_METRICS_PORT to scrape it');
  logger.info({ mode: config.mode, url, ...(opsUrl ? { metrics: opsUrl } : {}) }, 'listening; asking Slack who the bot is');
  options.onListening?.(url);
  const appOptions = {
    botToken: config.botToken,
    receiver,
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    ...(config.slackTimeoutMs ? { slackTimeoutMs: config.slackTimeoutMs } : {}),
    ...(options.proxy ? { fetch: options.proxy.fetch } : {}),
  };
  let started: App;
  try {
    if (sockets) {
      // Socket Mode learns who the bot is (auth.test, retried) before it opens the socket.
      started = createApp(bot, { ...appOptions, deferInitialization: true });
    } else {
      const identity = await fetchBotIdentity({
        token: config.botToken,
        logger,
        timeoutMs: config.slackTimeoutMs ?? 5000,
        onFailure: (reason) => void (slackProblem = reason),
        ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.proxy ? { fetch: options.proxy.fetch } : {}),
        describe: (e) => describeSlackError(e, { variable: 'SLACK_BOT_TOKEN', apiUrl: config.slackApiUrl ?? 'https://slack.com/api/' }),
      });
      // Bolt is told who the bot is, so it never calls auth.test itself (and never caches a failed one).
      started = createApp(bot, { ...appOptions, botId: identity.botId, botUserId: identity.userId });
    }
  } catch (e) {
    server.closeAllConnections();
    opsServer?.closeAllConnections();
    opsServer?.close();
    await new Promise((r) => server.close(r));
    await redis?.close();
    await bot.pool.close();
    throw e;
  }
  app = started;
  socket = sockets?.connect(started) ?? null;
  logger.info({ mode: config.mode, url }, 'kb-bot started');
  return {
    app: started,
    server,
    url,
    ...(opsUrl ? { opsUrl } : {}),
    bot,
    socket,
    async stop(graceMs = config.shutdownGraceMs ?? DRAIN_GRACE_MS) {
      draining = true;
      logger.info({ inflight: bot.inflight() }, 'draining');
      // Socket Mode stops taking work by closing the socket (Slack sends new envelopes to other connections).
      await socket?.stop();
      const waited = (ms: number) => Promise.race([bot.idle().then(() => true), new Promise<false>((r) => setTimeout(() => r(false), ms).unref())]);
      if (!(await waited(graceMs))) {
        // The grace is over: downloads and waits still running are aborted, and get a moment to say so.
        logger.warn({ code: 'KB_SHUTDOWN', inflight: bot.inflight() }, 'grace period over; stopping work still in flight');
        bot.abort();
        await waited(1000);
        bot.halt();
      }
      await bot.pool.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Work in flight has finished (or the grace ran out): close what is left, streams included.
      server.closeAllConnections();
      await closed;
      opsServer?.closeAllConnections();
      await new Promise((r) => (opsServer ? opsServer.close(r) : r(null)));
      await redis?.close();
    },
  };
}
