import { LogLevel } from '@slack/bolt';
import { readConfig, ConfigError, type Config } from '../server/read-config.ts';
import { withVcapServices } from '../server/read-vcap-services.ts';
import { proxyAgent, ProxyConfigError, type ProxyTransport } from '../server/proxy-agent.ts';
import { runBot, DRAIN_GRACE_MS, type RunningBot } from './run-bot.ts';
import { checkSlack, describeSlackError, type SlackErrorContext } from './check-slack.ts';
import { jsonLogger } from '../observe/json-logger.ts';
import { KnowledgeHolder } from '../server/knowledge-holder.ts';
import { startFleetNotifier } from '../slack/notify-changes.ts';
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
  // On Cloud Foundry, bound services (Redis, a user-provided Slack service) fill in what the environment lacks.
  const cf = withVcapServices(options.env);
  if (cf.problems.length > 0) {
    options.err(`configuration problems:\n  - ${cf.problems.join('\n  - ')}\n`);
    return 2;
  }
  let proxy: ProxyTransport | undefined;
  try {
    config = readConfig(cf.env);
    proxy = config.mode === 'playground' ? undefined : await proxyAgent(cf.env);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof ProxyConfigError) {
      options.err(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const logger = jsonLogger(undefined, LEVELS[config.logLevel]);
  if (proxy) logger.info({ code: 'KB_PROXY' }, `reaching Slack through a proxy: ${proxy.describe}`);
  if (cf.sources.length > 0) logger.info({ code: 'KB_CONFIG' }, `from VCAP_SERVICES: ${cf.sources.join('; ')}`);
  // A Slack problem is reported once, in words that name the variable or the host.
  const slackContext: SlackErrorContext = { variable: config.mode === 'socket' ? 'SLACK_APP_TOKEN' : 'SLACK_BOT_TOKEN', apiUrl: config.slackApiUrl ?? 'https://slack.com/api/' };
  const reported = new Set<string>();
  const reportSlack = (problem: { code: string; message: string }) => {
    if (reported.has(problem.message)) return;
    reported.add(problem.message);
    logger.error({ code: problem.code }, problem.message);
  };
  process.on('unhandledRejection', (reason) => {
    // Bolt checks the bot token as the app is created, in a promise nobody awaits until the first event.
    const slack = describeSlackError(reason, { ...slackContext, variable: 'SLACK_BOT_TOKEN' });
    if (slack) reportSlack(slack);
    else logger.error({ code: 'KB_UNHANDLED' }, 'unhandled rejection', reason);
  });

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
      const overSocket = config.playgroundMode === 'socket';
      running = await startPlayground({
        kb: holder.current,
        logger,
        port: config.port,
        host: config.host,
        mode: overSocket ? 'socket' : 'http',
        fileMaxBytes: config.fileMaxBytes,
        ...(config.fileTimeoutMs ? { fileTimeoutMs: config.fileTimeoutMs } : {}),
      });
      options.out(
        `kb-bot playground (no Slack credentials set): open ${running.url}/ in a browser.\n` +
          `It drives the real bot through ${overSocket ? 'Socket Mode envelopes over a local fake of Slack' : 'signed Slack requests'} and shows its replies.\n` +
          'To connect to a Slack workspace, create the app from manifest.yml and set SLACK_BOT_TOKEN with\n' +
          'SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP). See the README.\n',
      );
    } else {
      const onListening = (url: string) => config.mode === 'http' && options.out(`kb-bot listening on ${url}; health on ${url}/healthz; ready once Slack answers auth.test\n`);
      running = await runBot({ config, kb: holder.current, logger, health, signal: starting.signal, onListening, ...(proxy ? { proxy } : {}) });
      options.out(`kb-bot started in ${config.mode === 'socket' ? 'Socket Mode (connecting to Slack)' : `HTTP mode on ${running.url}/slack/events`}; health on ${running.url}/healthz\n`);
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
    const slack = describeSlackError(e, slackContext);
    if (slack) {
      logger.error({ code: slack.code }, slack.message);
      options.err(`kb-bot could not start: ${slack.message}\n`);
      return slack.kind === 'refused' ? 2 : 1;
    }
    options.err(`kb-bot could not start: ${err.message}\n`);
    return 1;
  } finally {
    process.off('SIGTERM', stopStarting);
    process.off('SIGINT', stopStarting);
  }

  const metrics = running.bot.metrics;
  // Fleet exposure: checked at start and after every good reload; subscribed channels hear of changes.
  const fleetChanged = startFleetNotifier(running.bot, running.app.client);
  holder.onReload = (ok) => {
    metrics.reloads.inc({ result: ok ? 'ok' : 'rejected' });
    if (ok) void fleetChanged('a knowledge reload');
  };
  holder.watch();
  process.on('SIGHUP', () => holder.reload('SIGHUP'));

  const grace = config.shutdownGraceMs ?? DRAIN_GRACE_MS;
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
    let stopping = false;
    const shutdown = (signal: string, code = 0) => {
      if (stopping) return;
      stopping = true;
      holder.close();
      logger.info({ signal }, 'shutting down: finishing work in flight');
      exit(1, grace + 10_000, 'shutdown did not finish; exiting');
      for (const s of ['SIGTERM', 'SIGINT'] as const) process.once(s, () => exit(1, 0, `second ${s}: exiting now`));
      running.stop().then(
        () => done(code),
        (e: unknown) => {
          logger.error({}, 'shutdown failed', e);
          done(1);
        },
      );
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
    // A token Slack refuses will not start working by itself: say which, and exit.
    void running.socket?.failed.then((e) => {
      options.err(`kb-bot could not connect to Slack: ${e.message}\n`);
      shutdown(e.code, 2);
    });
    if (config.mode !== 'playground') {
      void checkSlack(() => running.app.client.auth.test(), { ...slackContext, variable: 'SLACK_BOT_TOKEN' }, logger).then(({ contact, problem }) => {
        if (problem) reportSlack(problem);
        // A refused token answers no one: exit (2, a configuration problem) rather than run deaf.
        if (contact === 'refused') shutdown('SLACK_BOT_TOKEN refused', 2);
      });
    }
  });
}
