import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTPReceiver, SocketModeReceiver, type App, type Logger } from '@slack/bolt';
import { createApp } from '../slack/create-app.ts';
import { createBot } from './create-bot.ts';
import { createHttpServer, type ServerOptions } from './create-server.ts';
import type { Config } from './read-config.ts';
import type { Prepared } from '../core/answer/prepare.ts';
import type { Store } from '../slack/memory-store.ts';

export interface RunningBot {
  app: App;
  server: Server;
  url: string;
  bot: ReturnType<typeof createBot>;
  /** Stops taking work, lets work in flight finish (up to `graceMs`), then closes. */
  stop: (graceMs?: number) => Promise<void>;
}

export interface RunOptions {
  config: Config;
  kb: () => Prepared;
  logger: Logger;
  store?: Store;
  /** Extra routes on the same server (the playground). */
  extra?: ServerOptions['extra'];
}

/**
 * Starts the bot in HTTP or Socket Mode with its HTTP server (Slack's
 * endpoint in HTTP mode; /healthz, /readyz, /metrics always).
 */
export async function runBot(options: RunOptions): Promise<RunningBot> {
  const { config, logger } = options;
  const bot = createBot({
    kb: options.kb,
    logger,
    botToken: config.botToken,
    fileMaxBytes: config.fileMaxBytes,
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    ...(options.store ? { store: options.store } : {}),
  });
  let draining = false;
  const http = config.mode === 'socket' ? null : new HTTPReceiver({ signingSecret: config.signingSecret, endpoints: '/slack/events', logger, processBeforeResponse: false });
  const receiver = http ?? new SocketModeReceiver({ appToken: config.appToken ?? '', logger });
  const app = createApp(bot, { botToken: config.botToken, receiver, ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}) });
  const server = createHttpServer({
    metrics: bot.metrics,
    health: () => ({ ready: true, draining, knowledge: options.kb().knowledge.version, inflight: bot.inflight(), mode: config.mode }),
    ...(http ? { slack: http.requestListener } : {}),
    ...(options.extra ? { extra: options.extra } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  if (config.mode === 'socket') await app.start();
  const address = server.address() as AddressInfo;
  const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
  logger.info({ mode: config.mode, url }, 'kb-bot started');
  return {
    app,
    server,
    url,
    bot,
    async stop(graceMs = 25_000) {
      draining = true;
      logger.info({ inflight: bot.inflight() }, 'draining');
      await Promise.race([bot.idle(), new Promise((r) => setTimeout(r, graceMs).unref())]);
      if (config.mode === 'socket') await app.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Work in flight has finished (or the grace ran out): close what is left, streams included.
      server.closeAllConnections();
      await closed;
    },
  };
}
