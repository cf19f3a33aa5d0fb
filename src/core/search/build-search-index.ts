import lunr from 'lunr';
import { FIELDS, SearchIndex } from './search-index.ts';
import type { Article } from '../model/knowledge.ts';

/**
 * Two fields, on purpose: fewer fields is a smaller index and fewer lookups
 * per query term. `head` (title, tags, ids, components) weighs most; `body`
 * holds the prose, log lines and frames.
 */
export const BOOST: Record<(typeof FIELDS)[number], number> = { head: 5, body: 1 };

/** The words of an article each field is built from. */
export function searchDocument(a: Article): Record<(typeof FIELDS)[number], string> & { ref: string } {
  return {
    ref: a.id,
    head: [a.title, ...a.tags, a.id, ...a.aliases, ...a.components].join(' '),
    body: [a.summary, ...a.symptoms, a.cause, ...a.logLines, ...a.signatures.flatMap((s) => [s.error ?? '', ...s.frames])].join(' '),
  };
}

/** Splits on anything that is not a letter or digit, so frames and log lines become words (queries split alike). */
export const SEPARATOR = /[^\p{L}\p{N}]/u;

/** lunr's BM25 parameters (lunr.Builder's defaults). */
const K1 = 1.2;
const B = 0.75;

/** One token through lunr's pipeline — trimmer, English stop words, Porter stemmer; undefined when it is dropped. */
export function pipelineTerm(token: string): string | undefined {
  let t: lunr.Token | undefined = new lunr.Token(token, {});
  t = lunr.trimmer(t) ?? undefined;
  t = t ? (lunr.stopWordFilter(t) ?? undefined) : undefined;
  t = t ? (lunr.stemmer(t) ?? undefined) : undefined;
  return t?.toString();
}

/**
 * A text's index terms, exactly as lunr's builder makes them: lunr's
 * tokenizer (lower case, split on SEPARATOR one UTF-16 unit at a time), then
 * its pipeline.
 */
export function indexTerms(text: string, memo?: Map<string, string | undefined>): string[] {
  const s = text.toLowerCase();
  const out: string[] = [];
  let start = 0;
  for (let end = 0; end <= s.length; end++) {
    if (end === s.length || SEPARATOR.test(s.charAt(end))) {
      if (end > start) {
        const token = s.slice(start, end);
        let t: string | undefined;
        if (memo?.has(token)) t = memo.get(token);
        else {
          t = pipelineTerm(token);
          memo?.set(token, t);
        }
        if (t !== undefined) out.push(t);
      }
      start = end + 1;
    }
  }
  return out;
}

/** Appends to typed arrays, growing them by half as needed (less slack than doubling at millions of postings). */
class Column<T extends Int32Array | Uint32Array | Uint16Array> {
  length = 0;
  constructor(public data: T) {}
  push(x: number): void {
    if (this.length === this.data.length) {
      const bigger = new (this.data.constructor as new (n: number) => T)(Math.ceil(this.data.length * 1.5));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = x;
  }
}

/**
 * Builds the full-text index over every article, with lunr's text pipeline
 * and lunr's BM25 weights (k1 1.2, b 0.75, lunr's idf, field boosts, three
 * decimals), straight into the compact SearchIndex: one pass collecting
 * (term, document, field, frequency) in typed arrays, then a counting sort
 * into postings by term and field, weighted as they are placed. lunr's own
 * Builder holds an object per posting and per document field while it works
 * (over 600 MB at 20,000 articles); this holds 10 bytes per posting.
 * test/search-index.test.ts checks terms, postings and weights against lunr's Builder.
 */
export function buildSearchIndex(articles: readonly Article[]): SearchIndex {
  const n = articles.length;
  const F = FIELDS.length;
  const refs = articles.map((a) => a.id);
  const fieldLengths = FIELDS.map(() => new Int32Array(n));
  const ids = new Map<string, number>();
  const termOf = new Column(new Int32Array(1024));
  const docField = new Column(new Uint32Array(1024));
  const freq = new Column(new Uint16Array(1024));
  const tf = new Map<string, number>();
  // The stemmer is the slow step and words repeat: each distinct word goes through the pipeline once.
  const memo = new Map<string, string | undefined>();
  articles.forEach((a, d) => {
    const doc = searchDocument(a);
    FIELDS.forEach((field, f) => {
      const terms = indexTerms(doc[field], memo);
      (fieldLengths[f] as Int32Array)[d] = terms.length;
      tf.clear();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, count] of tf) {
        let id = ids.get(t);
        if (id === undefined) ids.set(t, (id = ids.size));
        termOf.push(id);
        docField.push(d * F + f);
        freq.push(Math.min(count, 0xffff));
      }
    });
  });
  const terms = [...ids.keys()].sort();
  const rank = new Int32Array(terms.length);
  terms.forEach((t, r) => (rank[ids.get(t) as number] = r));
  const total = termOf.length;
  // Counting sort by (term rank, field); postings arrive in document order, so each slice stays sorted.
  const offsets = new Int32Array(terms.length * F + 1);
  for (let i = 0; i < total; i++) {
    const k = (rank[termOf.data[i] as number] as number) * F + ((docField.data[i] as number) % F) + 1;
    offsets[k] = (offsets[k] as number) + 1;
  }
  for (let k = 1; k < offsets.length; k++) offsets[k] = (offsets[k] as number) + (offsets[k - 1] as number);
  // lunr's idf counts a document once per field holding the term.
  const idf = new Float64Array(terms.length);
  for (let r = 0; r < terms.length; r++) {
    const withTerm = (offsets[(r + 1) * F] as number) - (offsets[r * F] as number);
    idf[r] = Math.log(1 + Math.abs((n - withTerm + 0.5) / (withTerm + 0.5)));
  }
  const avgLength = fieldLengths.map((l) => (n === 0 ? 0 : l.reduce((s, x) => s + x, 0) / n));
  const docs = new Int32Array(total);
  const weights = new Float32Array(total);
  const next = offsets.slice(0, -1);
  for (let i = 0; i < total; i++) {
    const r = rank[termOf.data[i] as number] as number;
    const packed = docField.data[i] as number;
    const d = Math.floor(packed / F);
    const f = packed % F;
    const at = next[r * F + f] as number;
    next[r * F + f] = at + 1;
    const t = freq.data[i] as number;
    const norm = K1 * (1 - B + B * (((fieldLengths[f] as Int32Array)[d] as number) / (avgLength[f] as number))) + t;
    docs[at] = d;
    weights[at] = Math.round((((idf[r] as number) * ((K1 + 1) * t)) / norm) * BOOST[FIELDS[f] as (typeof FIELDS)[number]] * 1000) / 1000;
  }
  // Documents per term in any field.
  const df = new Int32Array(terms.length);
  const seen = new Uint8Array(n);
  for (let r = 0; r < terms.length; r++) {
    const [start, end] = [offsets[r * F] as number, offsets[(r + 1) * F] as number];
    let distinct = 0;
    for (let i = start; i < end; i++) if (seen[docs[i] as number] === 0) (seen[docs[i] as number] = 1), distinct++;
    for (let i = start; i < end; i++) seen[docs[i] as number] = 0;
    df[r] = distinct;
  }
  const surface = [...memo.keys()].sort();
  const surfaceTerms = Int32Array.from(surface, (w) => {
    const t = memo.get(w);
    return t === undefined ? -1 : (rank[ids.get(t) as number] as number);
  });
  return new SearchIndex({ refs, terms, df, offsets, docs, weights, surface, surfaceTerms });
}
