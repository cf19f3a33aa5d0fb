import { findCrashes, type Crash } from './find-crashes.ts';
import { scanStream, readString, type ScanResult } from './scan-stream.ts';
import { classifyLine } from './classify-line.ts';

/** Inputs longer than this are scanned for crash sites instead of parsed whole. */
export const WHOLE_PARSE_LIMIT = 256 * 1024;
/** How much of a long input is read as the question around a paste. */
export const QUESTION_LIMIT = 8 * 1024;
/** Crashes kept from one input, however many excerpts or files it has. */
const MAX_CRASHES = 200;
/** Longest line kept for the question: a megabyte "line" is not a question. */
const MAX_QUESTION_LINE = 4096;

/** A crash and where it was found: a file's name, an excerpt of a scanned input. */
export interface PastedCrash {
  crash: Crash;
  /** The uploaded file it came from. */
  source?: string;
  /** Byte offset of the excerpt it came from, when the input was scanned. */
  excerpt?: number;
}

/**
 * What an input holds before any knowledge is applied: its crashes and the
 * words around them. Reading is the part of answering whose cost grows with
 * the input, so it is done here, knowledge-free (only the frame anchors), and
 * the result is plain data: it can be computed off the event loop (a worker
 * thread) and answered on it.
 */
export interface Paste {
  crashes: PastedCrash[];
  /** The text read as the question (at most about QUESTION_LIMIT). */
  question: string;
  /** What the reader should know about how the input was read (scanned, capped). */
  notices: string[];
}

/** Reads a text: parsed whole when it is short, scanned for crash sites when it is long. */
export function readPaste(text: string, anchors: readonly string[]): Paste {
  if (text.length > WHOLE_PARSE_LIMIT) return readScan(scanStream(readString(text), { anchors }), text.slice(0, QUESTION_LIMIT));
  const crashes = findCrashes(text);
  return { crashes: crashes.map((crash) => ({ crash })), question: crashes.length > 0 ? nonTraceText(text) : text.slice(0, QUESTION_LIMIT), notices: [] };
}

/** Reads a scanned input (a file read in chunks): crashes from the excerpts, the question from the head. */
export function readScan(scan: ScanResult, head: string): Paste {
  const crashes: PastedCrash[] = [];
  for (const excerpt of scan.excerpts) {
    for (const crash of findCrashes(excerpt.text)) {
      if (crashes.length < MAX_CRASHES) crashes.push({ crash, excerpt: excerpt.offset });
    }
  }
  const notices = [`Scanned ${scan.bytes.toLocaleString('en-US')} bytes for crashes.`];
  if (scan.capped) notices.push('More crash sites were found than kb-bot reads; the first ones were matched.');
  if (scan.headerless && crashes.length > 0) notices.push('No crash header was found; frames of known issues were looked up instead.');
  return { crashes, question: nonTraceText(head), notices };
}

/**
 * One paste from several parts (a message and its files): every part's
 * crashes, named by the part they came from, and the parts' questions.
 */
export function mergePastes(parts: readonly { paste: Paste; source?: string }[]): Paste {
  const crashes: PastedCrash[] = [];
  const questions: string[] = [];
  const notices: string[] = [];
  for (const { paste, source } of parts) {
    for (const c of paste.crashes) if (crashes.length < MAX_CRASHES) crashes.push(source === undefined ? c : { ...c, source });
    if (paste.question.trim() !== '') questions.push(paste.question);
    notices.push(...(source === undefined ? paste.notices : paste.notices.map((n) => `${source}: ${n}`)));
  }
  return { crashes, question: questions.join('\n').slice(0, 2 * QUESTION_LIMIT), notices };
}

/** Where a crash's line is, for evidence: `line 12`, `gorouter.log line 12`, `excerpt at byte 1,024, line 3`. */
export function crashLineLabel(c: PastedCrash, line: number): string {
  const at = c.excerpt === undefined ? `line ${line}` : `excerpt at byte ${c.excerpt.toLocaleString('en-US')}, line ${line}`;
  return c.source === undefined ? at : `${c.source}${c.excerpt === undefined ? ' ' : ', '}${at}`;
}

/** The lines of a paste that are not part of a trace: the question around it. */
function nonTraceText(text: string): string {
  const out: string[] = [];
  let size = 0;
  // The next `\n` and `\r`, each searched for once per occurrence (a text with no `\r` is not rescanned per line).
  let n = -2;
  let r = -2;
  for (let from = 0; from <= text.length && size <= QUESTION_LIMIT; ) {
    if (n !== -1 && n < from) n = text.indexOf('\n', from);
    if (r !== -1 && r < from) r = text.indexOf('\r', from);
    const end = Math.min(n < 0 ? text.length : n, r < 0 ? text.length : r);
    const line = text.slice(from, Math.min(end, from + MAX_QUESTION_LINE));
    if (classifyLine(line).kind === 'other') {
      out.push(line);
      size += line.length;
    }
    from = end + (text.startsWith('\r\n', end) ? 2 : 1);
  }
  return out.join('\n');
}
