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

/** An input fed in pieces as they arrive (a download, a file read in chunks). */
export interface Scanner {
  push(bytes: Uint8Array): void;
  end(): ScanResult;
}

/** How far back a crash site looks for the start of its line. */
const MAX_LINE = 4096;
/** A log line's excerpt: its start (up to 4 KiB back) to 4 KiB past the anchor; at most 64 of 64 KiB. */
const LOG_AFTER = 4 << 10;
const MAX_LOG_EXCERPTS = 64;
const LOG_EXCERPT_BYTES = 64 << 10;

/**
 * Finds the parts of an input of any size that can hold a Go crash, reading it
 * once: native `Buffer.indexOf` for each crash header (and for the
 * knowledge's frame anchors, used only when no header is found), then a
 * bounded excerpt around each site (and, when given, the line around each
 * log-signature anchor). Memory stays at one window plus the
 * excerpts, whatever the input size; time is linear in the input whatever
 * its shape — a site inside an excerpt never rescans its line, and in a run
 * of sites (`panic: panic: panic: …`) the search skips ahead half an
 * excerpt's tail, so each kept site still has at least half of `afterBytes`
 * after it.
 */
export function createScanner(options: ScanOptions): Scanner {
  const chunk = options.chunkBytes ?? 1 << 20;
  // The window must hold a whole log excerpt past `limit` too.
  const after = Math.max(options.afterBytes ?? 64 << 10, LOG_AFTER);
  const before = options.beforeBytes ?? 8 << 10;
  const limits = { max: options.maxExcerpts ?? 32, maxBytes: options.maxExcerptBytes ?? 256 << 10 };
  const buf = Buffer.allocUnsafe(chunk + after + before);
  const headers: Sites = { out: [], capped: false, resume: 0 };
  const anchors: Sites = { out: [], capped: false, resume: 0 };
  const logs: Sites = { out: [], capped: false, resume: 0 };
  const logLimits = { max: MAX_LOG_EXCERPTS, maxBytes: LOG_EXCERPT_BYTES };
  let base = 0; // stream offset of buf[0]
  let have = 0;
  let searchFrom = 0;

  const search = (eof: boolean) => {
    const limit = eof ? have : Math.max(searchFrom, have - after);
    const view = buf.subarray(0, have);
    findSites(view, HEADERS, searchFrom, limit, 0, after, base, headers, limits);
    if (headers.out.length === 0) findSites(view, options.anchors, searchFrom, limit, before, after, base, anchors, limits);
    findSites(view, options.logAnchors ?? [], searchFrom, limit, 0, LOG_AFTER, base, logs, logLimits);
    if (eof) return;
    // Keep the tail: what follows `limit` has not been searched, and `before` bytes give anchors context.
    const keepFrom = Math.max(0, limit - before);
    buf.copyWithin(0, keepFrom, have);
    base += keepFrom;
    have -= keepFrom;
    searchFrom = limit - keepFrom;
  };

  return {
    push(bytes) {
      for (let at = 0; at < bytes.length; ) {
        const n = Math.min(buf.length - have, bytes.length - at);
        buf.set(bytes.subarray(at, at + n), have);
        have += n;
        at += n;
        if (have === buf.length) search(false);
      }
    },
    end() {
      search(true);
      const headerless = headers.out.length === 0;
      const found = headerless ? anchors : headers;
      return { excerpts: found.out, logExcerpts: logs.out, bytes: base + have, capped: found.capped, headerless };
    },
  };
}

/** Scans an input read through `read` (a file descriptor, a string): see createScanner. */
export function scanStream(read: ReadInto, options: ScanOptions): ScanResult {
  const scanner = createScanner(options);
  const piece = Buffer.allocUnsafe(Math.min(options.chunkBytes ?? 1 << 20, 1 << 20));
  for (let n = read(piece, 0, piece.length); n > 0; n = read(piece, 0, piece.length)) scanner.push(piece.subarray(0, n));
  return scanner.end();
}

interface Sites {
  out: Excerpt[];
  /** More sites were found than kept. */
  capped: boolean;
  /** Stream offset where the search goes on (a run of sites skips ahead across windows too). */
  resume: number;
}

/**
 * Turns the sites of `needles` in [from, to) into excerpts from a line start
 * (`before` bytes back for anchors) to `after` bytes on; sites inside the
 * current excerpt extend it, up to `maxBytes`.
 */
function findSites(buf: Buffer, needles: readonly string[], from: number, to: number, before: number, after: number, base: number, sites: Sites, limits: { max: number; maxBytes: number }): void {
  if (sites.capped || needles.length === 0) return;
  const next = nextSite(buf, needles, to);
  from = Math.max(from, sites.resume - base);
  let start = -1;
  let end = -1;
  const flush = () => {
    if (start < 0) return true;
    const last = sites.out[sites.out.length - 1];
    if (last && last.offset <= base + start && last.offset + Buffer.byteLength(last.text) >= base + end) return true; // already covered
    if (sites.out.length >= limits.max) return false;
    sites.out.push({ offset: base + start, text: buf.toString('utf8', start, end) });
    return true;
  };
  for (let p = next(from); p >= 0; ) {
    const inside = start >= 0 && p + after - start <= limits.maxBytes && (p <= end || siteStart(buf, p, before) <= end);
    if (inside) {
      end = Math.min(buf.length, Math.max(end, p + after));
    } else {
      if (!flush()) {
        sites.capped = true;
        return;
      }
      start = siteStart(buf, p, before);
      end = Math.min(buf.length, p + after);
    }
    const skip = Math.max(p + 1, end - (after >> 1));
    sites.resume = base + skip;
    p = next(skip);
  }
  if (!flush()) sites.capped = true;
}

/**
 * The first site of any needle at or after a position, below `to`; each
 * needle's next position is remembered, so the buffer is searched once per
 * needle however many sites there are.
 */
function nextSite(buf: Buffer, needles: readonly string[], to: number): (from: number) => number {
  if (needles.length >= MANY_NEEDLES) return nextSiteOfMany(buf, needles, to);
  const at = needles.map(() => -2); // -2: not searched yet; -1: none left
  return (from) => {
    let best = -1;
    for (let k = 0; k < needles.length; k++) {
      if (at[k] === -2 || ((at[k] as number) >= 0 && (at[k] as number) < from)) at[k] = buf.indexOf(needles[k] as string, from, 'latin1');
      const p = at[k] as number;
      if (p >= 0 && p < to && (best < 0 || p < best)) best = p;
    }
    return best;
  };
}

/** From this many needles on, one pass of one pattern beats a `Buffer.indexOf` pass per needle (the log anchors: 18 today). */
const MANY_NEEDLES = 4;
const patterns = new WeakMap<readonly string[], RegExp>();

/**
 * nextSite for many needles: the window read once as latin1 (one character a
 * byte, so indexes are byte offsets) and searched with one alternation of the
 * literal needles — linear, no backtracking: every alternative is a literal.
 */
function nextSiteOfMany(buf: Buffer, needles: readonly string[], to: number): (from: number) => number {
  let pattern = patterns.get(needles);
  if (!pattern) {
    pattern = new RegExp(needles.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
    patterns.set(needles, pattern);
  }
  const longest = Math.max(...needles.map((n) => n.length));
  const text = buf.toString('latin1', 0, Math.min(buf.length, to + longest));
  let found = -2; // -2: not searched yet; -1: none left
  return (from) => {
    if (found === -1 || (found >= from && found >= 0)) return found >= 0 && found < to ? found : -1;
    const re = pattern as RegExp;
    re.lastIndex = from;
    const m = re.exec(text);
    found = m ? m.index : -1;
    return found >= 0 && found < to ? found : -1;
  };
}

/** Where a site's excerpt starts: its line's start (at most MAX_LINE back), or for anchors the first line start `before` bytes back. */
function siteStart(buf: Buffer, p: number, before: number): number {
  if (before > 0 && p - before > 0) {
    const nl = buf.subarray(p - before, p).indexOf(10);
    if (nl >= 0) return p - before + nl + 1;
  } else if (before > 0) {
    return 0;
  }
  const lo = Math.max(0, p - MAX_LINE);
  const nl = buf.subarray(lo, p).lastIndexOf(10);
  return nl < 0 ? lo : lo + nl + 1;
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
