import type { Logger } from '@slack/bolt';
import type { Prepared } from '../core/answer/prepare.ts';
import type { Store } from '../store/memory-store.ts';
import type { Metrics } from '../observe/metrics.ts';
import type { AnswerCache } from './answer-cache.ts';

/** Everything a listener needs, passed in (no globals): knowledge, memory, metrics, logging. */
export interface Bot {
  /** The live knowledge (swapped on reload). */
  kb: () => Prepared;
  store: Store;
  metrics: Metrics;
  logger: Logger;
  botToken: string;
  /** Hosts files may be downloaded from (files.slack.com, and the API host when overridden). */
  fileHosts: string[];
  fileMaxBytes: number;
  /** Answers and rendered replies per knowledge version (bounded). */
  answers: AnswerCache;
  /** The fetch file downloads use (the proxy's, when HTTPS_PROXY is set); the global one otherwise. */
  fetch?: typeof fetch;
  /** Whether Slack users may store foundations (KB_FLEET_WRITABLE). */
  fleetWritable: boolean;
  /** Tracks work in flight so shutdown can wait for it. */
  track: <T>(work: () => Promise<T>) => Promise<T>;
}

export const TTL = {
  /** Slack retries for a few minutes; remember events for an hour. */
  event: 60 * 60 * 1000,
  /** A crash thread gets one passive reply per article for a day. */
  thread: 24 * 60 * 60 * 1000,
  share: 24 * 60 * 60 * 1000,
} as const;
