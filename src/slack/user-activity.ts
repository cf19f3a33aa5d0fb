import type { Answer } from '../core/model/answer.ts';
import type { Bot } from './bot.ts';

export interface ActivityEntry {
  /** ISO time of the answer. */
  at: string;
  /** What kb-bot answered, in its own words: never the question's text. */
  what: string;
}

const KEPT = 10;
const TTL = 30 * 24 * 60 * 60 * 1000;
const VIA: Record<string, string> = { command: '/kb', mention: 'mention', dm: 'DM', shortcut: 'message shortcut', share: 'shared answer', example: 'example', passive: 'crash in a channel' };

/** Remembers what kb-bot answered one user, for their own App Home (per user, in the store, for a month). */
export async function recordActivity(bot: Bot, user: string, via: string, a: Answer, now = Date.now()): Promise<void> {
  const entry: ActivityEntry = { at: new Date(now).toISOString(), what: `${VIA[via] ?? via}: ${summary(bot, a)}` };
  await bot.store.push(`activity:${user}`, JSON.stringify(entry), KEPT, TTL);
}

/** One user's recent answers, newest first. */
export async function readActivity(bot: Bot, user: string): Promise<ActivityEntry[]> {
  const out: ActivityEntry[] = [];
  for (const raw of await bot.store.list(`activity:${user}`)) {
    try {
      const e = JSON.parse(raw) as ActivityEntry;
      if (typeof e.at === 'string' && typeof e.what === 'string') out.push(e);
    } catch {
      // A value from another version of kb-bot: skipped.
    }
  }
  return out;
}

/** The answer in a few words: the matched crash, the versions, the articles found, or nothing. */
function summary(bot: Bot, a: Answer): string {
  const top = a.traces.find((t) => t.level !== 'partial');
  if (top) return `crash → KB ${top.article} (${top.level} match)`;
  const kb = bot.kb();
  const versions = [...new Set(a.versions.map((v) => `${kb.products.get(v.product)?.short ?? v.product} ${v.version}`))];
  if (versions.length > 0) return `versions of ${versions.slice(0, 3).join(', ')}${versions.length > 3 ? '…' : ''}`;
  if (a.intent === 'trace') return 'a crash no article matches';
  if (a.intent === 'help' || a.intent === 'list') return a.intent;
  if (a.articles.length > 0) return `found ${a.articles.slice(0, 3).map((h) => `KB ${h.id}`).join(', ')}`;
  return 'found nothing';
}
