import { edits1 } from './edits1.ts';
import { searchTokens } from './search-tokens.ts';
import { pipelineTerm } from './build-search-index.ts';
import type { SearchIndex } from './search-index.ts';

/** One index term a query word stands for. */
export interface Variant {
  id: number;
  term: string;
  /** A one-edit correction of the word, not the word itself. */
  typo: boolean;
}

export interface QueryTerm {
  /** The word as typed, lower-cased. */
  word: string;
  /** As the index has it (lunr's pipeline, as at build). */
  stem: string;
  /** The index terms it matches: itself, or up to MAX_TYPOS corrections when the index lacks it; none when unknown. */
  variants: Variant[];
  /** 0..1: how few articles have it (1: one article, or none — a word the knowledge base has never seen). */
  specificity: number;
  /**
   * What the word weighs in relevance: its specificity when the index has it
   * (or a correction of it); for an unknown word, more the longer it is — a
   * long unknown word ("nullpointerexception") is a technical name the
   * knowledge base has nothing about, a short one ("boot") more likely a gap in
   * its vocabulary. Between UNKNOWN_MIN and UNKNOWN_MAX.
   */
  weight: number;
}

const UNKNOWN_MIN = 0.5;
const UNKNOWN_MAX = 2;
/** Letters per unit of weight of an unknown word. */
const UNKNOWN_LETTERS = 6;

/** Shortest word a typo is looked for in; shorter words have too many neighbours. */
const MIN_TYPO_LENGTH = 5;
const MAX_TYPOS = 3;

/** BM25's idf, as lunr computes it. */
function idf(df: number, n: number): number {
  return Math.log(1 + Math.abs((n - df + 0.5) / (df + 0.5)));
}

/** How specific a term is: its idf against that of a term only one article has. */
export function specificity(df: number, n: number): number {
  if (df <= 0) return 1;
  return Math.max(0, Math.min(1, idf(df, n) / idf(1, Math.max(n, 1))));
}

/**
 * The query's words as the index sees them: through lunr's pipeline as the
 * index's words were (stop words out, stemmed), and — only for a word the index lacks, with letters only and
 * at least MIN_TYPO_LENGTH long — its one-edit corrections that the index has,
 * most common first. Known words are never "corrected"; numbers (error codes,
 * versions) never are.
 */
export function queryTerms(index: SearchIndex, text: string): QueryTerm[] {
  const out: QueryTerm[] = [];
  const n = index.docCount;
  for (const word of searchTokens(text)) {
    const stem = pipelineTerm(word);
    if (stem === undefined || stem === '' || out.some((q) => q.stem === stem)) continue;
    const id = index.termId(stem);
    if (id !== undefined) {
      const s = specificity(index.df[id] as number, n);
      out.push({ word, stem, variants: [{ id, term: stem, typo: false }], specificity: s, weight: s });
      continue;
    }
    let variants: Variant[] = [];
    if (word.length >= MIN_TYPO_LENGTH && /^\p{L}+$/u.test(word)) {
      // One edit from the word as typed ("memroy" → memory) or from its stem ("concurent" → concurr).
      const found = new Map<number, Variant>();
      for (const e of edits1(word, index.alphabet)) {
        const v = index.termOfWord(e);
        if (v !== undefined && !found.has(v)) found.set(v, { id: v, term: index.terms[v] as string, typo: true });
      }
      for (const e of edits1(stem, index.alphabet)) {
        const v = index.termId(e);
        if (v !== undefined && !found.has(v)) found.set(v, { id: v, term: e, typo: true });
      }
      variants = [...found.values()].sort((a, b) => (index.df[b.id] as number) - (index.df[a.id] as number)).slice(0, MAX_TYPOS);
    }
    const best = variants[0];
    const s = best ? specificity(index.df[best.id] as number, n) : 1;
    out.push({ word, stem, variants, specificity: s, weight: best ? s : Math.min(UNKNOWN_MAX, Math.max(UNKNOWN_MIN, word.length / UNKNOWN_LETTERS)) });
  }
  return out;
}
