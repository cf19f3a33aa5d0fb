import lunr from 'lunr';
import { searchTokens } from './search-tokens.ts';
import type { ArticleHit } from '../model/answer.ts';
import type { Article } from '../model/knowledge.ts';

/** Results scoring below this share of the best one are dropped as noise. */
const RELATIVE_CUTOFF = 0.25;

/**
 * Searches with the project's own tokens through `index.query`, never
 * `index.search(text)` (which parses `: ~ ^ + - *` as syntax and throws on
 * pasted logs). Exact terms first; terms with one typo only when exact terms
 * find nothing.
 */
export function searchArticles(index: lunr.Index, articles: ReadonlyMap<string, Article>, text: string, limit = 5): ArticleHit[] {
  const tokens = searchTokens(text);
  if (tokens.length === 0) return [];
  let results = run(index, tokens, false);
  if (results.length === 0) results = run(index, tokens, true);
  const top = results[0]?.score ?? 0;
  return results
    .filter((r) => r.score >= top * RELATIVE_CUTOFF)
    .slice(0, limit)
    .flatMap((r) => {
      const a = articles.get(r.ref);
      return a ? [{ id: a.id, title: a.title, score: Math.round((r.score / top) * 100) / 100 }] : [];
    });
}

function run(index: lunr.Index, tokens: string[], fuzzy: boolean): lunr.Index.Result[] {
  return index.query((q) => {
    for (const t of tokens) {
      q.term(t, { presence: lunr.Query.presence.OPTIONAL, usePipeline: true });
      if (fuzzy && t.length >= 5) q.term(t, { editDistance: 1, usePipeline: false, boost: 0.5 });
    }
  });
}
