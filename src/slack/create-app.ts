import { App, type Receiver } from '@slack/bolt';
import { onCommand } from './listeners/on-command.ts';
import { onMention } from './listeners/on-mention.ts';
import { onMessage } from './listeners/on-message.ts';
import { onActions } from './listeners/on-actions.ts';
import { onShortcut } from './listeners/on-shortcut.ts';
import { onHome } from './listeners/on-home.ts';
import { onLinkShared } from './listeners/on-link-shared.ts';
import { onWelcome } from './listeners/on-welcome.ts';
import { TTL, type Bot } from './bot.ts';
import { fetchWithDeadline } from './fetch-with-deadline.ts';
import type { webApi } from '@slack/bolt';

export interface AppOptions {
  botToken: string;
  /** Who the bot is (from auth.test, asked before the app is made): Bolt then never calls auth.test itself. */
  botId?: string;
  botUserId?: string;
  receiver: Receiver;
  slackApiUrl?: string;
  /** How long one Web API call may take before it is retried (a hanging Slack). */
  slackTimeoutMs?: number;
  /** Leave auth.test to `app.init()` (Socket Mode retries it before connecting). */
  deferInitialization?: boolean;
  /** The Web API client's fetch (the proxy's, when HTTPS_PROXY is set). */
  fetch?: typeof fetch;
}

/**
 * The Bolt app: listeners only translate between Slack and the core. Events
 * are de-duplicated by event id (Slack retries, replicas); one failing
 * listener is logged and counted, never fatal.
 */
export function createApp(bot: Bot, options: AppOptions): App {
  const app = new App({
    token: options.botToken,
    ...(options.botId ? { botId: options.botId } : {}),
    ...(options.botUserId ? { botUserId: options.botUserId } : {}),
    receiver: options.receiver,
    ...(options.deferInitialization ? { deferInitialization: true } : {}),
    logger: bot.logger,
    // Bolt sets the logger to this level: keep the one it was configured with (LOG_LEVEL), not Bolt's INFO.
    logLevel: bot.logger.getLevel(),
    // kb-bot keeps its own thread memory in the Store; Bolt's conversation store is unused work per event.
    convoStore: false,
    clientOptions: {
      ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
      // Bolt's respond() uses this fetch too: every call, a response_url included, ends at the deadline or at shutdown.
      fetch: fetchWithDeadline(options.slackTimeoutMs ?? 10_000, bot.halted, options.fetch) as unknown as webApi.FetchFunction,
      // 429s wait for Retry-After; 5xx and network errors are retried a few times.
      retryConfig: { retries: 4, factor: 2, minTimeout: 200, maxTimeout: 3000 },
      timeout: options.slackTimeoutMs ?? 10_000,
      logger: bot.logger,
    },
  });

  app.use(async (args) => {
    const { body, next } = args;
    const eventId = (body as { event_id?: string }).event_id;
    if (eventId !== undefined && !(await bot.store.claim(`event:${eventId}`, TTL.event))) {
      bot.logger.debug({ eventId }, 'duplicate event ignored');
      return;
    }
    // A command, click or shortcut carries a trigger_id of its own: one delivered again (a Socket Mode redelivery) is acked, not answered twice.
    const triggerId = eventId === undefined ? (body as { trigger_id?: string }).trigger_id : undefined;
    if (triggerId !== undefined && !(await bot.store.claim(`trigger:${triggerId}`, TTL.event))) {
      bot.logger.debug({ triggerId }, 'duplicate interaction ignored');
      await (args as { ack?: () => Promise<void> }).ack?.();
      return;
    }
    await next();
  });

  onCommand(app, bot);
  onMention(app, bot);
  onMessage(app, bot);
  onActions(app, bot);
  onShortcut(app, bot);
  onHome(app, bot);
  onLinkShared(app, bot);
  onWelcome(app, bot);

  app.error(async (error) => {
    bot.metrics.errors.inc({ where: 'listener' });
    bot.logger.error({ code: (error as { code?: string }).code }, 'listener failed', error);
  });
  return app;
}
