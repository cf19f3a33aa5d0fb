import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadKnowledgeDir } from './load-knowledge-dir.ts';
import { hashText } from '../core/knowledge/hash-text.ts';
import { buildSearchIndex } from '../core/search/build-search-index.ts';
import { encodeSearchIndex, readSearchIndex } from './search-index-file.ts';
import type { SearchIndex } from '../core/search/search-index.ts';
import { prepare, type Prepared } from '../core/answer/prepare.ts';
import type { Knowledge, Problem } from '../core/model/knowledge.ts';

export interface LoadOptions {
  /** Where serialized search indexes are kept, one per knowledge version. */
  cacheDir?: string;
}

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Writes through a temporary file; a read-only disk only costs the next start the work. */
function writeAtomically(path: string, text: string | Buffer): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(`${path}.${process.pid}.tmp`, text);
    renameSync(`${path}.${process.pid}.tmp`, path);
  } catch {
    // ignored on purpose, see above
  }
}

function removeOtherIndexes(dir: string, keep: string): void {
  try {
    for (const name of readdirSync(dir)) {
      if (/^search-index-[0-9a-f]+\.(json|bin)$/.test(name) && join(dir, name) !== keep) rmSync(join(dir, name), { force: true });
    }
  } catch {
    // a cache that cannot be tidied is still a cache
  }
}

/**
 * Loads the folder with the parsed-YAML cache, tidied to the current files.
 * A function of its own so that the cache and the files' text are garbage
 * before the search index is built (the peak of a start without a cache).
 */
function loadWithYamlCache(dir: string, yamlFile: string | undefined): { knowledge: Knowledge; problems: Problem[] } {
  const yamlCache = new Map<string, unknown>(yamlFile ? Object.entries(readJson(yamlFile) ?? {}) : []);
  const before = new Set(yamlCache.keys());
  const { knowledge, problems, files } = loadKnowledgeDir(dir, { yamlCache });
  if (yamlFile && problems.length === 0) {
    // Keep only what the current files need: entries of edited or deleted files go.
    const current = new Set(files.map((f) => hashText(f.text)));
    const kept = [...yamlCache.entries()].filter(([k]) => current.has(k));
    if (kept.length !== before.size || kept.some(([k]) => !before.has(k))) writeAtomically(yamlFile, JSON.stringify(Object.fromEntries(kept)));
  }
  return { knowledge, problems };
}

/**
 * Loads, validates and prepares a knowledge folder. The search index is
 * expensive to build for thousands of articles, so it is cached (see
 * search-index-file.ts) keyed by the knowledge's hash: a changed file makes a
 * new key, never a stale index.
 */
export function loadPrepared(dir: string, options: LoadOptions = {}): { prepared: Prepared; problems: Problem[]; timings: string } {
  let t = performance.now();
  const lap = () => {
    const ms = performance.now() - t;
    t = performance.now();
    return ms.toFixed(0);
  };
  const { knowledge, problems } = loadWithYamlCache(dir, options.cacheDir ? join(options.cacheDir, 'parsed-yaml.json') : undefined);
  const loaded = lap();
  let index: SearchIndex | undefined;
  let source = 'built';
  const file = options.cacheDir ? join(options.cacheDir, `search-index-${knowledge.version}.bin`) : undefined;
  if (file && problems.length === 0) {
    index = readSearchIndex(file);
    // An index for other articles (a hash collision, a hand-edited cache) is not this knowledge's.
    if (index && (index.docCount !== knowledge.articles.length || knowledge.articles.some((a, i) => index?.refs[i] !== a.id))) index = undefined;
    if (index) source = 'cached';
  }
  if (!index) {
    index = buildSearchIndex(knowledge.articles);
    if (file && problems.length === 0) {
      writeAtomically(file, encodeSearchIndex(index));
      removeOtherIndexes(options.cacheDir as string, file);
    }
  }
  const indexed = lap();
  const prepared = prepare(knowledge, index);
  return { prepared, problems, timings: `load+validate ${loaded} ms, index ${source} ${indexed} ms, prepare ${lap()} ms` };
}
