import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, statSync, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { KnowledgeFile } from '../core/knowledge/load-knowledge.ts';
import type { Problem } from '../core/model/knowledge.ts';

/** A knowledge file is a page of YAML; anything bigger is a mistake (or an attack), not an article. */
export const MAX_KNOWLEDGE_FILE_BYTES = 1024 * 1024;

/**
 * Reads every .yml/.yaml file under a knowledge folder (the adapter side of
 * loading). Only regular files are read: a FIFO, socket or device (or a link
 * to one) would block or never end, so each is reported by name instead, as
 * is a file over MAX_KNOWLEDGE_FILE_BYTES. Files are opened non-blocking, so a
 * file swapped for a FIFO after the check cannot hang the reload either.
 */
export function readKnowledgeDir(dir: string): { files: KnowledgeFile[]; problems: Problem[] } {
  const files: KnowledgeFile[] = [];
  const problems: Problem[] = [];
  const walk = (d: string) => {
    // Entries with their types: no stat call per file (thousands of articles), only for symbolic links.
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const name = entry.name;
      const full = join(d, name);
      const path = relative(dir, full).split(sep).join('/');
      let st: Stats;
      try {
        st = statSync(full);
      } catch (e) {
        problems.push({ file: path, path: '(file)', message: `cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, tip: 'a broken link or a link loop; remove it or point it at a file' });
        continue;
      }
      if (st.isDirectory()) {
        walk(full);
        continue;
      }
      if (!/\.ya?ml$/.test(name) || name.startsWith('_')) continue;
      const read = readRegularFile(full, st);
      if (typeof read === 'string') files.push({ path, text: read });
      else problems.push({ file: path, path: '(file)', ...read });
    }
  };
  walk(dir);
  return { files, problems };
}

function readRegularFile(full: string, st: Stats): string | { message: string; tip: string } {
  if (!st.isFile()) return notRegular(st);
  if (st.size > MAX_KNOWLEDGE_FILE_BYTES) return tooBig(st.size);
  let fd: number;
  try {
    fd = openSync(full, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { message: `cannot be opened: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, tip: 'check the file\'s permissions' };
  }
  try {
    const now = fstatSync(fd);
    if (!now.isFile()) return notRegular(now);
    // One byte more than fstat says: a file still growing is read as far as it was (the watcher reloads again).
    const buf = Buffer.allocUnsafe(Math.min(now.size, MAX_KNOWLEDGE_FILE_BYTES) + 1);
    let size = 0;
    for (let n = 1; n > 0 && size < buf.length; size += n) n = readSync(fd, buf, size, buf.length - size, null);
    if (size > MAX_KNOWLEDGE_FILE_BYTES) return tooBig(size);
    return buf.toString('utf8', 0, size);
  } finally {
    closeSync(fd);
  }
}

function notRegular(st: Stats): { message: string; tip: string } {
  const kind = st.isFIFO() ? 'a FIFO (named pipe)' : st.isSocket() ? 'a socket' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'not a regular file';
  return { message: `is ${kind}; kb-bot reads only regular files`, tip: 'remove it from the knowledge folder, or replace it with a regular YAML file' };
}

function tooBig(size: number): { message: string; tip: string } {
  return { message: `is ${size.toLocaleString('en-US')} bytes; a knowledge file may hold at most ${MAX_KNOWLEDGE_FILE_BYTES.toLocaleString('en-US')}`, tip: 'one article per file; split it or remove what is not knowledge' };
}
