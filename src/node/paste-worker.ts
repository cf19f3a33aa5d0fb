import { parentPort } from 'node:worker_threads';
import { readPaste, readScan } from '../core/traces/read-paste.ts';
import type { PasteJob } from './paste-pool.ts';

/** One thread of the paste pool: reads inputs (the part of answering that grows with them), nothing else. */
parentPort?.on('message', (message: { id: number; job: PasteJob }) => {
  const { id, job } = message;
  try {
    const paste = 'text' in job ? readPaste(job.text, job.anchors) : readScan(job.scan, job.head);
    parentPort?.postMessage({ id, paste });
  } catch (e) {
    parentPort?.postMessage({ id, error: (e as Error).message ?? String(e) });
  }
});
