import { randomBytes } from 'node:crypto';
import type { Logger } from '@slack/bolt';
import { FakeSlackApi } from '../playground/fake-slack-api.ts';
import { playgroundRoutes } from '../playground/playground-routes.ts';
import { runBot, type RunningBot } from './run-bot.ts';
import type { Prepared } from '../core/answer/prepare.ts';

export interface PlaygroundOptions {
  kb: () => Prepared;
  logger: Logger;
  port: number;
  host: string;
}

/**
 * The local playground: the real bot in HTTP mode, a fake Slack Web API on
 * loopback that records what the bot posts, and a page that sends signed,
 * Slack-shaped requests and shows the replies as Slack would.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningBot> {
  const token = 'xoxb-playground-token';
  const secret = randomBytes(24).toString('hex');
  const fake = new FakeSlackApi(token);
  await fake.start(0);
  let url = '';
  let running: RunningBot;
  try {
    running = await runBot({
    config: { mode: 'http', botToken: token, signingSecret: secret, port: options.port, host: options.host, slackApiUrl: `${fake.url}/api/`, fileMaxBytes: 5 * 1024 * 1024, logLevel: 'info' },
    kb: options.kb,
    logger: options.logger,
    extra: (req, res) => routes(req, res),
    health: () => ({ mode: 'playground' }),
    });
  } catch (e) {
    await fake.stop();
    throw e;
  }
  url = running.url;
  const routes = playgroundRoutes(fake, () => url, secret);
  return {
    ...running,
    async stop(graceMs) {
      await running.stop(graceMs);
      await fake.stop();
    },
  };
}
