import type { ProxyTransport } from '../../src/server/proxy-agent.ts';
import type { SocketAgent } from '../../src/slack/socket-mode-receiver.ts';
import { LogLevel, type Logger } from '@slack/bolt';
import { FakeSlackApi } from '../../src/playground/fake-slack-api.ts';
import { FakeSocketMode, type Delivery, type FakeSocketModeOptions, type Sent } from '../../src/playground/fake-socket-mode.ts';
import { runBot, type RunOptions, type RunningBot } from '../../src/app/run-bot.ts';
import { jsonLogger } from '../../src/observe/json-logger.ts';
import { realKb } from './kb.ts';
import { TOKEN } from './slack-harness.ts';
import type { Store } from '../../src/store/memory-store.ts';

export interface SocketHarness {
  fake: FakeSlackApi;
  sm: FakeSocketMode;
  bot: RunningBot;
  logs: string[];
  /** Sends what HTTP mode would POST to /slack/events, as a Socket Mode envelope; resolves once the bot acked it. */
  send: (req: { body: string; type: string }) => Promise<Delivery>;
  deliver: (req: { body: string; type: string }) => Sent;
  /** Resolves when the bot reports the socket connected (it has handled Slack's hello). */
  connected: () => Promise<void>;
  close: () => Promise<void>;
}

export interface SocketHarnessOptions {
  fake?: FakeSlackApi;
  sm?: FakeSocketModeOptions;
  /** A fake Socket Mode shared with another bot (a second replica); whoever made it stops it. */
  socketMode?: FakeSocketMode;
  /** Tokens the bot is given (default: the ones the fakes accept). */
  botToken?: string;
  appToken?: string;
  store?: Store;
  socket?: RunOptions['socket'];
  /** A dispatcher for Socket Mode only (apps.connections.open and the WebSocket). */
  agent?: SocketAgent;
  /** Do not wait for the first connection (an outage at start-up). */
  noWait?: boolean;
  /** The Web API URL the bot is given (default: the fake's). */
  slackApiUrl?: string;
}

/** The real Bolt app in Socket Mode, against the local fakes of Slack's Web API and Socket Mode. */
export async function startSocketHarness(options: SocketHarnessOptions = {}): Promise<SocketHarness> {
  const ownFake = !options.fake;
  const fake = options.fake ?? new FakeSlackApi(TOKEN);
  if (ownFake) await fake.start();
  const sm = options.socketMode ?? new FakeSocketMode(fake, options.sm);
  if (!options.socketMode) await sm.start();
  const logs: string[] = [];
  const logger: Logger = jsonLogger((l) => void logs.push(l), LogLevel.DEBUG);
  const bot = await runBot({
    config: {
      mode: 'socket', botToken: options.botToken ?? TOKEN, appToken: options.appToken ?? sm.appToken, signingSecret: '', port: 0, host: '127.0.0.1',
      slackApiUrl: options.slackApiUrl ?? `${fake.url}/api/`, fileMaxBytes: 5 * 1024 * 1024, logLevel: 'debug', slackTimeoutMs: 2000,
    },
    kb: realKb,
    logger,
    socket: { backoff: { firstMs: 100, maxMs: 400 }, ...options.socket },
    ...(options.agent ? { proxy: { dispatcher: options.agent as unknown as ProxyTransport['dispatcher'], fetch: globalThis.fetch, describe: 'a test agent for Socket Mode' } } : {}),
    ...(options.store ? { store: options.store } : {}),
  });
  const connected = async () => {
    for (let i = 0; i < 500 && bot.socket?.state !== 'connected'; i++) await new Promise((r) => setTimeout(r, 20));
    if (bot.socket?.state !== 'connected') throw new Error(`the bot did not connect: ${JSON.stringify(bot.socket?.health())}`);
  };
  if (!options.noWait) await connected();
  return {
    fake,
    sm,
    bot,
    logs,
    send: (req) => sm.deliver(req).acked,
    deliver: (req) => sm.deliver(req),
    connected,
    close: async () => {
      await bot.stop(1000);
      if (!options.socketMode) await sm.stop();
      if (ownFake) await fake.stop();
    },
  };
}

/** Polls `probe` until it returns something other than undefined or false. */
export async function until<T>(probe: () => T | undefined | false, what: string, ms = 8000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
  }
  throw new Error(`timed out waiting for ${what}`);
}
