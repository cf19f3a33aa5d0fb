import { join } from 'node:path';
import { packageRoot } from './package-root.ts';

/** A variable set to nothing (`KB_KNOWLEDGE_DIR=`) counts as unset, never as a folder named "". */
function setting(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v === undefined || v === '' ? undefined : v;
}

/** The knowledge folder: `--knowledge DIR`, else KB_KNOWLEDGE_DIR, else the package's own knowledge/. */
export function knowledgeDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return setting(flag) ?? setting(env.KB_KNOWLEDGE_DIR) ?? join(packageRoot(), 'knowledge/');
}

/** Where derived data (parsed YAML, search indexes) is cached: KB_CACHE_DIR, else the package's .cache/. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return setting(env.KB_CACHE_DIR) ?? join(packageRoot(), '.cache/');
}
