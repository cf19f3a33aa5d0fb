import { downloadFile, isTextLike, type SlackFile } from './download-file.ts';
import type { Bot } from './bot.ts';

/**
 * Undoes Slack's markup on a pasted inventory: `&lt;` `&gt;` `&amp;`, links
 * Slack made of URLs and e-mail addresses (`<http://x|x>`), code fences.
 */
export function slackPasteText(text: string): string {
  return text
    .replace(/<(?:https?|mailto):[^>|]*\|([^>]*)>/g, '$1')
    .replace(/<((?:https?|mailto):[^>|]*)>/g, '$1')
    .replace(/&(lt|gt|amp);/g, (_, e: string) => (e === 'lt' ? '<' : e === 'gt' ? '>' : '&'));
}

/** Whether text holds something that may be an inventory (JSON, om's or bosh's table). */
export function looksLikeInventory(text: string): boolean {
  // JSON from om or bosh (it starts with [ or { and names products or releases), or their tables —
  // not a crash ("goroutine 1 [running]:") or a JSON log line that happens to hold a bracket.
  const json = /^\s*(?:```\s*)?[[{]/.test(text) && /"(?:name|version|release_s|Tables|added_products|product_version|installation_name)"\s*:/.test(text);
  return json || /\|\s*NAME\s*\|/i.test(text) || /Release\(s\)/.test(text);
}

/**
 * The inventory of a message: its first text-like uploaded file, else the
 * pasted text. A file cut at the download cap is refused, not half-read.
 */
export async function inventoryFromSlack(bot: Bot, text: string, files: readonly SlackFile[]): Promise<{ text: string; from: string } | { error: string }> {
  const file = files.find(isTextLike) ?? files[0];
  if (!file) return { text: slackPasteText(text), from: 'the paste' };
  try {
    const got = await downloadFile(bot, file);
    if ('error' in got) return { error: got.error };
    if (got.notice || !('text' in got)) return { error: `${got.notice ?? `${got.name} is larger than an inventory.`} An inventory is a few KB: upload the output of om or bosh itself` };
    return { text: got.text, from: got.name };
  } catch (e) {
    bot.logger.warn({ code: 'KB_FLEET', file: file.id }, 'inventory download failed', e);
    return { error: `${file.name ?? 'the file'} could not be downloaded` };
  }
}
