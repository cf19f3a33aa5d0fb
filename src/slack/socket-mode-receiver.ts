import { SocketModeReceiver, type Logger, type SocketModeReceiverOptions } from '@slack/bolt';
import type { Metrics } from '../observe/metrics.ts';

/** An undici Dispatcher (an `Agent`, a `ProxyAgent`): carries apps.connections.open and the WebSocket. */
export type SocketAgent = NonNullable<SocketModeReceiverOptions['dispatcher']>;

export interface SocketReceiverOptions {
  appToken: string;
  logger: Logger;
  metrics: Metrics;
  /** The Web API base URL (SLACK_API_URL): apps.connections.open goes there too. */
  slackApiUrl?: string;
  /** A proxy or other dispatcher, for apps.connections.open and the WebSocket. */
  agent?: SocketAgent;
  /** How long apps.connections.open may take. */
  timeoutMs?: number;
  /** How long the link may go without Slack's ping, or without a pong to ours, before it is dropped and reopened. */
  serverPingTimeoutMs?: number;
  clientPingTimeoutMs?: number;
}

/**
 * Bolt's Socket Mode receiver, configured for kb-bot: apps.connections.open
 * and the WebSocket go where the Web API goes (SLACK_API_URL, the agent);
 * it never reconnects or retries by itself (SocketConnection does, with a
 * backoff that outlasts an outage); an envelope Bolt could not process is
 * acked and counted unless it failed authorization, which Slack redelivers.
 */
export function socketModeReceiver(options: SocketReceiverOptions): SocketModeReceiver {
  const { logger, metrics } = options;
  return new SocketModeReceiver({
    appToken: options.appToken,
    logger,
    logLevel: logger.getLevel(),
    ...(options.agent ? { dispatcher: options.agent } : {}),
    autoReconnectEnabled: false,
    ...(options.serverPingTimeoutMs ? { serverPingTimeout: options.serverPingTimeoutMs } : {}),
    ...(options.clientPingTimeoutMs ? { clientPingTimeout: options.clientPingTimeoutMs } : {}),
    installerOptions: {
      clientOptions: {
        ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
        retryConfig: { retries: 0 },
        timeout: options.timeoutMs ?? 10_000,
      },
    },
    processEventErrorHandler: async ({ error }) => {
      const code = (error as { code?: string }).code ?? '';
      if (code === 'slack_bolt_authorization_error') return false;
      if (code.startsWith('slack_socket_mode_')) {
        // The ack could not be sent (the link closed): Slack redelivers the envelope on another connection.
        logger.warn({ code: 'KB_SOCKET_ACK' }, 'an ack could not be sent; Slack will redeliver the envelope', error);
        return false;
      }
      metrics.errors.inc({ where: 'event' });
      logger.error({ code: 'KB_BAD_EVENT' }, 'an event could not be processed', error);
      return true;
    },
  });
}
