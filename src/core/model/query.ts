import type { SemVer } from 'semver';
import type { Crash, TextSource } from './crash.ts';
import type { TraceMatch } from './answer.ts';

/**
 * What a question asks, parsed once at the edge of the core. Adapters (Slack,
 * CLI, playground) turn what they receive into plain text and hand it to
 * `parseQuery`, or build a Query directly (`kb-bot check tas 2.13.20`).
 * `answer(kb, query, conversation)` answers it.
 */

/** A version as people write it: one version, a release line, or an inclusive range. */
export type VersionSpec =
  | { kind: 'full'; version: SemVer; text: string }
  | { kind: 'line'; line: string; text: string }
  | { kind: 'range'; from: SemVer; to: SemVer; text: string };

export interface VersionAsk {
  /** A product id; null for a bare version, answered for every product that has its line. */
  product: string | null;
  spec: VersionSpec;
  /** The product came from the conversation, not the question ("what about 3.0.12?"). */
  fromContext?: boolean;
}

/** What the asker wants to know besides verdicts; a question may want several. */
export type Want = 'fix' | 'mitigation' | 'summary' | 'cause' | 'exposure';

export type QueryKind =
  /** A question, a paste, or both: everything that is not one of the commands below. */
  | 'ask'
  /** An explicit search (`/kb search …`, `kb-bot search`): articles only. */
  | 'search'
  | 'list'
  | 'help';

export interface Query {
  kind: QueryKind;
  /** The question as understood: plain text, whitespace collapsed, without a pasted trace. */
  text: string;
  /** Articles named by id or alias ("KB 298398", "CVE-2024-22279"), resolved. */
  articles: string[];
  /** Ids that look like article numbers but are not in the knowledge ("KB 123456"). */
  unknownArticles: string[];
  /** Products named with no version of their own ("and IST?"). */
  products: string[];
  versions: VersionAsk[];
  wants: Want[];
  /** Versions of other software ("haproxy 2.8.3"): never product verdicts. */
  otherSoftware: { name: string; version: string }[];
  /** Words that can describe an issue (intent words, names and versions taken out). */
  terms: string[];
  /** The pasted crashes and log lines, when the input holds any. */
  paste: Paste | null;
  /** Foundations named, for fleet questions ("is prod-east affected?"). */
  foundations: string[];
}

/** What was found in a paste or file: Go crashes and the text around them. */
export interface Paste {
  crashes: Crash[];
  /** Bytes scanned when the input was too big to parse whole. */
  scannedBytes?: number;
  /** More crash sites than were read. */
  capped?: boolean;
  /** No crash header was found; excerpts come from known frames. */
  headerless?: boolean;
  /** The articles' log lines found in it (kind "log"). */
  logs: TraceMatch[];
  /** The parts the text was joined from (a message and its files): evidence names the file and its own line. */
  sources?: TextSource[];
}

/** What a thread is about, remembered between replies (in the store, per thread). */
export interface Conversation {
  /** Articles the bot was sure of (a match, a named article, a confirmed pick), newest first. */
  articles: string[];
  /** Products asked about, newest first. */
  products: string[];
  /** Versions asked about, with their product. */
  versions: { product: string | null; version: string }[];
}

export const EMPTY_CONVERSATION: Conversation = { articles: [], products: [], versions: [] };
