import { HEADERS } from './classify-line.ts';

/** Fills `into` from `offset` with at most `length` bytes; returns 0 at the end. */
export type ReadInto = (into: Buffer, offset: number, length: number) => number;

export interface Excerpt {
  /** Byte offset of the excerpt in the whole input. */
  offset: number;
  text: string;
}

export interface ScanResult {
  excerpts: Excerpt[];
  /** The lines around each log-signature anchor (when `logAnchors` were given). */
  logExcerpts: Excerpt[];
  bytes: number;
  /** True when more crash sites were found than were kept. */
  capped: boolean;
  /** True when no header was found and the excerpts come from frame anchors. */
  headerless: boolean;
}

export interface ScanOptions {
  /** Strings that mark a known program frame, searched for when there is no crash header. */
  anchors: readonly string[];
  /** Literal strings of the articles' log signatures: each hit keeps its line. */
  logAnchors?: readonly string[];
  chunkBytes?: number;
  /** Bytes kept after a crash site (the running goroutine follows its header). */
  afterBytes?: number;
  /** Bytes kept before an anchor (to reach the goroutine's first frames). */
  beforeBytes?: number;
  maxExcerpts?: number;
  /** Largest excerpt: a run of crash sites (a crash loop) is cut into excerpts of at most this size. */
  maxExcerptBytes?: number;
}

/**
 * Finds the parts of an input of any size that can hold a Go crash, reading it
 * once in fixed-size chunks: native `Buffer.indexOf` for each crash header
 * (and for the knowledge's frame anchors, used only when no header is found),
 * then a bounded excerpt around each site. Memory stays at one chunk plus the
 * excerpts, whatever the input size.
 */
export function scanStream(read: ReadInto, options: ScanOptions): ScanResult {
  const chunk = options.chunkBytes ?? 4 << 20;
  const after = options.afterBytes ?? 64 << 10;
  const before = options.beforeBytes ?? 8 << 10;
  const maxExcerpts = options.maxExcerpts ?? 32;
  const maxExcerpt = options.maxExcerptBytes ?? 1 << 20;
  const buf = Buffer.allocUnsafe(chunk + after + before);
  const headerSites: Excerpt[] = [];
  const anchorSites: Excerpt[] = [];
  const logSites: Excerpt[] = [];
  const logAnchors = options.logAnchors ?? [];
  let base = 0; // stream offset of buf[0]
  let have = 0;
  let searchFrom = 0;
  let capped = false;

  for (;;) {
    const n = read(buf, have, buf.length - have);
    have += n;
    const eof = n === 0;
    const limit = eof ? have : Math.max(searchFrom, have - after);
    const headerHits = hits(buf, HEADERS, searchFrom, limit);
    const anchorHits = headerSites.length === 0 && headerHits.length === 0 ? hits(buf, options.anchors, searchFrom, limit) : [];
    capped = collect(buf, headerHits, 0, after, have, base, headerSites, maxExcerpts, maxExcerpt) || capped;
    capped = collect(buf, anchorHits, before, after, have, base, anchorSites, maxExcerpts, maxExcerpt) || capped;
    if (logAnchors.length > 0) collect(buf, hits(buf, logAnchors, searchFrom, limit), 0, LOG_AFTER, have, base, logSites, MAX_LOG_EXCERPTS, LOG_EXCERPT_BYTES);
    if (eof) break;
    // Keep the tail: what follows `limit` has not been searched, and `before` bytes give anchors context.
    const keepFrom = Math.max(0, limit - before);
    buf.copyWithin(0, keepFrom, have);
    base += keepFrom;
    have -= keepFrom;
    searchFrom = limit - keepFrom;
  }
  const headerless = headerSites.length === 0;
  return { excerpts: headerless ? anchorSites : headerSites, logExcerpts: logSites, bytes: base + have, capped, headerless };
}

/** A log line's excerpt: its start (up to 4 KiB back) to 4 KiB past the anchor; at most 64 of 64 KiB. */
const LOG_AFTER = 4 << 10;
const MAX_LOG_EXCERPTS = 64;
const LOG_EXCERPT_BYTES = 64 << 10;

function hits(buf: Buffer, needles: readonly string[], from: number, to: number): number[] {
  const out: number[] = [];
  for (const needle of needles) {
    let i = buf.indexOf(needle, from, 'latin1');
    while (i >= 0 && i < to) {
      out.push(i);
      i = buf.indexOf(needle, i + needle.length, 'latin1');
    }
  }
  return out.sort((a, b) => a - b);
}

/**
 * Turns hit positions into excerpts from a line start `before` bytes back to
 * `after` bytes on; hits inside the previous excerpt extend it. Returns true
 * when the excerpt cap was reached.
 */
function collect(buf: Buffer, positions: number[], before: number, after: number, have: number, base: number, out: Excerpt[], max: number, maxBytes: number): boolean {
  let start = -1;
  let end = -1;
  const flush = () => {
    if (start < 0) return false;
    const last = out[out.length - 1];
    if (last && last.offset <= base + start && last.offset + Buffer.byteLength(last.text) >= base + end) return false; // already covered
    if (out.length >= max) return true;
    out.push({ offset: base + start, text: buf.toString('utf8', start, end) });
    return false;
  };
  let capped = false;
  for (const p of positions) {
    const lineStart = before > 0 ? nextLineStart(buf, Math.max(0, p - before), p) : lineStartOf(buf, p);
    if (start >= 0 && lineStart <= end && p + after - start <= maxBytes) {
      end = Math.min(have, Math.max(end, p + after));
      continue;
    }
    capped = flush() || capped;
    start = lineStart;
    end = Math.min(have, p + after);
  }
  capped = flush() || capped;
  return capped;
}

function lineStartOf(buf: Buffer, p: number): number {
  // Only the last 4 KiB are searched: a line with no end is never rescanned per hit.
  const from = Math.max(0, p - 4096);
  const nl = buf.subarray(from, p + 1).lastIndexOf(10);
  return nl < 0 ? from : from + nl + 1;
}

function nextLineStart(buf: Buffer, from: number, p: number): number {
  if (from === 0) return 0;
  const nl = buf.indexOf(10, from);
  return nl < 0 || nl >= p ? lineStartOf(buf, p) : nl + 1;
}

/** A reader over an in-memory string, writing UTF-8 a slice at a time (no full copy). */
export function readString(text: string): ReadInto {
  let pos = 0;
  return (into, offset, length) => {
    if (pos >= text.length || length < 4) return 0;
    let take = Math.min(text.length - pos, Math.floor(length / 3));
    // Never split a surrogate pair.
    const last = text.charCodeAt(pos + take - 1);
    if (last >= 0xd800 && last <= 0xdbff && take > 1) take--;
    const written = into.write(text.slice(pos, pos + take), offset, 'utf8');
    pos += take;
    return written;
  };
}
