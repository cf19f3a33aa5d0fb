import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lunr from 'lunr';
import { loadKnowledgeDir } from './load-knowledge-dir.ts';
import { buildSearchIndex } from '../core/search/build-search-index.ts';
import { prepare, type Prepared } from '../core/answer/prepare.ts';
import type { Problem } from '../core/knowledge/types.ts';

export interface LoadOptions {
  /** Where serialized search indexes are kept, one per knowledge version. */
  cacheDir?: string;
}

/**
 * Loads, validates and prepares a knowledge folder. The lunr index is
 * expensive to build for thousands of articles, so it is cached as JSON keyed
 * by the knowledge's hash: a changed file makes a new key, never a stale index.
 */
export function loadPrepared(dir: string, options: LoadOptions = {}): { prepared: Prepared; problems: Problem[]; timings: string } {
  let t = performance.now();
  const lap = () => {
    const ms = performance.now() - t;
    t = performance.now();
    return ms.toFixed(0);
  };
  const { knowledge, problems } = loadKnowledgeDir(dir);
  const loaded = lap();
  let index: lunr.Index | undefined;
  let source = 'built';
  const file = options.cacheDir ? join(options.cacheDir, `search-index-${knowledge.version}.json`) : undefined;
  if (file && problems.length === 0) {
    try {
      index = lunr.Index.load(JSON.parse(readFileSync(file, 'utf8')) as object);
      source = 'cached';
    } catch {
      index = undefined;
    }
  }
  if (!index) {
    index = buildSearchIndex(knowledge.articles);
    if (file && problems.length === 0) {
      try {
        mkdirSync(options.cacheDir as string, { recursive: true });
        writeFileSync(`${file}.tmp`, JSON.stringify(index));
        renameSync(`${file}.tmp`, file);
      } catch {
        // A read-only disk only costs the next start the build time.
      }
    }
  }
  const indexed = lap();
  const prepared = prepare(knowledge, index);
  return { prepared, problems, timings: `load+validate ${loaded} ms, index ${source} ${indexed} ms, prepare ${lap()} ms` };
}
