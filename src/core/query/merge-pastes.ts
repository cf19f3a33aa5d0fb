import { QUESTION_LIMIT } from './read-paste.ts';
import type { Paste } from '../model/query.ts';

/** What reading an input gives: its paste and the question around it (readPaste, pasteFromScan). */
export interface ReadInput {
  paste: Paste;
  question: string;
}

const MAX_CRASHES = 200;

/**
 * One read from several parts read on their own: a message with its small
 * files (joined, with `sources` naming each part) and each big file (scanned
 * as it downloaded, its crashes named `app.log, excerpt at byte …`). Every
 * part's crashes and log lines, and the parts' questions.
 */
export function mergePastes(parts: readonly ReadInput[]): ReadInput {
  const paste: Paste = { crashes: [], logs: [] };
  const questions: string[] = [];
  for (const read of parts) {
    for (const c of read.paste.crashes) if (paste.crashes.length < MAX_CRASHES) paste.crashes.push(c);
    for (const l of read.paste.logs) if (!paste.logs.some((m) => m.article === l.article)) paste.logs.push(l);
    if (read.paste.sources && !paste.sources) paste.sources = read.paste.sources;
    if (read.paste.scannedBytes !== undefined) paste.scannedBytes = (paste.scannedBytes ?? 0) + read.paste.scannedBytes;
    if (read.paste.capped) paste.capped = true;
    if (read.paste.headerless) paste.headerless = true;
    if (read.question.trim() !== '') questions.push(read.question);
  }
  return { paste, question: questions.join('\n').slice(0, 2 * QUESTION_LIMIT) };
}
