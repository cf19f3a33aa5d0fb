import { randomBytes } from 'node:crypto';
import type { Logger } from '@slack/bolt';
import { FakeSlackApi } from '../playground/fake-slack-api.ts';
import { FakeSocketMode } from '../playground/fake-socket-mode.ts';
import { playgroundRoutes, type SendToBot } from '../playground/playground-routes.ts';
import { runBot, type RunningBot } from './run-bot.ts';
import { DEFAULT_FILE_MAX_BYTES, type Config } from '../server/read-config.ts';
import type { Prepared } from '../core/answer/prepare.ts';

export interface PlaygroundOptions {
  kb: () => Prepared;
  logger: Logger;
  port: number;
  host: string;
  /** How the page reaches the bot: signed HTTP requests (default) or Socket Mode envelopes. */
  mode?: 'http' | 'socket';
  /** The most of a file the bot reads (KB_FILE_MAX_BYTES), as outside the playground; the configuration's default when unset. */
  fileMaxBytes?: number;
  /** Deadline for one file download (KB_FILE_TIMEOUT_MS). */
  fileTimeoutMs?: number;
}

/**
 * The local playground: the real bot, a fake Slack Web API on loopback that
 * records what the bot posts, and a page whose actions reach the bot as Slack
 * would send them — signed HTTP requests, or (`mode: 'socket'`) envelopes
 * over a fake Socket Mode connection — and shows the replies as Slack would.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningBot> {
  const token = 'xoxb-playground-token';
  const secret = randomBytes(24).toString('hex');
  const fake = new FakeSlackApi(token);
  await fake.start(0);
  const sm = options.mode === 'socket' ? new FakeSocketMode(fake) : null;
  await sm?.start();
  const stopFakes = async () => {
    await sm?.stop();
    await fake.stop();
  };
  const base = {
    botToken: token,
    port: options.port,
    host: options.host,
    slackApiUrl: `${fake.url}/api/`,
    fileMaxBytes: options.fileMaxBytes ?? DEFAULT_FILE_MAX_BYTES,
    ...(options.fileTimeoutMs ? { fileTimeoutMs: options.fileTimeoutMs } : {}),
    logLevel: 'info',
  } as const;
  const config: Config = sm ? { ...base, mode: 'socket', appToken: sm.appToken, signingSecret: '' } : { ...base, mode: 'http', signingSecret: secret };
  let url = '';
  let running: RunningBot;
  try {
    running = await runBot({
      config,
      kb: options.kb,
      logger: options.logger,
      extra: (req, res) => routes(req, res),
      health: () => ({ mode: 'playground', transport: sm ? 'socket' : 'http' }),
    });
  } catch (e) {
    await stopFakes();
    throw e;
  }
  url = running.url;
  // Over Socket Mode a request counts as delivered once the bot acked its envelope.
  const overSocket: SendToBot | undefined = sm
    ? (req) => sm.deliver(req).acked.then(() => ({ ok: true, status: 200 }), () => ({ ok: false, status: 504 }))
    : undefined;
  const routes = playgroundRoutes(fake, () => url, secret, overSocket, { botReads: config.fileMaxBytes });
  return {
    ...running,
    async stop(graceMs) {
      await running.stop(graceMs);
      await stopFakes();
    },
  };
}
