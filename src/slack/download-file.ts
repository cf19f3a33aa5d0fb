import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
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

export interface FileText {
  name: string;
  text: string;
  notice?: string;
}

const TEXT_TYPES = new Set(['text', 'log', 'txt', 'plain', 'gzip', 'go', 'shell', 'json', 'yaml', 'markdown', 'csv', 'diff']);

/** Whether a shared file can hold a pasted log: text, snippets, .log/.txt and gzip'd logs. */
export function isTextLike(f: SlackFile): boolean {
  const name = (f.name ?? '').toLowerCase();
  return (f.mimetype ?? '').startsWith('text/') || TEXT_TYPES.has(f.filetype ?? '') || /\.(?:log|txt|out|err|gz)$/.test(name) || f.mimetype === 'application/gzip';
}

/**
 * Downloads a Slack file with the bot token: only from Slack's own file hosts,
 * at most `fileMaxBytes` (the first part of a bigger file, with a notice),
 * gunzipping gzip'd logs. Returns null (with a reason) instead of throwing.
 */
export async function downloadFile(bot: Bot, f: SlackFile, fetchFn: typeof fetch = bot.fetch ?? fetch): Promise<FileText | { error: string }> {
  const name = f.name ?? f.id ?? 'file';
  const url = f.url_private_download ?? f.url_private;
  if (!url) return { error: `${name}: Slack sent no download URL` };
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    return { error: `${name}: not a URL` };
  }
  if (!bot.fileHosts.includes(host)) return { error: `${name}: not downloaded — ${host} is not a Slack file host` };
  const res = await fetchFn(url, { headers: { Authorization: `Bearer ${bot.botToken}` }, redirect: 'error' });
  if (!res.ok || !res.body) return { error: `${name}: download failed (HTTP ${res.status})` };
  const raw = await readCapped(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), bot.fileMaxBytes);
  let bytes = raw.bytes;
  let cut = raw.cut;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const unzipped = await readCapped(Readable.from([bytes]).pipe(createGunzip()), bot.fileMaxBytes, true);
    bytes = unzipped.bytes;
    cut = cut || unzipped.cut;
  }
  const text = bytes.toString('utf8');
  const mb = (bot.fileMaxBytes / 1024 / 1024).toFixed(1);
  return cut ? { name, text, notice: `${name} is larger than ${mb} MB; kb-bot read the first ${mb} MB.` } : { name, text };
}

async function readCapped(stream: Readable, max: number, tolerateTruncation = false): Promise<{ bytes: Buffer; cut: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let cut = false;
  try {
    for await (const chunk of stream) {
      const b = chunk as Buffer;
      if (size + b.length > max) {
        chunks.push(b.subarray(0, max - size));
        size = max;
        cut = true;
        stream.destroy();
        break;
      }
      chunks.push(b);
      size += b.length;
    }
  } catch (e) {
    // A gzip stream cut short by the size cap ends with an error; keep what was read.
    if (!tolerateTruncation) throw e;
    cut = true;
  }
  return { bytes: Buffer.concat(chunks, size), cut };
}
