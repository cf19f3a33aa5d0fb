/** What search says about one article, whichever engine found it. */

/** A query word that an article matched, and where. */
export interface MatchedTerm {
  /** The word as the query has it (lower-cased). */
  term: string;
  /** The index term it matched (stemmed; another word when `typo`). */
  matched: string;
  /** Where: `head` is the title, tags, id, aliases and components; `body` the prose, log lines and frames. */
  fields: ('head' | 'body')[];
  /** Matched only as a one-letter correction ("concurent" → "concurrent"). */
  typo: boolean;
  /** How specific the word is in this knowledge base, 0..1: 1 for a word only one article has, near 0 for one every article has. */
  specificity: number;
}

export interface SearchHit {
  id: string;
  title: string;
  /** Relative to the best hit of the same search, 0..1 (the best is 1). */
  score: number;
  /**
   * Absolute, 0..1, comparable across searches: the share of the query's
   * information (its words weighted by specificity; words the knowledge base
   * has never seen count fully) that this article matches. Hits below the
   * search's floor are never returned.
   */
  relevance: number;
  /** relevance is high enough to present the article as the answer, not as a guess. */
  confident: boolean;
  matchedTerms: MatchedTerm[];
}
