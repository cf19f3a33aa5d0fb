import { queryTerms, type QueryTerm } from './query-terms.ts';
import { FIELDS, type SearchIndex } from './search-index.ts';
import type { Article } from '../model/knowledge.ts';
import type { MatchedTerm, SearchHit } from '../model/search.ts';

export interface SearchOptions {
  /** Most hits returned (default 5). */
  limit?: number;
}

/** A hit scoring below this share of the best one is noise. */
const RELATIVE_CUTOFF = 0.25;
/** A hit matching less of the query's information than this is not returned at all ("nothing fits"). */
export const RELEVANCE_FLOOR = 0.5;
/** From here on a hit is an answer, below it a weak best guess. */
export const CONFIDENT_RELEVANCE = 0.75;
/** A correction counts for less than the word itself: in the score, and in relevance (a correction may be wrong). */
const TYPO_BOOST = 0.5;
const TYPO_CREDIT = 0.75;
/** A query needs at least this much information (in specificity: one word only one article has) to be relevant. */
const MIN_INFORMATION = 1;
/** A confident hit also matches at least this much (a word only it has, or more less specific ones). */
const CONFIDENT_MATCHED = 1;

/**
 * Full-text search over the articles: the query's words (typos corrected only
 * for words the index lacks) are scored with lunr's BM25 weights, summed over
 * fields, into one buffer per index, so a query costs one addition per
 * posting of its words and allocates only its few hits. Then every hit gets
 * an absolute relevance (see SearchHit) and those below RELEVANCE_FLOOR are
 * dropped: "kubernetes etcd quorum" or a Java stack trace finds nothing
 * rather than the least bad article.
 */
export function searchArticles(index: SearchIndex, articles: ReadonlyMap<string, Article>, text: string, options: SearchOptions | number = {}): SearchHit[] {
  const limit = typeof options === 'number' ? options : (options.limit ?? 5);
  const terms = queryTerms(index, text);
  if (!terms.some((t) => t.variants.length > 0) || limit <= 0) return [];
  const top = topDocs(index, terms, limit * 4);
  const best = top[0]?.score ?? 0;
  const information = Math.max(MIN_INFORMATION, terms.reduce((s, t) => s + t.weight, 0));
  const hits: SearchHit[] = [];
  for (const { doc, score } of top) {
    if (score < best * RELATIVE_CUTOFF) break;
    const article = articles.get(index.refs[doc] as string);
    if (!article) continue;
    const matchedTerms = matched(index, terms, doc);
    const got = matchedTerms.reduce((s, m) => s + (terms.find((t) => t.word === m.term)?.weight ?? 0) * (m.typo ? TYPO_CREDIT : 1), 0);
    const relevance = Math.round((got / information) * 100) / 100;
    // A correction alone never selects an article ("range" is one letter from "hang").
    if (relevance < RELEVANCE_FLOOR || matchedTerms.every((m) => m.typo)) continue;
    const confident = relevance >= CONFIDENT_RELEVANCE && got >= CONFIDENT_MATCHED;
    hits.push({ id: article.id, title: article.title, score, relevance, confident, matchedTerms });
    if (hits.length >= limit) break;
  }
  // Scores relative to the best hit returned (one under the floor is not the best).
  const first = hits[0]?.score ?? 1;
  return hits.map((h) => ({ ...h, score: Math.round((h.score / first) * 100) / 100 }));
}

/** The `k` best documents by summed BM25 weight, best first. */
function topDocs(index: SearchIndex, terms: QueryTerm[], k: number): { doc: number; score: number }[] {
  const { score, touched, mark } = index.scratch;
  let count = 0;
  for (const t of terms) {
    for (const v of t.variants) {
      const boost = v.typo ? TYPO_BOOST : 1;
      for (let f = 0; f < FIELDS.length; f++) {
        const [start, end] = index.span(v.id, f);
        for (let p = start; p < end; p++) {
          const d = index.docs[p] as number;
          if (mark[d] === 0) {
            mark[d] = 1;
            touched[count++] = d;
          }
          score[d] = (score[d] as number) + (index.weights[p] as number) * boost;
        }
      }
    }
  }
  // Keep the k best in a small sorted array, then clear the buffers for the next query.
  const best: { doc: number; score: number }[] = [];
  for (let i = 0; i < count; i++) {
    const d = touched[i] as number;
    const s = score[d] as number;
    score[d] = 0;
    mark[d] = 0;
    if (best.length === k && s <= (best[k - 1] as { score: number }).score) continue;
    let at = best.length;
    while (at > 0 && ((best[at - 1] as { score: number; doc: number }).score < s || ((best[at - 1] as { score: number }).score === s && (best[at - 1] as { doc: number }).doc > d))) at--;
    best.splice(at, 0, { doc: d, score: s });
    if (best.length > k) best.pop();
  }
  return best;
}

/** Which query words a document matched, in which fields. */
function matched(index: SearchIndex, terms: QueryTerm[], doc: number): MatchedTerm[] {
  const out: MatchedTerm[] = [];
  for (const t of terms) {
    for (const v of t.variants) {
      const fields = FIELDS.filter((_, f) => index.weightOf(v.id, f, doc) > 0);
      if (fields.length > 0) {
        out.push({ term: t.word, matched: v.term, fields: [...fields], typo: v.typo, specificity: Math.round(t.specificity * 100) / 100 });
        break;
      }
    }
  }
  return out;
}

export type { MatchedTerm, SearchHit } from '../model/search.ts';
