import type { Want } from './query.ts';

/** The one answer the core gives for any input; every adapter renders it, needing nothing else. */

/**
 * What kind of answer it is: verdicts, a crash match, search results, an
 * article's content (its fix, mitigation or summary, for a follow-up such as
 * "how do we mitigate?"), help, the list of articles, or nothing found.
 */
export type Intent = 'version' | 'trace' | 'search' | 'article' | 'help' | 'list' | 'none';
export type Status = 'affected' | 'fixed' | 'not-affected' | 'unknown' | 'depends';
export type Basis = 'stated' | 'inferred';
export type MatchLevel = 'exact' | 'strong' | 'partial';

export interface VersionVerdict {
  article: string;
  product: string;
  version: string;
  status: Status;
  line: string | null;
  fixedIn: string | null;
  upgradeTo: string[];
  basis: Basis;
  condition: string | null;
  reason: string;
  /** Set when the article names the last affected patch but not the first fixed one. */
  lastAffected?: string;
  /**
   * The symptom this row is about, when the article gives its symptoms separate
   * fixes (KB 298173: `double-100-continue`, `access-log-status`); one row per
   * symptom, none hidden. Absent: the verdict covers the whole issue.
   */
  aspect?: string;
}

export interface TraceMatch {
  /** `go`: a Go crash (stack trace); `log`: a log line the article declares. */
  kind?: 'go' | 'log';
  article: string;
  signature: string;
  level: MatchLevel;
  score: number;
  evidence: string[];
  /** The releases the trace's line numbers point to, when the article records them. */
  release?: string;
  /** Where to go from that release, when it is known to be affected. */
  upgradeTo?: string[];
  /** The releases the trace points to are not affected by the article's table (a trace from a fixed release, or from before the issue). */
  releaseStatus?: 'fixed' | 'not-affected';
  /** Facts the trace shows (program, Go version, crash header). */
  facts: string[];
  /**
   * false: the matched log line is generic ("Bad credentials"): answer it when
   * asked, never reply to it unasked. Absent on Go crashes (the level decides).
   */
  specific?: boolean;
}

export interface ArticleHit {
  id: string;
  title: string;
  score: number;
  /** A best guess, not a confident match: shown as one. */
  weak?: boolean;
}

/** What a renderer needs to show an article, so no renderer needs the knowledge. */
export interface ArticleCard {
  id: string;
  title: string;
  url: string;
  reviewed?: string;
  summary: string;
  mitigation: string[];
  resolution: string;
  /** Why it happens (the article's cause), for "what's the root cause?". */
  cause: string;
  /** Product ids the article's table covers. */
  products: string[];
  /** Some line ends fixed by a stated event. */
  hasFix: boolean;
  /** No stated fix, but one the project inferred (the release after a stated range). */
  inferredFix: boolean;
  /** Symptoms with their own fixes (a verdict's `aspect` names one of them). */
  aspects: { id: string; title: string }[];
}

/** Where an article's fix is, per product and release line: what an operator installs. */
export interface FixLine {
  article: string;
  product: string;
  line: string;
  /** The patch from which the line stays fixed; null when the line has none. */
  fixedIn: string | null;
  /** Set when the article names only the last affected patch of the line. */
  lastAffected?: string;
  /** This row stands for every line from `line` on: the table says lines newer than its last are fixed. */
  laterLines?: true;
  basis: Basis;
}

export interface ProductName {
  id: string;
  short: string;
  name: string;
  /** A tile operators install (TAS, IST), or a component release inside one (routing-release). */
  kind: 'tile' | 'component';
}

export interface Answer {
  intent: Intent;
  /** The question as understood (cleaned), for display. */
  query: string;
  versions: VersionVerdict[];
  traces: TraceMatch[];
  articles: ArticleHit[];
  /** Crashes found in the input that match no known issue, one line each. */
  unmatched: string[];
  /** Things the reader should know about the input (truncation, unknown names). */
  notices: string[];
  /** What the question wanted besides verdicts (fix, mitigation, summary, exposure). */
  focus: Want[];
  /** The article the answer leads with (a match, a named, described or remembered article), if any. */
  lead: string | null;
  /** Why it leads: a matched crash or log line, named in the question, described by it, or what the thread is about. */
  leadFrom: 'match' | 'named' | 'described' | 'thread' | null;
  /** Every article the answer mentions, in the answer's order. */
  cards: ArticleCard[];
  /** Display names of the products the answer mentions. */
  products: ProductName[];
  /** Example questions from the live knowledge (help). */
  examples: string[];
  /** The fix of the lead and matched articles on every product line (what to install). */
  fixes: FixLine[];
  /** Versions of other software in the question ("haproxy 2.8.3"): no verdict was given for them. */
  otherSoftware: { name: string; version: string }[];
}

/** An article's whole table, line by line: what the "Version table" button shows. */
export interface VersionTable {
  card: ArticleCard;
  products: {
    product: string;
    name: string;
    lines: { line: string; ranges: string[]; inferred: boolean; aspect?: string }[];
    newer?: { status: string; inferred?: string };
    /** What holds for lines the table does not list (between or before listed ones). */
    others?: { status: string; inferred?: string };
    condition?: string;
  }[];
}
