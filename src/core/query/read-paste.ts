import { findCrashes } from '../traces/find-crashes.ts';
import { scanStream, readString, type ScanResult } from '../traces/scan-stream.ts';
import { classifyLine } from '../traces/classify-line.ts';
import { matchLogSignatures } from '../logs/match-log-signatures.ts';
import { withoutLogLines } from '../logs/without-log-lines.ts';
import { excerptLabel } from '../traces/source-label.ts';
import type { Crash, TextSource } from '../model/crash.ts';
import type { Knowledge } from '../model/knowledge.ts';
import type { Paste } from '../model/query.ts';

/** Inputs longer than this are scanned for crash sites instead of parsed whole. */
export const WHOLE_PARSE_LIMIT = 256 * 1024;
/** How much of a long input is read as the question around a paste. */
export const QUESTION_LIMIT = 8 * 1024;
/** Crashes kept from one input, however many excerpts it has. */
const MAX_CRASHES = 200;
/** Longest line kept for the question: a megabyte "line" is not a question. */
const MAX_QUESTION_LINE = 4096;

export interface PasteReader {
  knowledge: Knowledge;
  /** Strings that find a known program frame in a huge input with no crash header. */
  anchors: readonly string[];
  /** Strings that find the articles' log signatures in a huge input. */
  logAnchors: readonly string[];
}

/**
 * Splits an input into the crashes and known log lines it holds and the
 * question around them. Small inputs are parsed whole; big ones are scanned
 * for crash sites (bounded memory and time), the question read from their start.
 */
export function readPaste(input: string, reader: PasteReader, sources?: TextSource[]): { paste: Paste; question: string } {
  const parts = sources ? { sources } : {};
  if (input.length > WHOLE_PARSE_LIMIT) {
    const scan = scanStream(readString(input), { anchors: reader.anchors, logAnchors: reader.logAnchors });
    // The whole string is in memory: log lines are looked for in all of it, not only in the scan's excerpts.
    // Excerpt offsets are bytes of the whole text: each crash says which part (file) it is in.
    const where = sources ? (offset: number) => excerptLabel(sources, offset) : undefined;
    const scanned = pasteFromScan(scan, input.slice(0, QUESTION_LIMIT), reader, where, matchLogSignatures(reader.knowledge, input));
    return { ...scanned, paste: { ...scanned.paste, ...parts } };
  }
  const crashes = findCrashes(input);
  const logs = matchLogSignatures(reader.knowledge, input);
  const question = withoutLogLines(crashes.length > 0 ? nonTraceText(input) : input.slice(0, QUESTION_LIMIT), reader.knowledge, logs);
  return { paste: { crashes, logs, ...parts }, question };
}

/** The paste of an input already scanned in chunks (a file streamed by the CLI or a download). */
export function pasteFromScan(
  scan: ScanResult,
  head: string,
  reader: PasteReader,
  /** How to name the place of an excerpt ("app.log, excerpt at byte 1,234"); by its byte offset by default. */
  excerptAt: (offset: number) => string = (offset) => `excerpt at byte ${groupDigits(offset)}`,
  logs = matchLogSignatures(reader.knowledge, scan.logExcerpts),
): { paste: Paste; question: string } {
  const crashes: Crash[] = [];
  for (const excerpt of scan.excerpts) {
    const where = `${excerptAt(excerpt.offset)},`;
    for (const c of findCrashes(excerpt.text)) if (crashes.length < MAX_CRASHES) crashes.push({ ...c, source: where });
  }
  const paste: Paste = { crashes, logs, scannedBytes: scan.bytes, capped: scan.capped, headerless: scan.headerless && crashes.length > 0 };
  return { paste, question: withoutLogLines(nonTraceText(head), reader.knowledge, logs) };
}

/** The lines of a paste that are not part of a trace: the question around it. */
export function nonTraceText(text: string): string {
  const out: string[] = [];
  let size = 0;
  for (const l of text.split(/\r\n|\r|\n/)) {
    if (size > QUESTION_LIMIT) break;
    const line = l.length > MAX_QUESTION_LINE ? l.slice(0, MAX_QUESTION_LINE) : l;
    if (classifyLine(line).kind === 'other' && !/^\s*\{.*\}\s*$/.test(line)) {
      out.push(line);
      size += line.length;
    }
  }
  return out.join('\n');
}

/** 1234567 → "1,234,567", without starting the locale machinery (ICU start-up costs a CLI call ~20 ms). */
export function groupDigits(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
