import { downloadFile, isTextLike, slackFiles } from './download-file.ts';
import { readInput } from './read-input.ts';
import { mergePastes, type ReadInput } from '../core/query/merge-pastes.ts';
import { slackToPlain } from './slack-to-plain.ts';
import { BUSY, type Bot } from './bot.ts';

const MAX_FILES = 5;

/**
 * A message's text plus its text-like files and snippets, with notices about
 * what was skipped. With no file it is the text itself; with files, each is
 * read on its own (so line numbers are the file's own, and a big file is
 * scanned as it downloads, off the event loop) and merged, with the
 * message's own text (Slack markup undone), into one read input.
 * Event fields are untrusted: a `text` that is not a string is no text,
 * `files` that are not file objects are no files.
 */
export async function messageText(bot: Bot, text: unknown, files: unknown): Promise<{ text: string | ReadInput; notices: string[] }> {
  const own = typeof text === 'string' ? text : '';
  const notices: string[] = [];
  const parts: { read: ReadInput; source?: string }[] = [];
  for (const f of slackFiles(files).slice(0, MAX_FILES)) {
    if (!isTextLike(f)) continue;
    const name = f.name ?? 'a file';
    try {
      const got = await downloadFile(bot, f);
      if ('error' in got) {
        notices.push(got.error);
        continue;
      }
      if (got.notice) notices.push(got.notice);
      parts.push({ read: await readInput(bot, 'text' in got ? got.text : { scan: got.scan, head: got.head, source: got.name }), source: got.name });
    } catch (e) {
      if ((e as { code?: unknown }).code === BUSY) notices.push(`${name} was not read: kb-bot is busy reading other large files; try again in a minute.`);
      else {
        bot.logger.warn({ file: f.id }, 'file download failed', e);
        notices.push(`${name} could not be downloaded.`);
      }
    }
  }
  if (parts.length === 0) return { text: own, notices };
  return { text: mergePastes([{ read: await readInput(bot, slackToPlain(own)) }, ...parts]), notices };
}
