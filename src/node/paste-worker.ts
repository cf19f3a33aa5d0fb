import { parentPort } from 'node:worker_threads';
import { readPaste, pasteFromScan, type PasteReader } from '../core/query/read-paste.ts';
import { excerptLabel } from '../core/traces/source-label.ts';
import type { PasteJob } from './paste-pool.ts';

/** One thread of the paste pool: reads inputs (the part of answering that grows with them), nothing else. */
const readers = new Map<string, PasteReader>();
parentPort?.on('message', (message: { id: number; version: string; reader?: PasteReader; job: PasteJob }) => {
  const { id, job } = message;
  try {
    if (message.reader) {
      readers.clear(); // only the live knowledge's reader is kept
      readers.set(message.version, message.reader);
    }
    const reader = readers.get(message.version);
    if (!reader) throw new Error(`no reader for knowledge ${message.version}`);
    const source = 'scan' in job && job.source ? [{ name: job.source, line: 1, byte: 0 }] : null;
    const read = 'text' in job ? readPaste(job.text, reader, job.sources) : pasteFromScan(job.scan, job.head, reader, source ? (offset) => excerptLabel(source, offset) : undefined);
    parentPort?.postMessage({ id, read });
  } catch (e) {
    parentPort?.postMessage({ id, error: (e as Error).message ?? String(e) });
  }
});
