/** The fields every article is indexed under, in this order; see build-search-index.ts. */
export const FIELDS = ['head', 'body'] as const;
export type Field = (typeof FIELDS)[number];

/** The arrays a SearchIndex is made of: what the cache stores, byte for byte. */
export interface SearchIndexParts {
  /** Article id per document number. */
  refs: string[];
  /** Index terms (stemmed words), sorted. */
  terms: string[];
  /** Documents holding each term, in any field. */
  df: Int32Array;
  /** Postings of term t in field f are docs/weights[offsets[t*F+f] .. offsets[t*F+f+1]). */
  offsets: Int32Array;
  /** Document numbers, ascending within each (term, field). */
  docs: Int32Array;
  /** lunr's BM25 weight of the term in that document's field, the field's boost included. */
  weights: Float32Array;
  /** The words of the articles as written (lower-cased), sorted: where a typo of an unstemmed word is looked up. */
  surface: string[];
  /** The term each surface word became (index into `terms`); -1 when the pipeline dropped it. */
  surfaceTerms: Int32Array;
}

/**
 * The search index, held compactly: lunr builds it (tokenizer, stop words,
 * stemmer, BM25 weights per field, see build-search-index.ts), and its
 * postings are kept as typed arrays — a few bytes per (term, document, field)
 * instead of lunr's object per posting and vector per document field, so
 * 20,000 articles take tens of MB, load from the cache without parsing, and a
 * query allocates almost nothing. Immutable once made.
 */
export class SearchIndex {
  readonly refs: readonly string[];
  readonly terms: readonly string[];
  readonly df: Int32Array;
  readonly offsets: Int32Array;
  readonly docs: Int32Array;
  readonly weights: Float32Array;
  readonly surface: readonly string[];
  readonly surfaceTerms: Int32Array;
  private readonly ids: Map<string, number>;
  private readonly surfaceIds: Map<string, number>;
  /** The letters index terms are made of: what a typo may be corrected to. */
  readonly alphabet: string;
  /** Scratch space for one query at a time (queries are synchronous). */
  readonly scratch: { score: Float32Array; touched: Int32Array; mark: Uint8Array };

  constructor(parts: SearchIndexParts) {
    this.refs = parts.refs;
    this.terms = parts.terms;
    this.df = parts.df;
    this.offsets = parts.offsets;
    this.docs = parts.docs;
    this.weights = parts.weights;
    this.surface = parts.surface;
    this.surfaceTerms = parts.surfaceTerms;
    if (parts.offsets.length !== parts.terms.length * FIELDS.length + 1 || parts.df.length !== parts.terms.length || parts.docs.length !== parts.weights.length || parts.surface.length !== parts.surfaceTerms.length) {
      throw new Error('search index: the parts do not fit together');
    }
    this.ids = new Map(parts.terms.map((t, i) => [t, i]));
    this.surfaceIds = new Map(parts.surface.map((w, i) => [w, parts.surfaceTerms[i] as number]));
    const chars = new Set<string>();
    for (const t of parts.terms) for (const c of t) if (/\p{L}/u.test(c)) chars.add(c);
    this.alphabet = [...chars].sort().join('');
    const n = parts.refs.length;
    this.scratch = { score: new Float32Array(n), touched: new Int32Array(n), mark: new Uint8Array(n) };
  }

  get docCount(): number {
    return this.refs.length;
  }

  termId(term: string): number | undefined {
    return this.ids.get(term);
  }

  /** The term a word of the articles, as written, became; undefined for a word no article has. */
  termOfWord(word: string): number | undefined {
    const id = this.surfaceIds.get(word);
    return id === undefined || id < 0 ? undefined : id;
  }

  /** [start, end) of the postings of a term in a field. */
  span(termId: number, field: number): [number, number] {
    const k = termId * FIELDS.length + field;
    return [this.offsets[k] as number, this.offsets[k + 1] as number];
  }

  /** The weight of a term in one document's field; 0 when absent. */
  weightOf(termId: number, field: number, doc: number): number {
    let [lo, hi] = this.span(termId, field);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const d = this.docs[mid] as number;
      if (d === doc) return this.weights[mid] as number;
      if (d < doc) lo = mid + 1;
      else hi = mid;
    }
    return 0;
  }

  parts(): SearchIndexParts {
    return { refs: this.refs as string[], terms: this.terms as string[], df: this.df, offsets: this.offsets, docs: this.docs, weights: this.weights, surface: this.surface as string[], surfaceTerms: this.surfaceTerms };
  }
}
