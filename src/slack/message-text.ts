import { downloadFile, isTextLike, slackFiles } from './download-file.ts';
import type { TextSource } from '../core/model/crash.ts';
import type { ScanResult } from '../core/traces/scan-stream.ts';
import type { Answer } from '../core/model/answer.ts';
import { slackToPlain } from './slack-to-plain.ts';
import type { Bot } from './bot.ts';

const MAX_FILES = 5;

/** A file too big to parse whole: scanned for crash sites as it downloaded (its excerpts and its first lines). */
export interface ScannedFile {
  name: string;
  scan: ScanResult;
  head: string;
}

export interface MessageText {
  /** The message's text (Slack's markup undone) and its small files' texts, one after the other. */
  text: string;
  /** Where each part starts in `text`, so evidence names the file and its own line numbers. */
  sources: TextSource[];
  /** Files over WHOLE_PARSE_LIMIT, never held whole: read (off the event loop) and answered with `text`. */
  scanned: ScannedFile[];
  /** What was skipped or cut (files too large, too slow, not downloaded). */
  notices: string[];
  /** Files cut at the read limit: how much of each was read, and which notice says so. */
  cut: { name: string; bytes: number; notice: number }[];
}

/** Tells the thread what is being read; see withProgress. */
export type Progress = (status: string) => void;

/**
 * A message's text plus its text-like files and snippets, with notices about
 * what was skipped. Small files are joined to the text (`sources` says where
 * each starts); big ones are streamed through the scanner as they download
 * (`scanned`). Event fields are untrusted: a `text` that is not a string is
 * no text, `files` that are not file objects are no files. `progress` hears
 * about each download.
 */
export async function messageText(bot: Bot, text: unknown, files: unknown, progress: Progress = () => {}): Promise<MessageText> {
  // Slack's markup is undone in the message only: a file's text is what the file holds.
  const parts: { name: string; text: string }[] = [{ name: '', text: slackToPlain(typeof text === 'string' ? text : '') }];
  const scanned: ScannedFile[] = [];
  const notices: string[] = [];
  const cut: MessageText['cut'] = [];
  for (const f of slackFiles(files).slice(0, MAX_FILES)) {
    if (!isTextLike(f)) continue;
    progress(`is reading ${f.name ?? 'a file'}${f.size ? ` (${sizeOf(Math.min(f.size, bot.fileMaxBytes))}${f.size > bot.fileMaxBytes ? ` of ${sizeOf(f.size)}` : ''})` : ''}…`);
    try {
      const got = await downloadFile(bot, f);
      if ('error' in got) notices.push(got.error);
      else {
        if ('text' in got) parts.push({ name: got.name, text: got.text });
        else scanned.push({ name: got.name, scan: got.scan, head: got.head });
        if (got.notice && got.cut !== undefined) cut.push({ name: got.name, bytes: got.cut, notice: notices.length });
        if (got.notice) notices.push(got.notice);
      }
    } catch (e) {
      bot.logger.warn({ file: f.id }, 'file download failed', e);
      notices.push(`${f.name ?? 'a file'} could not be downloaded.`);
    }
  }
  const bytes = parts.reduce((n, p) => n + Buffer.byteLength(p.text), 0) + scanned.reduce((n, s) => n + s.scan.bytes, 0);
  if (parts.length > 1 || scanned.length > 0) progress(`is looking for known crashes in ${sizeOf(bytes)}…`);
  return { text: parts.map((p) => p.text).join('\n'), sources: sourcesOf(parts), scanned, notices, cut };
}

/**
 * The notices of a message's files, for the answer to it. When the answer
 * matched nothing known, a file cut at the read limit says what that means —
 * "No known crash or log line in the first 5.0 MB of mid.log (the rest was
 * not read)" — rather than only where reading stopped.
 */
export function fileNotices(read: Pick<MessageText, 'notices' | 'cut'>, answer: Answer): string[] {
  if (answer.traces.some((t) => t.level !== 'partial')) return read.notices;
  return read.notices.map((n, i) => {
    const c = read.cut.find((x) => x.notice === i);
    return c ? `No known crash or log line in the first ${sizeOf(c.bytes)} of ${c.name} (the rest was not read).` : n;
  });
}

/** Where each part starts once the parts are joined with "\n" (lines counted as the trace finder counts them). */
function sourcesOf(parts: { name: string; text: string }[]): TextSource[] {
  const sources: TextSource[] = [];
  let line = 1;
  let byte = 0;
  for (const p of parts) {
    sources.push({ name: p.name, line, byte });
    line += (p.text.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
    byte += Buffer.byteLength(p.text) + 1;
  }
  return sources;
}

/** "30.2 MB", "512 KB". */
export function sizeOf(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
