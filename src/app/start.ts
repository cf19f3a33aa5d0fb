import { LogLevel } from '@slack/bolt';
import { readConfig, ConfigError, type Config } from '../server/read-config.ts';
import { runBot, type RunningBot } from './run-bot.ts';
import { jsonLogger } from '../observe/json-logger.ts';
import { KnowledgeHolder } from '../server/knowledge-holder.ts';
import { cacheDir } from '../node/knowledge-dir.ts';
import type { Prepared } from '../core/answer/prepare.ts';

export interface StartOptions {
  env: NodeJS.ProcessEnv;
  knowledgeDir: string;
  out: (text: string) => void;
  err: (text: string) => void;
}

const LEVELS = { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR } as const;

/**
 * `kb-bot start` / `npm start`: Socket Mode, HTTP, or — with no Slack
 * credentials — the local playground. Runs until SIGTERM/SIGINT, then drains.
 */
export async function start(kb: Prepared, options: StartOptions): Promise<number> {
  let config: Config;
  try {
    config = readConfig(options.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      options.err(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const logger = jsonLogger(undefined, LEVELS[config.logLevel]);
  process.on('unhandledRejection', (reason) => logger.error({ code: 'KB_UNHANDLED' }, 'unhandled rejection', reason));

  const holder = new KnowledgeHolder(options.knowledgeDir, kb, logger, cacheDir(options.env));
  const health = () => ({ reloadProblems: holder.lastProblems.length });
  let running: RunningBot;
  // SIGTERM while Slack is still unreachable at start-up stops the waiting.
  const starting = new AbortController();
  const stopStarting = () => starting.abort(new Error('stopped during start-up'));
  process.once('SIGTERM', stopStarting);
  process.once('SIGINT', stopStarting);
  try {
    if (config.mode === 'playground') {
      const { startPlayground } = await import('./start-playground.ts');
      running = await startPlayground({ kb: holder.current, logger, port: config.port, host: config.host });
      options.out(
        `kb-bot playground (no Slack credentials set): open ${running.url}/ in a browser.\n` +
          `It drives the real bot through signed Slack requests and shows its replies.\n` +
          'To connect to a Slack workspace, create the app from manifest.yml and set SLACK_BOT_TOKEN with\n' +
          'SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP). See the README.\n',
      );
    } else {
      running = await runBot({ config, kb: holder.current, logger, health, signal: starting.signal });
      options.out(`kb-bot started in ${config.mode === 'socket' ? 'Socket Mode' : `HTTP mode on ${running.url}/slack/events`}; health on ${running.url}/healthz\n`);
    }
  } catch (e) {
    if (starting.signal.aborted) {
      logger.info({}, 'stopped before Slack answered');
      return 0;
    }
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') {
      options.err(`port ${config.port} on ${config.host} is already in use: stop the other process or set PORT to a free port.\n`);
      return 2;
    }
    options.err(`kb-bot could not start: ${err.message}\n`);
    return 1;
  } finally {
    process.off('SIGTERM', stopStarting);
    process.off('SIGINT', stopStarting);
  }

  const metrics = running.bot.metrics;
  holder.onReload = (ok) => metrics.reloads.inc({ result: ok ? 'ok' : 'rejected' });
  holder.watch();
  process.on('SIGHUP', () => holder.reload('SIGHUP'));

  const grace = config.shutdownGraceMs ?? 25_000;
  return new Promise((resolve) => {
    // The process exits after its grace whatever still runs (a Web API call that hangs, a socket left
    // open): these timers are unref'd, so they fire only if something still holds the event loop.
    const exit = (code: number, after: number, why: string) =>
      setTimeout(() => {
        logger.warn({ code: 'KB_SHUTDOWN' }, why);
        process.exit(code);
      }, after).unref();
    const done = (code: number) => {
      resolve(code);
      exit(code, 2000, 'work still held the process after shutdown; exiting');
    };
    const shutdown = (signal: string) => {
      holder.close();
      logger.info({ signal }, 'shutting down: finishing work in flight');
      exit(1, grace + 10_000, 'shutdown did not finish; exiting');
      process.once(signal, () => exit(1, 0, `second ${signal}: exiting now`));
      running.stop().then(
        () => done(0),
        (e: unknown) => {
          logger.error({}, 'shutdown failed', e);
          done(1);
        },
      );
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  });
}
