import type { Logger } from '@slack/bolt';
import type { Bot } from '../slack/bot.ts';
import { MemoryStore, type Store } from '../store/memory-store.ts';
import { createMetrics, type Metrics } from '../observe/metrics.ts';
import { PastePool } from '../node/paste-pool.ts';
import type { Prepared } from '../core/answer/prepare.ts';
import { AnswerCache } from '../slack/answer-cache.ts';

export interface BotParts {
  kb: () => Prepared;
  logger: Logger;
  botToken: string;
  slackApiUrl?: string;
  fileMaxBytes?: number;
  fileTimeoutMs?: number;
  /** Downloads at once; more get "busy, try again". */
  maxDownloads?: number;
  store?: Store;
  metrics?: Metrics;
  /** How many answers (and as many rendered replies) to keep; 0 turns the cache off. */
  answerCacheEntries?: number;
  pool?: PastePool;
  /** How files are downloaded (through the proxy when one is set). */
  fetch?: typeof fetch;
  fleetWritable?: boolean;
}

/** Slack's file host; the overridden API origin is added for tests and proxies. */
export const SLACK_FILE_ORIGIN = 'https://files.slack.com';

export type RunningParts = Bot & {
  inflight: () => number;
  idle: () => Promise<void>;
  /** Ends the grace period: downloads and other waits are aborted. */
  abort: () => void;
  /** Ends what is still open towards Slack. */
  halt: () => void;
  pool: PastePool;
};

/** Assembles a Bot with in-flight tracking, so shutdown can wait for work to finish. */
export function createBot(parts: BotParts): RunningParts {
  const metrics = parts.metrics ?? createMetrics();
  const pool = parts.pool ?? new PastePool();
  const shutdown = new AbortController();
  const halted = new AbortController();
  let inflight = 0;
  let downloading = 0;
  const maxDownloads = parts.maxDownloads ?? 8;
  let waiters: (() => void)[] = [];
  const fileOrigins = [SLACK_FILE_ORIGIN];
  if (parts.slackApiUrl) fileOrigins.push(new URL(parts.slackApiUrl).origin);
  return {
    kb: parts.kb,
    store: parts.store ?? new MemoryStore(),
    metrics,
    logger: parts.logger,
    botToken: parts.botToken,
    answers: new AnswerCache(parts.answerCacheEntries ?? 500),
    fileOrigins,
    fileMaxBytes: parts.fileMaxBytes ?? 100 * 1024 * 1024,
    fileTimeoutMs: parts.fileTimeoutMs ?? 30_000,
    readOffLoop: (job, reader) => pool.read(job, reader),
    ...(parts.fetch ? { fetch: parts.fetch } : {}),
    downloads: {
      take: () => downloading < maxDownloads && ++downloading > 0,
      give: () => void (downloading = Math.max(0, downloading - 1)),
    },
    shutdown: shutdown.signal,
    pool,
    abort: () => shutdown.abort(),
    halted: halted.signal,
    halt: () => halted.abort(),
    fleetWritable: parts.fleetWritable ?? false,
    async track<T>(work: () => Promise<T>): Promise<T> {
      inflight++;
      metrics.inflight.inc();
      try {
        return await work();
      } finally {
        inflight--;
        metrics.inflight.dec();
        if (inflight === 0) {
          for (const w of waiters) w();
          waiters = [];
        }
      }
    },
    inflight: () => inflight,
    idle: () => (inflight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}
