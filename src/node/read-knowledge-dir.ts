import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { KnowledgeFile } from '../core/knowledge/load-knowledge.ts';

/** Reads every .yml/.yaml file under a knowledge folder (the adapter side of loading). */
export function readKnowledgeDir(dir: string): KnowledgeFile[] {
  const files: KnowledgeFile[] = [];
  const walk = (d: string) => {
    // Entries with their types: no stat call per file (thousands of articles), only for symbolic links.
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const name = entry.name;
      const full = join(d, name);
      if (entry.isDirectory() || (entry.isSymbolicLink() && statSync(full).isDirectory())) walk(full);
      else if (/\.ya?ml$/.test(name) && !name.startsWith('_')) files.push({ path: relative(dir, full).split(sep).join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  walk(dir);
  return files;
}
