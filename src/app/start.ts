import { LogLevel } from '@slack/bolt';
import { readConfig, ConfigError, type Config } from '../server/read-config.ts';
import { withVcapServices } from '../server/read-vcap-services.ts';
import { proxyAgent, ProxyConfigError, type ProxyTransport } from '../server/proxy-agent.ts';
import { runBot, type RunningBot } from './run-bot.ts';
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
  try {
    if (config.mode === 'playground') {
      const { startPlayground } = await import('./start-playground.ts');
      const overSocket = config.playgroundMode === 'socket';
      running = await startPlayground({ kb: holder.current, logger, port: config.port, host: config.host, mode: overSocket ? 'socket' : 'http' });
      options.out(
        `kb-bot playground (no Slack credentials set): open ${running.url}/ in a browser.\n` +
          `It drives the real bot through ${overSocket ? 'Socket Mode envelopes over a local fake of Slack' : 'signed Slack requests'} and shows its replies.\n` +
          'To connect to a Slack workspace, create the app from manifest.yml and set SLACK_BOT_TOKEN with\n' +
          'SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP). See the README.\n',
      );
    } else {
      running = await runBot({ config, kb: holder.current, logger, health, ...(proxy ? { proxy } : {}) });
      options.out(`kb-bot started in ${config.mode === 'socket' ? 'Socket Mode (connecting to Slack)' : `HTTP mode on ${running.url}/slack/events`}; health on ${running.url}/healthz\n`);
    }
  } catch (e) {
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

  return new Promise((resolve) => {
    let stopping = false;
    const shutdown = (signal: string, code = 0) => {
      if (stopping) return;
      stopping = true;
      holder.close();
      logger.info({ signal }, 'shutting down: finishing work in flight');
      running.stop().then(
        () => resolve(code),
        (e: unknown) => {
          logger.error({}, 'shutdown failed', e);
          resolve(1);
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
