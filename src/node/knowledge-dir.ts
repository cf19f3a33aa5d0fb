import { join } from 'node:path';
import { packageRoot } from './package-root.ts';

/** The knowledge folder: `--knowledge DIR`, else KB_KNOWLEDGE_DIR, else the package's own knowledge/. */
export function knowledgeDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env.KB_KNOWLEDGE_DIR ?? join(packageRoot(), 'knowledge/');
}

/** Where derived data (parsed YAML, search indexes) is cached: KB_CACHE_DIR, else the package's .cache/. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.KB_CACHE_DIR ?? join(packageRoot(), '.cache/');
}
