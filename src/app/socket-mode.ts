import type { App, Logger, SocketModeReceiver } from '@slack/bolt';
import { socketModeReceiver, type SocketAgent } from '../slack/socket-mode-receiver.ts';
import { SocketConnection } from './socket-connection.ts';
import type { Backoff } from './backoff.ts';
import type { Config } from '../server/read-config.ts';
import type { Metrics } from '../observe/metrics.ts';

/** Socket Mode timings (tests shorten them). */
export interface SocketTuning {
  backoff?: Backoff;
  serverPingTimeoutMs?: number;
  clientPingTimeoutMs?: number;
}

export interface SocketModeParts {
  receiver: SocketModeReceiver;
  /** Starts connecting once the app exists: auth.test, then the socket, reconnecting for as long as it runs. */
  connect: (app: App) => SocketConnection;
}

/**
 * Socket Mode's half of the composition root: a receiver that reaches Slack
 * where the Web API does (SLACK_API_URL, the agent), and the connection that
 * keeps it open. The app must be created with `deferInitialization`.
 */
export function socketMode(config: Config, parts: { logger: Logger; metrics: Metrics; agent?: SocketAgent; tuning?: SocketTuning }): SocketModeParts {
  const { logger, metrics, tuning = {} } = parts;
  const receiver = socketModeReceiver({
    appToken: config.appToken ?? '',
    logger,
    metrics,
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    ...(parts.agent ? { agent: parts.agent } : {}),
    ...(config.slackTimeoutMs ? { timeoutMs: config.slackTimeoutMs } : {}),
    ...(tuning.serverPingTimeoutMs ? { serverPingTimeoutMs: tuning.serverPingTimeoutMs } : {}),
    ...(tuning.clientPingTimeoutMs ? { clientPingTimeoutMs: tuning.clientPingTimeoutMs } : {}),
  });
  return {
    receiver,
    connect(app) {
      const connection = new SocketConnection({ app, receiver, logger, registry: metrics.registry, ...(tuning.backoff ? { backoff: tuning.backoff } : {}) });
      connection.start();
      return connection;
    },
  };
}
