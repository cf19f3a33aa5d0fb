import lunr from 'lunr';
import { FIELDS, SearchIndex } from './search-index.ts';
import type { Article } from '../model/knowledge.ts';

/**
 * Two fields, on purpose: fewer fields is a smaller index and fewer lookups
 * per query term. `head` (title, tags, ids, components) weighs most; `body`
 * holds the prose, log lines and frames.
 */
const BOOST: Record<(typeof FIELDS)[number], number> = { head: 5, body: 1 };

/** The words of an article each field is built from. */
export function searchDocument(a: Article): Record<(typeof FIELDS)[number], string> & { ref: string } {
  return {
    ref: a.id,
    head: [a.title, ...a.tags, a.id, ...a.aliases, ...a.components].join(' '),
    body: [a.summary, ...a.symptoms, a.cause, ...a.logLines, ...a.signatures.flatMap((s) => [s.error ?? '', ...s.frames])].join(' '),
  };
}

/** Splits on anything that is not a letter or digit, so frames and log lines become words (queries split alike). */
export const SEPARATOR = /[^\p{L}\p{N}]+/u;

/** lunr's index over the articles, as lunr builds it (English stop words, stemmer, BM25 per field). */
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

/** The weight lunr stored for a term in a field vector (elements are [termIndex, weight, …], sorted by index). */
function vectorWeight(elements: number[], termIndex: number): number {
  let lo = 0;
  let hi = elements.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const i = elements[mid * 2] as number;
    if (i === termIndex) return elements[mid * 2 + 1] as number;
    if (i < termIndex) lo = mid + 1;
    else hi = mid;
  }
  return 0;
}

/** Builds the full-text index over every article: lunr's, turned into the compact SearchIndex. */
export function buildSearchIndex(articles: readonly Article[]): SearchIndex {
  const lunrIndex = buildLunrIndex(articles) as unknown as LunrInternals;
  const refs = articles.map((a) => a.id);
  const ordinal = new Map(refs.map((r, i) => [r, i]));
  const terms = Object.keys(lunrIndex.invertedIndex).sort();
  const df = new Int32Array(terms.length);
  const offsets = new Int32Array(terms.length * FIELDS.length + 1);
  let total = 0;
  for (const t of terms) for (const f of FIELDS) total += Object.keys(lunrIndex.invertedIndex[t]?.[f] ?? {}).length;
  const docs = new Int32Array(total);
  const weights = new Float32Array(total);
  let at = 0;
  const seen = new Set<number>();
  terms.forEach((term, t) => {
    const posting = lunrIndex.invertedIndex[term] as LunrInternals['invertedIndex'][string];
    seen.clear();
    FIELDS.forEach((field, f) => {
      offsets[t * FIELDS.length + f] = at;
      const inField = Object.keys(posting[field] ?? {})
        .map((ref) => ordinal.get(ref) as number)
        .sort((a, b) => a - b);
      for (const d of inField) {
        docs[at] = d;
        weights[at] = vectorWeight(lunrIndex.fieldVectors[`${field}/${refs[d]}`]?.elements ?? [], posting._index);
        seen.add(d);
        at++;
      }
    });
    df[t] = seen.size;
  });
  offsets[terms.length * FIELDS.length] = at;
  return new SearchIndex({ refs, terms, df, offsets, docs, weights });
}
