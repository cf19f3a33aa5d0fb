import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packageRoot } from './package-root.ts';
import type { PasteReader } from '../core/query/read-paste.ts';
import type { ReadInput } from '../core/query/merge-pastes.ts';
import type { ScanResult } from '../core/traces/scan-stream.ts';
import type { TextSource } from '../core/model/crash.ts';

/** A text to read whole (or scan), or a stream already scanned into excerpts (`source`: the file's name). */
export type PasteJob = { text: string; sources?: TextSource[] } | { scan: ScanResult; head: string; source?: string };

/** What reading needs (the frame and log anchors, the articles' log signatures), for one knowledge version. */
export interface VersionedReader {
  version: string;
  reader: PasteReader;
}

/** Every worker is busy and the queue is full: the caller answers "busy, try again". */
export class PoolBusyError extends Error {
  readonly code = 'KB_BUSY';
}

export interface PoolOptions {
  /** Worker threads; default: the machine's cores. */
  size?: number;
  /** Jobs that may wait for a worker; more are refused with PoolBusyError. */
  queue?: number;
  /** A job running longer is abandoned: its worker is stopped and replaced. */
  timeoutMs?: number;
}

interface Pending {
  job: PasteJob;
  reader: VersionedReader;
  resolve: (read: ReadInput) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** The knowledge version whose reader this worker has. */
  version: string | null;
  current: (Pending & { id: number; timer: NodeJS.Timeout }) | null;
}

/**
 * Reads big inputs off the event loop: a few worker threads (the cores),
 * started on first use, each running the core's readPaste/pasteFromScan; a
 * bounded queue in front of them. The main thread keeps answering acks,
 * health checks and small questions while a 50 MB dump is read.
 */
export class PastePool {
  private readonly size: number;
  private readonly maxQueue: number;
  private readonly timeoutMs: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private seq = 0;
  private closed = false;

  constructor(options: PoolOptions = {}) {
    this.size = Math.max(1, options.size ?? availableParallelism());
    this.maxQueue = Math.max(0, options.queue ?? this.size * 4);
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  /** Reads a job on a worker; rejects with PoolBusyError when the pool and its queue are full. */
  read(job: PasteJob, reader: VersionedReader): Promise<ReadInput> {
    if (this.closed) return Promise.reject(new Error('the paste pool is closed'));
    return new Promise<ReadInput>((resolve, reject) => {
      const pending = { job, reader, resolve, reject };
      const slot = this.idleSlot();
      if (slot) return this.run(slot, pending);
      if (this.queue.length >= this.maxQueue) return reject(new PoolBusyError('kb-bot is busy reading other large inputs'));
      this.queue.push(pending);
    });
  }

  /** Workers running a job, and jobs waiting. */
  load(): { busy: number; queued: number; size: number } {
    return { busy: this.slots.filter((s) => s.current).length, queued: this.queue.length, size: this.size };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('the paste pool is closed'));
    await Promise.all(this.slots.splice(0).map((s) => this.stop(s, new Error('the paste pool is closed'))));
  }

  private idleSlot(): Slot | null {
    const idle = this.slots.find((s) => !s.current);
    if (idle) return idle;
    if (this.slots.length >= this.size) return null;
    const slot: Slot = { worker: spawnWorker(), version: null, current: null };
    slot.worker.unref();
    slot.worker.on('message', (m: { id: number; read?: ReadInput; error?: string }) => this.settle(slot, m));
    slot.worker.on('error', (e) => this.fail(slot, e));
    slot.worker.on('exit', (code) => this.fail(slot, new Error(`a paste worker exited (${code})`)));
    this.slots.push(slot);
    return slot;
  }

  private run(slot: Slot, pending: Pending): void {
    const id = ++this.seq;
    const timer = setTimeout(() => void this.stop(slot, new Error(`reading the input took longer than ${this.timeoutMs} ms`)), this.timeoutMs);
    timer.unref();
    slot.current = { ...pending, id, timer };
    // The reader (log signatures and anchors) is sent once per knowledge version, not with every job.
    const fresh = slot.version !== pending.reader.version;
    slot.version = pending.reader.version;
    try {
      slot.worker.postMessage({ id, version: pending.reader.version, job: pending.job, ...(fresh ? { reader: pending.reader.reader } : {}) });
    } catch (e) {
      // Something in the job cannot be sent to a thread (a function): this job fails, the worker stays.
      clearTimeout(timer);
      slot.current = null;
      slot.version = null;
      pending.reject(e as Error);
      this.next(slot);
    }
  }

  private settle(slot: Slot, m: { id: number; read?: ReadInput; error?: string }): void {
    const current = slot.current;
    if (!current || current.id !== m.id) return;
    clearTimeout(current.timer);
    slot.current = null;
    if (m.read) current.resolve(m.read);
    else current.reject(new Error(m.error ?? 'the paste worker failed'));
    this.next(slot);
  }

  private next(slot: Slot): void {
    const waiting = this.queue.shift();
    if (waiting) this.run(slot, waiting);
  }

  /** A worker died or hung: its job fails, the worker is dropped, the queue moves on a fresh one. */
  private fail(slot: Slot, error: Error): void {
    const at = this.slots.indexOf(slot);
    if (at < 0) return;
    this.slots.splice(at, 1);
    const current = slot.current;
    slot.current = null;
    if (current) {
      clearTimeout(current.timer);
      current.reject(error);
    }
    if (!this.closed && this.queue.length > 0) {
      const fresh = this.idleSlot();
      if (fresh) this.next(fresh);
    }
  }

  private async stop(slot: Slot, error: Error): Promise<void> {
    this.fail(slot, error);
    await slot.worker.terminate();
  }
}

/**
 * The worker runs the same code as this file: the built dist/paste-worker.js
 * (scripts/build.mjs makes it an entry of its own), or in a source checkout
 * (tests, tsx) src/node/paste-worker.ts through tsx, registered inside the
 * worker, which does not inherit the test runner's or tsx's loader.
 */
function spawnWorker(): Worker {
  if (!fileURLToPath(import.meta.url).endsWith('.ts')) return new Worker(join(packageRoot(), 'dist', 'paste-worker.js'));
  const url = new URL('./paste-worker.ts', import.meta.url);
  return new Worker(`import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`, { eval: true });
}

/** tsx's ESM register API, found through its package's exports. */
function tsxApi(): string {
  const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
  const exports = (JSON.parse(readFileSync(pkg, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(join(dirname(pkg), exports['./esm/api']?.import.default ?? 'dist/esm/api/index.mjs')).href;
}
