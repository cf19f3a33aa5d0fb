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

/**
 * One part of a text made of several (a message and its uploaded files): its
 * name and where it starts in the whole text, so evidence can say
 * "app.log line 2,002" rather than a line of the joined text.
 */
export interface TextSource {
  /** What to call it in evidence ("app.log"); empty for the message itself. */
  name: string;
  /** 1-based line of the whole text on which this part starts. */
  line: number;
  /** UTF-8 byte offset of the whole text at which this part starts. */
  byte: number;
}
