import { fileURLToPath } from 'node:url';

/** The knowledge folder: `--knowledge DIR`, else KB_KNOWLEDGE_DIR, else the project's own. */
export function knowledgeDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env.KB_KNOWLEDGE_DIR ?? fileURLToPath(new URL('../../knowledge/', import.meta.url));
}
