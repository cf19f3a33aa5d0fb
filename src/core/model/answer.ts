/** The one answer the core gives for any input; every adapter renders it. */

export type Intent = 'version' | 'trace' | 'search' | 'help' | 'list' | 'none';
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
}
