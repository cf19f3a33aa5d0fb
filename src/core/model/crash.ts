/** A Go crash found in a paste: the header(s) and the goroutine that was running. */

export interface Frame {
  /** Normalized function name. */
  fn: string;
  /** 1-based line of the function line in the text. */
  line: number;
  /** The arguments read like a Go traceback's. */
  goArgs: boolean;
  file?: string;
  fileLine?: number;
  truncated: boolean;
}

export interface Crash {
  /** `fatal error: …` / `panic: …` lines, outermost first; empty when the paste has none. */
  headers: string[];
  headerLine: number | null;
  /** Prefix the log shipper put before the header (`… gorouter.stderr.log:`). */
  prefix: string;
  goroutine: { id: string; state: string; line: number } | null;
  frames: Frame[];
  createdBy: string | null;
  elided: boolean;
  /** Character offset of the crash's first line in the text. */
  offset: number;
  /** Where the text came from, for evidence: a file name, or "excerpt at byte 1,234,". */
  source?: string;
}
