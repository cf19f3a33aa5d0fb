import type { Logger } from '@slack/bolt';
import type { Prepared } from '../core/answer/prepare.ts';
import type { Store } from '../store/memory-store.ts';
import type { Metrics } from '../server/metrics.ts';

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
  /** Whether Slack users may store foundations (KB_FLEET_WRITABLE). */
  fleetWritable: boolean;
  activity: Activity;
  /** Tracks work in flight so shutdown can wait for it. */
  track: <T>(work: () => Promise<T>) => Promise<T>;
}

export interface ActivityEntry {
  at: string;
  what: string;
}

/** The last few things the bot did, for App Home. */
export class Activity {
  private readonly entries: ActivityEntry[] = [];
  constructor(private readonly max = 10, private readonly now: () => Date = () => new Date()) {}
  add(what: string): void {
    this.entries.unshift({ at: this.now().toISOString().slice(0, 16).replace('T', ' '), what });
    this.entries.length = Math.min(this.entries.length, this.max);
  }
  list(): ActivityEntry[] {
    return [...this.entries];
  }
}

export const TTL = {
  /** Slack retries for a few minutes; remember events for an hour. */
  event: 60 * 60 * 1000,
  /** A crash thread gets one passive reply per article for a day. */
  thread: 24 * 60 * 60 * 1000,
  share: 24 * 60 * 60 * 1000,
} as const;
