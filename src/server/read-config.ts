export type Mode = 'socket' | 'http' | 'playground';

export interface Config {
  mode: Mode;
  botToken: string;
  appToken?: string;
  signingSecret: string;
  port: number;
  host: string;
  /** Web API base URL (proxies, the playground, tests). */
  slackApiUrl?: string;
  /** Largest file kb-bot downloads; the rest of a bigger file is not read. */
  fileMaxBytes: number;
  /** Deadline for one file download (KB_FILE_TIMEOUT_MS); what arrived by then is answered. */
  fileTimeoutMs?: number;
  /** Threads that read big inputs off the event loop (KB_READ_WORKERS; default: the cores). */
  readWorkers?: number;
  /** How long SIGTERM waits for work in flight before it stops it (KB_SHUTDOWN_GRACE_MS). */
  shutdownGraceMs?: number;
  /** Bearer token for /metrics and /readyz detail (KB_METRICS_TOKEN). */
  metricsToken?: string;
  /** A separate port for /metrics, /readyz and /healthz (KB_METRICS_PORT, on KB_METRICS_HOST or HOST). */
  metricsPort?: number;
  metricsHost?: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Shared state for several replicas; in-memory when unset. */
  redisUrl?: string;
  /** Web API call timeout before a retry. */
  slackTimeoutMs?: number;
  /** Answers kept per knowledge version (KB_ANSWER_CACHE; 0 turns the cache off). */
  answerCacheEntries?: number;
  /** How the playground's page reaches the bot: signed HTTP requests, or Socket Mode envelopes (KB_PLAYGROUND_MODE). */
  playgroundMode?: 'http' | 'socket';
  /** Whether Slack users may store foundations (`/kb fleet set`, "this is prod-east"): KB_FLEET_WRITABLE. */
  fleetWritable?: boolean;
}

export class ConfigError extends Error {
  readonly code = 'KB_CONFIG';
}

/**
 * Reads the configuration from the environment. Which Slack variables are set
 * picks the mode: bot + app token → Socket Mode; bot token + signing secret →
 * HTTP; neither → the local playground. Errors name the variable to fix.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const bot = env.SLACK_BOT_TOKEN?.trim();
  const app = env.SLACK_APP_TOKEN?.trim();
  const secret = env.SLACK_SIGNING_SECRET?.trim();
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number (0-65535), not "${env.PORT}"`);
  const fileMaxBytes = Number(env.KB_FILE_MAX_BYTES || 100 * 1024 * 1024);
  if (!Number.isInteger(fileMaxBytes) || fileMaxBytes < 1024) problems.push('KB_FILE_MAX_BYTES must be a whole number of bytes, at least 1024');
  const logLevel = (env.LOG_LEVEL ?? 'info').toLowerCase();
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) problems.push('LOG_LEVEL must be debug, info, warn or error');
  let mode: Mode = 'playground';
  if (bot || app || secret) {
    if (!bot) problems.push('SLACK_BOT_TOKEN is missing (the xoxb- token from "OAuth & Permissions")');
    else if (!bot.startsWith('xoxb-')) problems.push('SLACK_BOT_TOKEN must be a bot token starting with xoxb-');
    if (app && !app.startsWith('xapp-')) problems.push('SLACK_APP_TOKEN must be an app-level token starting with xapp- (with connections:write)');
    if (!app && !secret) problems.push('set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP)');
    mode = app ? 'socket' : 'http';
  }
  if (env.SLACK_API_URL && !/^https?:\/\/[^/]+/.test(env.SLACK_API_URL)) problems.push('SLACK_API_URL must be an http(s) URL, e.g. https://slack.com/api/');
  if (env.REDIS_URL && !/^rediss?:\/\//.test(env.REDIS_URL)) problems.push('REDIS_URL must look like redis://host:6379');
  const playgroundMode = env.KB_PLAYGROUND_MODE?.trim().toLowerCase() || undefined;
  if (playgroundMode && playgroundMode !== 'http' && playgroundMode !== 'socket') problems.push('KB_PLAYGROUND_MODE must be http or socket');
  const writable = (env.KB_FLEET_WRITABLE ?? '').trim().toLowerCase();
  if (!['', 'true', 'false', '1', '0', 'yes', 'no'].includes(writable)) problems.push('KB_FLEET_WRITABLE must be true or false');
  if (problems.length > 0) throw new ConfigError(`configuration problems:\n  - ${problems.join('\n  - ')}`);
  const config: Config = {
    mode,
    botToken: bot ?? '',
    signingSecret: secret ?? '',
    port,
    host: env.HOST ?? (mode === 'playground' ? '127.0.0.1' : '0.0.0.0'),
    fileMaxBytes,
    logLevel: logLevel as Config['logLevel'],
  };
  if (app) config.appToken = app;
  if (['true', '1', 'yes'].includes(writable)) config.fleetWritable = true;
  if (env.REDIS_URL) config.redisUrl = env.REDIS_URL;
  if (mode === 'playground' && playgroundMode) config.playgroundMode = playgroundMode as 'http' | 'socket';
  if (env.SLACK_API_TIMEOUT_MS) {
    const t = Number(env.SLACK_API_TIMEOUT_MS);
    if (!Number.isInteger(t) || t < 100) throw new ConfigError('configuration problems:\n  - SLACK_API_TIMEOUT_MS must be a whole number of milliseconds, at least 100');
    config.slackTimeoutMs = t;
  }
  if (env.KB_ANSWER_CACHE !== undefined) {
    const n = Number(env.KB_ANSWER_CACHE);
    if (!Number.isInteger(n) || n < 0 || n > 100_000) throw new ConfigError('configuration problems:\n  - KB_ANSWER_CACHE must be a whole number of answers to keep, 0 (off) to 100000');
    config.answerCacheEntries = n;
  }
  const whole = (name: string, value: string | undefined, min: number, max: number): number | undefined => {
    const raw = value?.trim();
    if (!raw) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`configuration problems:\n  - ${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
    return n;
  };
  const fileTimeoutMs = whole('KB_FILE_TIMEOUT_MS', env.KB_FILE_TIMEOUT_MS, 100, 600_000);
  if (fileTimeoutMs !== undefined) config.fileTimeoutMs = fileTimeoutMs;
  const readWorkers = whole('KB_READ_WORKERS', env.KB_READ_WORKERS, 1, 64);
  if (readWorkers !== undefined) config.readWorkers = readWorkers;
  const shutdownGraceMs = whole('KB_SHUTDOWN_GRACE_MS', env.KB_SHUTDOWN_GRACE_MS, 0, 600_000);
  if (shutdownGraceMs !== undefined) config.shutdownGraceMs = shutdownGraceMs;
  const metricsToken = env.KB_METRICS_TOKEN?.trim();
  if (metricsToken) {
    if (metricsToken.length < 16) throw new ConfigError('configuration problems:\n  - KB_METRICS_TOKEN must be at least 16 characters (e.g. openssl rand -hex 16)');
    config.metricsToken = metricsToken;
  }
  const metricsPort = whole('KB_METRICS_PORT', env.KB_METRICS_PORT, 0, 65535);
  if (metricsPort !== undefined) config.metricsPort = metricsPort;
  if (env.KB_METRICS_HOST?.trim()) config.metricsHost = env.KB_METRICS_HOST.trim();
  if (env.SLACK_API_URL) config.slackApiUrl = env.SLACK_API_URL.endsWith('/') ? env.SLACK_API_URL : `${env.SLACK_API_URL}/`;
  return config;
}
