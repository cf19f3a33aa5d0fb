import lunr from 'lunr';
import { searchTokens } from './search-tokens.ts';
import type { Article } from '../model/knowledge.ts';

export interface SearchHit {
  id: string;
  title: string;
  /** Relative to the best hit (1 for the best). */
  score: number;
  /** The engine's absolute score: comparable between queries on one index. */
  relevance: number;
  /** Above the floor and clearly ahead of the runner-up: a guess worth showing as a match. */
  confident: boolean;
  /** Query terms that matched, with the field they matched in. */
  matchedTerms: { term: string; field: string }[];
  /**
   * Share of the query's specific words (those not in most articles, such as
   * "gorouter" in a gorouter knowledge base) that this article matched.
   */
  coverage: number;
}

/** Results scoring below this share of the best one are dropped as noise. */
const RELATIVE_CUTOFF = 0.25;
/** Below this absolute score a hit shares only a common word with the query: nothing fits. */
const RELEVANCE_FLOOR = 2.0;
/** A confident hit is this far ahead of the runner-up. */
const CLEAR_LEAD = 1 / 0.6;
/** A word in at least this share of the articles says nothing about which one is meant. */
const COMMON_SHARE = 0.5;
/** A hit must match this share of the query's specific words to count at all; a confident one, more. */
const MIN_COVERAGE = 0.5;
const CONFIDENT_COVERAGE = 0.5;

/**
 * Searches with the project's own tokens through `index.query`, never
 * `index.search(text)` (which parses `: ~ ^ + - *` as syntax and throws on
 * pasted logs). Exact terms first; terms with one typo only when exact terms
 * find nothing. Returns nothing when nothing fits (absolute floor).
 */
export function searchArticles(index: lunr.Index, articles: ReadonlyMap<string, Article>, text: string, limit = 5): SearchHit[] {
  const tokens = searchTokens(text);
  if (tokens.length === 0) return [];
  let results = run(index, tokens, false);
  if (results.length === 0) results = run(index, tokens, true);
  const specific = specificStems(index, tokens, articles.size);
  const coverageOf = (r: lunr.Index.Result) => (specific.size === 0 ? 0 : [...specific].filter((t) => t in r.matchData.metadata).length / specific.size);
  // Nothing fits when no specific word matched, or too few of them, or the score is tiny.
  results = results.filter((r) => r.score >= RELEVANCE_FLOOR && coverageOf(r) >= MIN_COVERAGE);
  const top = results[0]?.score ?? 0;
  const second = results[1]?.score ?? 0;
  return results
    .filter((r) => r.score >= top * RELATIVE_CUTOFF)
    .slice(0, limit)
    .flatMap((r, i) => {
      const a = articles.get(r.ref);
      if (!a) return [];
      const matchedTerms = Object.entries(r.matchData.metadata).flatMap(([term, fields]) => Object.keys(fields).map((field) => ({ term, field })));
      const coverage = Math.round(coverageOf(r) * 100) / 100;
      return [{ id: a.id, title: a.title, score: Math.round((r.score / top) * 100) / 100, relevance: Math.round(r.score * 100) / 100, confident: i === 0 && top >= second * CLEAR_LEAD && coverage >= CONFIDENT_COVERAGE, matchedTerms, coverage }];
    });
}

/** The stems of the query's words that are not in most articles (with a handful of articles, every word counts). */
function specificStems(index: lunr.Index, tokens: string[], articles: number): Set<string> {
  const inverted = (index as unknown as { invertedIndex: Record<string, Record<string, Record<string, unknown>> | undefined> }).invertedIndex;
  const out = new Set<string>();
  for (const t of tokens) {
    const stem = lunr.stemmer(new lunr.Token(t, {})).toString();
    const posting = inverted[stem];
    const docs = posting ? new Set(Object.entries(posting).flatMap(([field, refs]) => (field === '_index' ? [] : Object.keys(refs)))).size : 0;
    if (articles < 4 || docs / articles < COMMON_SHARE) out.add(stem);
  }
  return out;
}

function run(index: lunr.Index, tokens: string[], fuzzy: boolean): lunr.Index.Result[] {
  return index.query((q) => {
    for (const t of tokens) {
      q.term(t, { presence: lunr.Query.presence.OPTIONAL, usePipeline: true });
      if (fuzzy && t.length >= 5) q.term(t, { editDistance: 1, usePipeline: false, boost: 0.5 });
    }
  });
}
