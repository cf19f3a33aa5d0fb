import { readPaste, type PasteReader } from '../core/query/read-paste.ts';
import type { ReadInput } from '../core/query/merge-pastes.ts';
import type { ScanResult } from '../core/traces/scan-stream.ts';
import type { TextSource } from '../core/model/crash.ts';
import type { Knowledge } from '../core/model/knowledge.ts';
import type { Prepared } from '../core/answer/prepare.ts';
import type { Bot, VersionedReader } from './bot.ts';

/**
 * Inputs up to this size are read on the event loop (a few milliseconds at
 * worst, whatever their shape); bigger ones go to the paste pool, so acks
 * and health checks never wait behind them.
 */
export const ON_LOOP_LIMIT = 64 * 1024;

/** Reads a text, or a download already scanned, into a paste and its question: on the event loop when small, else off it. */
export async function readInput(bot: Bot, input: string | { scan: ScanResult; head: string; source?: string }, sources?: TextSource[]): Promise<ReadInput> {
  const kb = bot.kb();
  if (typeof input === 'string' && input.length <= ON_LOOP_LIMIT) return readPaste(input, kb, sources);
  return bot.readOffLoop(typeof input === 'string' ? { text: input, ...(sources ? { sources } : {}) } : input, workerReader(kb));
}

const readers = new WeakMap<Prepared, VersionedReader>();

/**
 * What a worker needs to read an input: the anchors, and of the knowledge
 * only the articles' log signatures — plain data, small, cloned once per
 * knowledge version (not the verdict tables, products or search index).
 */
export function workerReader(kb: Prepared): VersionedReader {
  const cached = readers.get(kb);
  if (cached) return cached;
  const knowledge = {
    products: [],
    otherSoftware: [],
    version: kb.knowledge.version,
    articles: kb.knowledge.articles.filter((a) => a.logSignatures.length > 0).map((a) => ({ id: a.id, logSignatures: a.logSignatures })),
  } as unknown as Knowledge;
  const reader: PasteReader = { knowledge, anchors: kb.anchors, logAnchors: kb.logAnchors };
  const made = { version: kb.knowledge.version, reader };
  readers.set(kb, made);
  return made;
}
