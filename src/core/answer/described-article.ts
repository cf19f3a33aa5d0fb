import { searchArticles, type SearchHit } from '../search/search-articles.ts';
import type { Prepared } from './prepare.ts';

/**
 * The article a question describes ("…the concurrent map writes crash?"),
 * when the description is specific: a confident search hit (above the
 * absolute floor, clearly ahead of the runner-up) that matches at least two
 * of the question's distinctive words, or one in the article's title or tags.
 * Generic words (exposed, affected, fix, version, issue…) were taken out of
 * the terms already, so they never select an article by themselves.
 */
export function describedArticle(kb: Prepared, terms: readonly string[]): { id: string; hits: SearchHit[] } | { id: null; hits: SearchHit[] } {
  if (terms.length === 0) return { id: null, hits: [] };
  const hits = searchArticles(kb.index, kb.articles, terms.join(' '));
  const top = hits[0];
  // Confident (absolute) and clearly ahead of the runner-up (relative).
  if (!top || !top.confident || (hits[1]?.score ?? 0) > 0.6) return { id: null, hits };
  const distinct = new Set(top.matchedTerms.map((m) => m.term));
  const inHead = top.matchedTerms.some((m) => m.fields.includes('head'));
  return distinct.size >= 2 || (distinct.size === 1 && inHead) ? { id: top.id, hits } : { id: null, hits };
}
