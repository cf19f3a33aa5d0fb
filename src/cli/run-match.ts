import { openSync, readSync, closeSync, fstatSync } from 'node:fs';
import { answer } from '../core/answer/answer.ts';
import { pasteFromScan, WHOLE_PARSE_LIMIT } from '../core/query/read-paste.ts';
import { parseQuery } from '../core/query/parse-query.ts';
import { scanStream } from '../core/traces/scan-stream.ts';
import { renderText } from '../render/render-text.ts';
import { renderJson } from '../render/render-json.ts';
import { EXIT, type CliIo } from './io.ts';
import type { Prepared } from '../core/answer/prepare.ts';

/**
 * `kb-bot match [file|-]`: matches a crash log of any size. Small inputs are
 * parsed whole; large ones are streamed in chunks, so memory stays bounded.
 * Exit 0 when a known issue matches (exact or strong), 1 when none does.
 */
export function runMatch(kb: Prepared, args: string[], json: boolean, io: CliIo): number {
  const path = args[0] ?? '-';
  let fd: number;
  try {
    fd = path === '-' ? io.stdinFd : openSync(path, 'r');
  } catch (e) {
    io.err(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return EXIT.usage;
  }
  try {
    const head = Buffer.alloc(Math.min(WHOLE_PARSE_LIMIT + 1, regularFileSize(fd) ?? WHOLE_PARSE_LIMIT + 1));
    const headBytes = readFully(fd, head);
    const result = headBytes <= WHOLE_PARSE_LIMIT ? answer(kb, head.toString('utf8', 0, headBytes)) : answer(kb, scannedQuery(kb, head, headBytes, fd));
    io.out(json ? renderJson(result) : renderText(result));
    return result.traces.some((t) => t.level !== 'partial') ? EXIT.ok : EXIT.nothing;
  } finally {
    if (path !== '-') closeSync(fd);
  }
}

/** A file too big to read whole: streamed through the crash scanner, the question from its start. */
function scannedQuery(kb: Prepared, head: Buffer, headBytes: number, fd: number) {
  const { paste, question } = pasteFromScan(scanStream(prefixedReader(head, headBytes, fd), { anchors: kb.anchors, logAnchors: kb.logAnchors }), head.toString('utf8', 0, 8192), kb);
  return { ...parseQuery(kb, question), paste };
}

function regularFileSize(fd: number): number | null {
  const st = fstatSync(fd);
  return st.isFile() ? st.size : null;
}

function readFully(fd: number, into: Buffer): number {
  let total = 0;
  for (;;) {
    const n = readChunk(fd, into, total, into.length - total);
    if (n === 0 || total + n >= into.length) return total + n;
    total += n;
  }
}

/** Serves the bytes already read first, then the rest of the file. */
function prefixedReader(head: Buffer, headBytes: number, fd: number) {
  let served = 0;
  return (into: Buffer, offset: number, length: number): number => {
    if (served < headBytes) {
      const n = head.copy(into, offset, served, Math.min(headBytes, served + length));
      served += n;
      return n;
    }
    return readChunk(fd, into, offset, length);
  };
}

function readChunk(fd: number, into: Buffer, offset: number, length: number): number {
  for (;;) {
    try {
      return length === 0 ? 0 : readSync(fd, into, offset, length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;
      if (code === 'EOF') return 0;
      throw e;
    }
  }
}
