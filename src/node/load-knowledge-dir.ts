import { existsSync } from 'node:fs';
import { readKnowledgeDir } from './read-knowledge-dir.ts';
import { loadKnowledge, type KnowledgeFile, type LoadOptions } from '../core/knowledge/load-knowledge.ts';
import type { Knowledge, Problem } from '../core/model/knowledge.ts';

/** Reads and validates a knowledge folder; a missing folder is a problem, not a crash. */
export function loadKnowledgeDir(dir: string, options: LoadOptions = {}): { knowledge: Knowledge; problems: Problem[]; files: KnowledgeFile[] } {
  if (!existsSync(dir)) {
    return {
      knowledge: { products: [], otherSoftware: [], articles: [], version: 'none' },
      problems: [{ file: dir, path: '(folder)', message: 'the knowledge folder does not exist', tip: 'check --knowledge or KB_KNOWLEDGE_DIR' }],
      files: [],
    };
  }
  try {
    const { files, problems: unread } = readKnowledgeDir(dir);
    const loaded = loadKnowledge(files, options);
    return { ...loaded, problems: [...unread, ...loaded.problems], files };
  } catch (e) {
    return {
      knowledge: { products: [], otherSoftware: [], articles: [], version: 'none' },
      problems: [{ file: dir, path: '(folder)', message: `could not read the folder: ${(e as Error).message}` }],
      files: [],
    };
  }
}

/** One line per problem: `file: path: message (tip)`. */
export function formatProblem(p: Problem): string {
  return `${p.file}: ${p.path}: ${p.message}${p.tip ? ` (tip: ${p.tip})` : ''}`;
}
