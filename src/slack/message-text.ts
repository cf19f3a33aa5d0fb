import { downloadFile, isTextLike, type SlackFile } from './download-file.ts';
import type { TextSource } from '../core/model/crash.ts';
import { slackToPlain } from './slack-to-plain.ts';
import type { Bot } from './bot.ts';

const MAX_FILES = 5;

export interface MessageText {
  /** The message's text (Slack's markup undone) and its files' texts, one after the other. */
  text: string;
  /** Where each part starts in `text`, so evidence names the file and its own line numbers. */
  sources: TextSource[];
  /** What was skipped or cut (files too large, not downloaded). */
  notices: string[];
}

/** Tells the thread what is being read; see withProgress. */
export type Progress = (status: string) => void;

/**
 * A message's text plus the text of its text-like files and snippets, with
 * notices about what was skipped. `progress` hears about each download.
 */
export async function messageText(bot: Bot, text: string, files: SlackFile[], progress: Progress = () => {}): Promise<MessageText> {
  // Slack's markup is undone in the message only: a file's text is what the file holds.
  const parts: { name: string; text: string }[] = [{ name: '', text: plainMessage(text) }];
  const notices: string[] = [];
  for (const f of files.slice(0, MAX_FILES)) {
    if (!isTextLike(f)) continue;
    progress(`is reading ${f.name ?? 'a file'}${f.size ? ` (${sizeOf(Math.min(f.size, bot.fileMaxBytes))}${f.size > bot.fileMaxBytes ? ` of ${sizeOf(f.size)}` : ''})` : ''}…`);
    try {
      const got = await downloadFile(bot, f);
      if ('error' in got) notices.push(got.error);
      else {
        parts.push({ name: got.name, text: got.text });
        if (got.notice) notices.push(got.notice);
      }
    } catch (e) {
      bot.logger.warn({ file: f.id }, 'file download failed', e);
      notices.push(`${f.name ?? 'a file'} could not be downloaded.`);
    }
  }
  if (parts.length > 1) progress(`is looking for known crashes in ${sizeOf(parts.reduce((n, p) => n + Buffer.byteLength(p.text), 0))}…`);
  return { text: parts.map((p) => p.text).join('\n'), sources: sourcesOf(parts), notices };
}

/** The message's own text with Slack's markup undone (files are plain text already). */
function plainMessage(text: string): string {
  return slackToPlain(text);
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
