import { Gauge } from 'prom-client';
import { noteGap } from './knowledge-gaps.ts';
import type { Bot } from './bot.ts';

export type Vote = 'up' | 'down';

export interface VoteInput {
  /** The answer voted on: its channel and message ts (one answer can cover several articles). */
  answer: string;
  article: string;
  intent: string;
  user: string;
  vote: Vote;
}

/** What a click did: a first vote, a changed vote, or the same vote again (nothing changes). */
export type VoteResult = 'new' | 'changed' | 'same';

/** A vote is remembered as long as anyone would click an old answer's buttons. */
const VOTE_TTL = 90 * 24 * 60 * 60 * 1000;
const COUNT_TTL = 365 * 24 * 60 * 60 * 1000;
export const METRIC = 'kb_feedback_people';

/**
 * One vote per user per answer and article; a second click changes it. The
 * per-article counts (people, not clicks) live in the store, so every replica
 * counts the same people. The previous vote is swapped out in one step, so
 * two quick clicks on two replicas still count one person once.
 */
export async function recordVote(bot: Bot, v: VoteInput): Promise<VoteResult> {
  const before = (await bot.store.swap(`vote:${v.answer}:${v.article}:${v.user}`, v.vote, VOTE_TTL)) as Vote | null;
  if (before === v.vote) return 'same';
  await bot.store.rank(`feedback:${v.vote}`, v.article, 1, COUNT_TTL);
  if (before) await bot.store.rank(`feedback:${before}`, v.article, -1, COUNT_TTL);
  const member = `${v.article}:${v.intent}`;
  if (v.vote === 'down') await noteGap(bot, 'downvoted', member, 1);
  if (before === 'down') await noteGap(bot, 'downvoted', member, -1);
  return before ? 'changed' : 'new';
}

/**
 * `kb_feedback_people{article,vote}`: how many people's current vote on an
 * answer about the article is up or down, read from the store at each scrape
 * (every replica reports the same numbers: use max(), not sum(), across them).
 */
export function registerFeedbackMetric(bot: Bot): void {
  if (bot.metrics.registry.getSingleMetric(METRIC)) return;
  const gauge: Gauge<'article' | 'vote'> = new Gauge({
    name: METRIC,
    help: "People whose current vote on an answer about the article is up or down (from the shared store; the same on every replica)",
    labelNames: ['article', 'vote'],
    registers: [bot.metrics.registry],
    async collect() {
      gauge.reset();
      for (const vote of ['up', 'down'] as const) {
        for (const { member, score } of await bot.store.top(`feedback:${vote}`, 1000)) gauge.set({ article: member, vote }, Math.max(0, score));
      }
    },
  });
}
