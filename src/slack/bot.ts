import type { Logger } from '@slack/bolt';
import type { Prepared } from '../core/answer/prepare.ts';
import type { ReadInput } from '../core/query/merge-pastes.ts';
import type { Store } from '../store/memory-store.ts';
import type { Metrics } from '../observe/metrics.ts';
import type { AnswerCache } from './answer-cache.ts';
import type { PasteReader } from '../core/query/read-paste.ts';
import type { ScanResult } from '../core/traces/scan-stream.ts';
import type { TextSource } from '../core/model/crash.ts';

/** A text to read whole (or scan), or a download already scanned into excerpts (`source`: the file's name). */
export type ReadJob = { text: string; sources?: TextSource[] } | { scan: ScanResult; head: string; source?: string };
/** What reading needs (the anchors, the articles' log signatures), for one knowledge version. */
export interface VersionedReader {
  version: string;
  reader: PasteReader;
}
/** The code of the error readOffLoop rejects with when it is full: the asker is told "busy, try again". */
export const BUSY = 'KB_BUSY';

/** Everything a listener needs, passed in (no globals): knowledge, memory, metrics, logging. */
export interface Bot {
  /** The live knowledge (swapped on reload). */
  kb: () => Prepared;
  store: Store;
  metrics: Metrics;
  logger: Logger;
  botToken: string;
  /** Origins files may be downloaded from: https://files.slack.com, and the API's when SLACK_API_URL overrides it. */
  fileOrigins: string[];
  fileMaxBytes: number;
  /** Answers and rendered replies per knowledge version (bounded). */
  answers: AnswerCache;
  /** Deadline for one download; what was read by then is answered, with a notice. */
  fileTimeoutMs: number;
  /**
   * Downloads running at once are bounded (each holds a scan window and its
   * excerpts, up to ~9 MB): `take` is false when all slots are in use.
   */
  downloads: { take: () => boolean; give: () => void };
  /** The fetch file downloads use (the proxy's, when HTTPS_PROXY is set); the global one otherwise. */
  fetch?: typeof fetch;
  /** Reads a big input off the event loop (the paste pool); rejects with an error of code BUSY when it is full. */
  readOffLoop: (job: ReadJob, reader: VersionedReader) => Promise<ReadInput>;
  /** Aborted when shutdown's grace period is over: downloads and other waits stop. */
  shutdown: AbortSignal;
  /** Aborted a moment later (after stopped work has said so): calls to Slack still open end too. */
  halted: AbortSignal;
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
