import { fileURLToPath } from 'node:url';
import { loadKnowledgeDir } from '../../src/node/load-knowledge-dir.ts';
import { prepare, type Prepared } from '../../src/core/answer/prepare.ts';

export const KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge/', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

let cached: Prepared | undefined;

/** The project's real knowledge, loaded once per test file; throws if it is invalid. */
export function realKb(): Prepared {
  if (!cached) {
    const { knowledge, problems } = loadKnowledgeDir(KNOWLEDGE_DIR);
    if (problems.length > 0) throw new Error(`knowledge invalid: ${JSON.stringify(problems)}`);
    cached = prepare(knowledge);
  }
  return cached;
}
