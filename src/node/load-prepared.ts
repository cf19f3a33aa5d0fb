import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import lunr from 'lunr';
import { loadKnowledgeDir } from './load-knowledge-dir.ts';
import { hashText } from '../core/knowledge/hash-text.ts';
import { buildSearchIndex } from '../core/search/build-search-index.ts';
import { prepare, type Prepared } from '../core/answer/prepare.ts';
import type { Problem } from '../core/model/knowledge.ts';

export interface LoadOptions {
  /** Where serialized search indexes are kept, one per knowledge version. */
  cacheDir?: string;
}

/**
 * Loads, validates and prepares a knowledge folder. The lunr index is
 * expensive to build for thousands of articles, so it is cached as JSON keyed
 * by the knowledge's hash: a changed file makes a new key, never a stale index.
 */
function readJson(path: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Writes through a temporary file; a read-only disk only costs the next start the work. */
function writeAtomically(path: string, text: string): void {
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
      if (/^search-index-[0-9a-f]+\.json$/.test(name) && join(dir, name) !== keep) rmSync(join(dir, name), { force: true });
    }
  } catch {
    // a cache that cannot be tidied is still a cache
  }
}

export function loadPrepared(dir: string, options: LoadOptions = {}): { prepared: Prepared; problems: Problem[]; timings: string } {
  let t = performance.now();
  const lap = () => {
    const ms = performance.now() - t;
    t = performance.now();
    return ms.toFixed(0);
  };
  const yamlFile = options.cacheDir ? join(options.cacheDir, 'parsed-yaml.json') : undefined;
  const yamlCache = new Map<string, unknown>(yamlFile ? Object.entries(readJson(yamlFile) ?? {}) : []);
  const before = new Set(yamlCache.keys());
  const { knowledge, problems, files } = loadKnowledgeDir(dir, { yamlCache });
  if (yamlFile && problems.length === 0) {
    // Keep only what the current files need: entries of edited or deleted files go.
    const current = new Set(files.map((f) => hashText(f.text)));
    const kept = [...yamlCache.entries()].filter(([k]) => current.has(k));
    if (kept.length !== before.size || kept.some(([k]) => !before.has(k))) writeAtomically(yamlFile, JSON.stringify(Object.fromEntries(kept)));
  }
  const loaded = lap();
  let index: lunr.Index | undefined;
  let source = 'built';
  const file = options.cacheDir ? join(options.cacheDir, `search-index-${knowledge.version}.json`) : undefined;
  const serialized = file && problems.length === 0 ? readJson(file) : undefined;
  if (serialized) {
    try {
      index = lunr.Index.load(serialized);
      source = 'cached';
    } catch {
      index = undefined;
    }
  }
  if (!index) {
    index = buildSearchIndex(knowledge.articles);
    if (file && problems.length === 0) {
      writeAtomically(file, JSON.stringify(index));
      removeOtherIndexes(options.cacheDir as string, file);
    }
  }
  const indexed = lap();
  const prepared = prepare(knowledge, index);
  return { prepared, problems, timings: `load+validate ${loaded} ms, index ${source} ${indexed} ms, prepare ${lap()} ms` };
}
