import { findCrashes } from '../traces/find-crashes.ts';
import { scanStream, readString, type ScanResult } from '../traces/scan-stream.ts';
import { classifyLine } from '../traces/classify-line.ts';
import type { Crash } from '../model/crash.ts';
import type { Paste } from '../model/query.ts';

/** Inputs longer than this are scanned for crash sites instead of parsed whole. */
export const WHOLE_PARSE_LIMIT = 256 * 1024;
/** How much of a long input is read as the question around a paste. */
export const QUESTION_LIMIT = 8 * 1024;

/**
 * Splits an input into the crashes it holds and the question around them.
 * Small inputs are parsed whole; big ones are scanned for crash sites
 * (bounded memory and time), the question read from their start.
 */
export function readPaste(input: string, anchors: readonly string[]): { paste: Paste; question: string } {
  if (input.length > WHOLE_PARSE_LIMIT) return pasteFromScan(scanStream(readString(input), { anchors }), input.slice(0, QUESTION_LIMIT));
  const crashes = findCrashes(input);
  const question = crashes.length > 0 ? nonTraceText(input) : input.slice(0, QUESTION_LIMIT);
  return { paste: { crashes, logText: input }, question };
}

/** The paste of an input already scanned in chunks (a file streamed by the CLI or a download). */
export function pasteFromScan(scan: ScanResult, head: string, source?: string): { paste: Paste; question: string } {
  const crashes: Crash[] = [];
  for (const excerpt of scan.excerpts) {
    const where = `${source ? `${source} ` : ''}excerpt at byte ${excerpt.offset.toLocaleString('en-US')},`;
    for (const c of findCrashes(excerpt.text)) crashes.push({ ...c, source: where });
  }
  const paste: Paste = {
    crashes,
    scannedBytes: scan.bytes,
    capped: scan.capped,
    headerless: scan.headerless && crashes.length > 0,
    logText: [head, ...scan.excerpts.map((e) => e.text)].join('\n'),
  };
  return { paste, question: nonTraceText(head) };
}

/** The lines of a paste that are not part of a trace: the question around it. */
export function nonTraceText(text: string): string {
  const out: string[] = [];
  let size = 0;
  for (const l of text.split(/\r\n|\r|\n/)) {
    if (size > QUESTION_LIMIT) break;
    if (classifyLine(l).kind === 'other' && !/^\s*\{.*\}\s*$/.test(l)) {
      out.push(l);
      size += l.length;
    }
  }
  return out.join('\n');
}
