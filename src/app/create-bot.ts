import type { Logger } from '@slack/bolt';
import type { Bot } from '../slack/bot.ts';
import { MemoryStore, type Store } from '../store/memory-store.ts';
import { createMetrics, type Metrics } from '../observe/metrics.ts';
import type { Prepared } from '../core/answer/prepare.ts';
import { AnswerCache } from '../slack/answer-cache.ts';

export interface BotParts {
  kb: () => Prepared;
  logger: Logger;
  botToken: string;
  slackApiUrl?: string;
  fileMaxBytes?: number;
  store?: Store;
  metrics?: Metrics;
  /** How many answers (and as many rendered replies) to keep; 0 turns the cache off. */
  answerCacheEntries?: number;
  /** How files are downloaded (through the proxy when one is set). */
  fetch?: typeof fetch;
  fleetWritable?: boolean;
}

/** Assembles a Bot with in-flight tracking, so shutdown can wait for work to finish. */
export function createBot(parts: BotParts): Bot & { inflight: () => number; idle: () => Promise<void> } {
  const metrics = parts.metrics ?? createMetrics();
  let inflight = 0;
  let waiters: (() => void)[] = [];
  const fileHosts = ['files.slack.com'];
  if (parts.slackApiUrl) fileHosts.push(new URL(parts.slackApiUrl).host);
  return {
    kb: parts.kb,
    store: parts.store ?? new MemoryStore(),
    metrics,
    logger: parts.logger,
    botToken: parts.botToken,
    fileHosts,
    fileMaxBytes: parts.fileMaxBytes ?? 5 * 1024 * 1024,
    answers: new AnswerCache(parts.answerCacheEntries ?? 500),
    ...(parts.fetch ? { fetch: parts.fetch } : {}),
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
