import { TTL, type Bot } from './bot.ts';

const EXPIRED = 'This answer has expired; ask again with /kb.';

/**
 * The /kb answer a "Share in channel" click may post: only the asker's, in
 * the channel where it was asked, and only once (a second click, or a
 * replayed one, finds it taken). Anything else gets a sentence to say why.
 */
export async function takeShare(bot: Bot, id: unknown, user: string | undefined, channel: string | undefined): Promise<{ text: string } | { refusal: string }> {
  if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id) || !channel) return { refusal: EXPIRED };
  const raw = await bot.store.get(`share:${id}`);
  const saved = parseSaved(raw);
  if (!saved || typeof saved.text !== 'string') return { refusal: EXPIRED };
  if (saved.user !== user || (saved.channel !== undefined && saved.channel !== channel)) {
    return { refusal: 'Only the person who asked can share this answer, in the channel where it was asked.' };
  }
  if (!(await bot.store.claim(`shared:${id}`, TTL.share))) return { refusal: 'This answer is already shared in the channel.' };
  return { text: saved.text };
}

function parseSaved(raw: string | null): { text?: unknown; user?: unknown; channel?: unknown } | null {
  try {
    const v: unknown = raw ? JSON.parse(raw) : null;
    return typeof v === 'object' && v !== null ? (v as { text?: unknown; user?: unknown; channel?: unknown }) : null;
  } catch {
    return null;
  }
}
