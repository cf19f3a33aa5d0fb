import { downloadFile, isTextLike, type SlackFile } from './download-file.ts';
import type { Bot } from './bot.ts';

const MAX_FILES = 5;

/** A message's text plus the text of its text-like files and snippets, with notices about what was skipped. */
export async function messageText(bot: Bot, text: string, files: SlackFile[]): Promise<{ text: string; notices: string[] }> {
  const parts = [text];
  const notices: string[] = [];
  for (const f of files.slice(0, MAX_FILES)) {
    if (!isTextLike(f)) continue;
    try {
      const got = await downloadFile(bot, f);
      if ('error' in got) notices.push(got.error);
      else {
        parts.push(got.text);
        if (got.notice) notices.push(got.notice);
      }
    } catch (e) {
      bot.logger.warn({ file: f.id }, 'file download failed', e);
      notices.push(`${f.name ?? 'a file'} could not be downloaded.`);
    }
  }
  return { text: parts.join('\n'), notices };
}
