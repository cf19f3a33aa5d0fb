import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { createScanner, type ScanResult } from '../core/traces/scan-stream.ts';
import { WHOLE_PARSE_LIMIT, QUESTION_LIMIT } from '../core/query/read-paste.ts';
import type { Bot } from './bot.ts';

export interface SlackFile {
  id?: string;
  name?: string;
  mimetype?: string;
  filetype?: string;
  size?: number;
  url_private_download?: string;
  url_private?: string;
}

/** A downloaded file: small ones as text (parsed whole), big ones scanned as they arrived; `cut`: the bytes read of a file cut at the read limit. */
export type FileText = ({ name: string; text: string } | { name: string; scan: ScanResult; head: string }) & { notice?: string; cut?: number };

const TEXT_TYPES = new Set(['text', 'log', 'txt', 'plain', 'gzip', 'go', 'shell', 'json', 'yaml', 'markdown', 'csv', 'diff']);
/** Slack serves a file's bytes under this path of its file host (`url_private`, `url_private_download`). */
const FILE_PATH = '/files-pri/';

/** The file objects of an event, whatever Slack (or a forger) put there: objects only, string fields only. */
export function slackFiles(value: unknown): SlackFile[] {
  if (!Array.isArray(value)) return [];
  const keys = ['id', 'name', 'mimetype', 'filetype', 'url_private_download', 'url_private'] as const;
  return value
    .filter((f): f is Record<string, unknown> => typeof f === 'object' && f !== null && !Array.isArray(f))
    .map((f) => {
      const out: SlackFile = {};
      for (const k of keys) if (typeof f[k] === 'string') out[k] = f[k] as string;
      if (typeof f.size === 'number') out.size = f.size;
      return out;
    });
}

/** Whether a shared file can hold a pasted log: text, snippets, .log/.txt and gzip'd logs. */
export function isTextLike(f: SlackFile): boolean {
  const name = (f.name ?? '').toLowerCase();
  return (f.mimetype ?? '').startsWith('text/') || TEXT_TYPES.has(f.filetype ?? '') || /\.(?:log|txt|out|err|gz)$/.test(name) || f.mimetype === 'application/gzip';
}

/**
 * Whether the bot token may be sent to a URL: https on Slack's file host (or
 * the overridden API origin, scheme included, for tests and proxies), no
 * credentials in the URL, and only Slack's file path.
 */
export function fileUrlProblem(raw: string, origins: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (!origins.includes(url.origin)) return `${url.protocol}//${url.host} is not a Slack file host`;
  if (url.username || url.password) return 'a file URL with credentials in it';
  if (!url.pathname.startsWith(FILE_PATH)) return `${url.pathname.slice(0, 60)} is not a Slack file path`;
  return null;
}

/**
 * Downloads a Slack file with the bot token, streaming: only from Slack's own
 * file host and path, at most `fileMaxBytes` (the first part of a bigger file,
 * with a notice), within `fileTimeoutMs` (what was read by then, with a
 * notice), gunzipping gzip'd logs on the way. A file up to WHOLE_PARSE_LIMIT
 * comes back as text; a bigger one is scanned chunk by chunk as it arrives
 * (never held whole, never decoded whole). Returns an error (a sentence for
 * the reply) instead of throwing.
 */
export async function downloadFile(bot: Bot, f: SlackFile, fetchFn: typeof fetch = bot.fetch ?? fetch): Promise<FileText | { error: string }> {
  const name = f.name ?? f.id ?? 'file';
  const url = f.url_private_download ?? f.url_private;
  if (!url) return { error: `${name}: Slack sent no download URL` };
  const problem = fileUrlProblem(url, bot.fileOrigins);
  if (problem) return { error: `${name}: not downloaded — ${problem}` };
  if (!bot.downloads.take()) return { error: `${name} was not read: kb-bot is busy downloading other files; try again in a minute.` };
  try {
    return await fetchAndRead(bot, name, url, fetchFn);
  } finally {
    bot.downloads.give();
  }
}

async function fetchAndRead(bot: Bot, name: string, url: string, fetchFn: typeof fetch): Promise<FileText | { error: string }> {
  const started = Date.now();
  const deadline = AbortSignal.timeout(bot.fileTimeoutMs);
  const signal = AbortSignal.any([deadline, bot.shutdown]);
  // Which stopped it: the first to abort gives the combined signal its reason.
  const byShutdown = () => signal.aborted && signal.reason === bot.shutdown.reason;
  const seconds = Math.round(bot.fileTimeoutMs / 1000);
  let res: Response;
  try {
    res = await fetchFn(url, { headers: { Authorization: `Bearer ${bot.botToken}` }, redirect: 'error', signal });
  } catch (e) {
    if (byShutdown()) return { error: `${name} was not read: kb-bot is shutting down` };
    if (deadline.aborted) return { error: `${name}: Slack did not start sending it within ${seconds} s` };
    throw e;
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel().catch(() => undefined);
    return { error: `${name}: download failed (HTTP ${res.status})` };
  }
  const read = await readStream(decoded(res.body as unknown as AsyncIterable<Uint8Array>), bot, signal);
  const mb = (bot.fileMaxBytes / 1024 / 1024).toFixed(1);
  const got = (read.bytes / 1024 / 1024).toFixed(1);
  const first = `the first ${got} MB (${read.bytes.toLocaleString('en-US')} bytes)`;
  const notice = read.cut
    ? `${name} is larger than ${mb} MB; kb-bot read the first ${mb} MB.`
    : !read.stopped
      ? undefined
      : byShutdown()
        ? `${name} was cut short: kb-bot is shutting down; it read ${first} in ${Math.round((Date.now() - started) / 1000)} s.`
        : `${name} arrived too slowly; kb-bot read ${first} in ${seconds} s.`;
  const body = read.scan ? { name, scan: read.scan, head: read.head } : { name, text: read.text };
  return notice ? { ...body, notice, ...(read.cut ? { cut: read.bytes } : {}) } : body;
}

/** Bytes of a download, gunzipped when they start with gzip's magic bytes. */
async function* decoded(source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const it = source[Symbol.asyncIterator]();
  let first = Buffer.alloc(0);
  while (first.length < 2) {
    const n = await it.next();
    if (n.done) break;
    first = Buffer.concat([first, Buffer.from(n.value.buffer, n.value.byteOffset, n.value.byteLength)]);
  }
  const rest = async function* () {
    if (first.length > 0) yield first;
    for (let n = await it.next(); !n.done; n = await it.next()) yield Buffer.from(n.value.buffer, n.value.byteOffset, n.value.byteLength);
  };
  try {
    if (first[0] !== 0x1f || first[1] !== 0x8b) {
      yield* rest();
      return;
    }
    const gunzip = createGunzip();
    const compressed = Readable.from(rest());
    // pipe() does not pass errors on: without this a download stopped by its deadline would leave gunzip waiting for ever.
    compressed.once('error', (e) => gunzip.destroy(e));
    compressed.pipe(gunzip);
    try {
      for await (const chunk of gunzip) yield chunk as Buffer;
    } catch (e) {
      // A gzip stream cut short (the size cap, the deadline, a truncated upload) keeps what was read.
      if ((e as NodeJS.ErrnoException).code !== 'Z_BUF_ERROR' && (e as Error).name !== 'AbortError') throw e;
    } finally {
      gunzip.destroy();
      compressed.destroy();
    }
  } finally {
    // Stops the download (a cap reached, a deadline passed); a stream that already failed has nothing to stop.
    await Promise.resolve(it.return?.()).catch(() => undefined);
  }
}

interface Read {
  bytes: number;
  /** The size cap cut it. */
  cut: boolean;
  /** The deadline (or shutdown) stopped it. */
  stopped: boolean;
  text: string;
  scan: ScanResult | null;
  head: string;
}

async function readStream(bytes: AsyncGenerator<Buffer>, bot: Bot, signal: AbortSignal): Promise<Read> {
  const max = bot.fileMaxBytes;
  const small: Buffer[] = [];
  let size = 0;
  let scanner: ReturnType<typeof createScanner> | null = null;
  let head = '';
  const out: Read = { bytes: 0, cut: false, stopped: false, text: '', scan: null, head: '' };
  try {
    for await (const chunk of bytes) {
      const take = chunk.subarray(0, Math.max(0, max - size));
      size += take.length;
      if (scanner) scanner.push(take);
      else {
        small.push(take);
        if (size > WHOLE_PARSE_LIMIT) {
          // Too big to parse whole: scan it from here on; keep only the head as text.
          const all = Buffer.concat(small);
          head = all.toString('utf8', 0, Math.min(all.length, QUESTION_LIMIT));
          scanner = createScanner({ anchors: bot.kb().anchors, logAnchors: bot.kb().logAnchors });
          scanner.push(all);
          small.length = 0;
        }
      }
      if (take.length < chunk.length) {
        out.cut = true;
        break;
      }
      if (signal.aborted) break;
    }
  } catch (e) {
    if (!signal.aborted) throw e;
  }
  out.stopped = signal.aborted && !out.cut;
  out.bytes = size;
  if (scanner) {
    out.scan = scanner.end();
    out.head = head;
  } else {
    out.text = Buffer.concat(small).toString('utf8');
  }
  return out;
}
