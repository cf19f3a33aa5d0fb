import type { Answer } from '../core/model/answer.ts';
import type { Ranked } from '../store/memory-store.ts';
import type { Bot } from './bot.ts';

/**
 * What the knowledge lacks, for the people who maintain it:
 * - `unanswered`: questions that found nothing, and crashes no article matches;
 * - `uncovered`: release lines asked about that an article's table leaves out (its verdict is unknown);
 * - `downvoted`: answers people voted 👎 (article and kind of answer).
 */
export type GapKind = 'unanswered' | 'uncovered' | 'downvoted';
export const GAP_KINDS: readonly GapKind[] = ['unanswered', 'uncovered', 'downvoted'];

/** Gaps are counted per week and shown for the last `WEEKS` weeks; older weeks expire from the store. */
export const WEEKS = 4;
const WEEK = 7 * 24 * 60 * 60 * 1000;
export const SHOWN = 5;
/** Said instead of a question's text when it was asked where kb-bot keeps no text (DMs, private channels). */
export const PRIVATE_QUESTION = '(asked privately: the text is not kept)';

export interface GapInput {
  /** The entry point (command, mention, dm, shortcut, share, example). */
  via: string;
  /** Whether the question's text may be kept as an example (a public channel); otherwise only counted. */
  textKept: boolean;
}

export type Gaps = Record<GapKind, Ranked[]>;

/** Adds `by` to one gap in this week's count. */
export async function noteGap(bot: Bot, kind: GapKind, member: string, by = 1, now = Date.now()): Promise<void> {
  await bot.store.rank(`gaps:${kind}:${week(now)}`, member, by, (WEEKS + 1) * WEEK);
}

/** Records what an answer shows the knowledge lacks; passive replies (nobody asked) are not questions. */
export async function recordGaps(bot: Bot, asked: GapInput, a: Answer, now = Date.now()): Promise<void> {
  if (asked.via === 'passive') return;
  if (a.intent === 'none') await noteGap(bot, 'unanswered', asked.textKept ? scrub(a.query) || '(empty question)' : PRIVATE_QUESTION, 1, now);
  if (a.intent === 'trace' && !a.traces.some((t) => t.level !== 'partial')) {
    for (const u of a.unmatched.slice(0, 3)) await noteGap(bot, 'unanswered', `crash: ${scrub(u)}`, 1, now);
  }
  // An unknown verdict is an article whose table leaves out the release line asked about: a line to add.
  const uncovered = new Set(a.versions.filter((v) => v.status === 'unknown').map((v) => `${bot.kb().products.get(v.product)?.short ?? v.product} ${v.line ?? v.version}${UNCOVERED_SEPARATOR}${v.article}`));
  for (const member of uncovered) await noteGap(bot, 'uncovered', member, 1, now);
}

/** Between the release line and the article in an `uncovered` gap ("TAS 2.12|298398"). */
export const UNCOVERED_SEPARATOR = '|';

/** The gaps of the last `WEEKS` weeks, the most frequent first. */
export async function readGaps(bot: Bot, now = Date.now()): Promise<Gaps> {
  const out = {} as Gaps;
  for (const kind of GAP_KINDS) {
    const sums = new Map<string, number>();
    for (let w = week(now) - WEEKS + 1; w <= week(now); w++) {
      for (const { member, score } of await bot.store.top(`gaps:${kind}:${w}`, 100)) sums.set(member, (sums.get(member) ?? 0) + score);
    }
    out[kind] = [...sums.entries()]
      .filter(([, score]) => score > 0)
      .map(([member, score]) => ({ member, score }))
      .sort((a, b) => b.score - a.score || a.member.localeCompare(b.member))
      .slice(0, SHOWN);
  }
  return out;
}

const week = (now: number) => Math.floor(now / WEEK);

/** A question as an example: no mentions, links, addresses or ids; one line, short. */
export function scrub(text: string): string {
  return text
    .replace(/<[@#!][^>]*>/g, '')
    .replace(/<(?:https?|mailto):[^>]*>|\bhttps?:\/\/\S+/gi, '<link>')
    .replace(/\b[\w.+-]+@[\w-]+\.[\w.-]+\b/g, '<email>')
    .replace(/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, '<ip>')
    .replace(/\b(?=[0-9a-f]*\d)[0-9a-f]{12,}\b|\b\d{7,}\b/gi, '<id>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
}
