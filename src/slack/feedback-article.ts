import type { Bot } from './bot.ts';

/**
 * The article a feedback click is about, as a metric label and store key:
 * an article the knowledge has, else "other" — a forged value never becomes
 * a new label (an unbounded set of time series) or a new key.
 */
export function feedbackArticle(bot: Bot, value: unknown): { article: string; intent: string } {
  const [article = '', intent = ''] = typeof value === 'string' ? value.slice(0, 200).split(':') : [];
  return { article: bot.kb().articles.has(article) ? article : 'other', intent: /^[a-z]{1,16}$/.test(intent) ? intent : 'unknown' };
}
