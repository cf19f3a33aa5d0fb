import lunr from 'lunr';
import { BOOST, SEPARATOR, searchDocument } from '../../src/core/search/build-search-index.ts';
import { FIELDS, SearchIndex } from '../../src/core/search/search-index.ts';
import type { Article } from '../../src/core/model/knowledge.ts';

/**
 * lunr itself, as kb-bot used it before its index was held compactly: the
 * reference the compact index's weights are checked against, and the
 * baseline bench/knowledge-scale compares search with.
 */
export function buildLunrIndex(articles: readonly Article[]): lunr.Index {
  return lunr(function () {
    this.ref('ref');
    for (const name of FIELDS) this.field(name, { boost: BOOST[name] });
    this.tokenizer.separator = SEPARATOR;
    for (const a of articles) this.add(searchDocument(a));
  });
}

interface LunrInternals {
  invertedIndex: Record<string, { _index: number } & Record<string, Record<string, unknown>>>;
  fieldVectors: Record<string, { elements: number[] }>;
}

function vectorWeight(elements: number[], termIndex: number): number {
  for (let i = 0; i < elements.length; i += 2) if (elements[i] === termIndex) return elements[i + 1] as number;
  return 0;
}

/** lunr's index as a SearchIndex: its terms, postings and the weights of its field vectors. */
export function fromLunr(index: lunr.Index, articles: readonly Article[]): SearchIndex {
  const l = index as unknown as LunrInternals;
  const refs = articles.map((a) => a.id);
  const ordinal = new Map(refs.map((r, i) => [r, i]));
  const terms = Object.keys(l.invertedIndex).sort();
  const df = new Int32Array(terms.length);
  const offsets = new Int32Array(terms.length * FIELDS.length + 1);
  const docs: number[] = [];
  const weights: number[] = [];
  terms.forEach((term, t) => {
    const posting = l.invertedIndex[term] as LunrInternals['invertedIndex'][string];
    const seen = new Set<number>();
    FIELDS.forEach((field, f) => {
      offsets[t * FIELDS.length + f] = docs.length;
      for (const d of Object.keys(posting[field] ?? {}).map((r) => ordinal.get(r) as number).sort((a, b) => a - b)) {
        docs.push(d);
        weights.push(vectorWeight(l.fieldVectors[`${field}/${refs[d]}`]?.elements ?? [], posting._index));
        seen.add(d);
      }
    });
    df[t] = seen.size;
  });
  offsets[terms.length * FIELDS.length] = docs.length;
  return new SearchIndex({ refs, terms, df, offsets, docs: Int32Array.from(docs), weights: Float32Array.from(weights), surface: [], surfaceTerms: new Int32Array(0) });
}

/** kb-bot's search before: lunr's Index.query, every word optional, one-edit fuzzy terms only when nothing matched exactly. */
export function lunrSearch(index: lunr.Index, tokens: string[]): { ref: string; score: number }[] {
  const run = (fuzzy: boolean) =>
    index.query((q) => {
      for (const t of tokens) {
        q.term(t, { presence: lunr.Query.presence.OPTIONAL, usePipeline: true });
        if (fuzzy && t.length >= 5) q.term(t, { editDistance: 1, usePipeline: false, boost: 0.5 });
      }
    });
  let results = run(false);
  if (results.length === 0) results = run(true);
  const top = results[0]?.score ?? 0;
  return results.filter((r) => r.score >= top * 0.25).slice(0, 5);
}
