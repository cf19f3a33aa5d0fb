import type { SemVer } from 'semver';
import type { Fleet } from './fleet.ts';

/** The loaded, validated knowledge: what every part of the core reads. */

export type Scheme = 'minor' | 'single';
export type LineStatus = 'affected' | 'fixed' | 'not-affected';

/** A short form of version a product's people write: "v38" (`major`), "0.287" (`major.minor`). */
export type VersionForm = 'major' | 'major.minor';

export interface Toolchain {
  go: string;
  from: SemVer;
  /** Absent: open-ended, "from `from` on" until a source closes it. */
  to?: SemVer;
}

export interface Product {
  id: string;
  name: string;
  short: string;
  scheme: Scheme;
  /** Known release lines, oldest first. A single-line product has one, a label such as "0" or "all". */
  lines: string[];
  /**
   * The majors a single-line product's versions have (routing-release: 0). A
   * version with another major is not this product's; a bare version ("0.270.0")
   * is answered for the product only when its major is listed. Empty: any major,
   * and bare versions are never read as this product's.
   */
  majors: number[];
  /** Short forms people write after the product's name, beyond major.minor.patch. */
  versionForms: VersionForm[];
  aliases: string[];
  /** Aliases that count only next to a word that makes them this product (`cf` → TAS only with "tile", "foundation"…). */
  weakAliases: string[];
  /** Ops Manager product slugs (`cf` = TAS, `p-isolation-segment` = IST). */
  omSlugs: string[];
  /** BOSH release names that carry this product's version (`routing` = routing-release); each is also an alias. */
  boshReleases: string[];
  note?: string;
  toolchains: Toolchain[];
}

/**
 * One step on a release line, oldest first (docs/verdicts.md):
 * - `introduced`: affected from the version on (`first`: from the line's first release);
 * - `introduced_after`: affected from the release after the version on (an exclusive lower bound);
 * - `fixed`: not affected from the version on;
 * - `last_affected`: affected up to and including the version;
 * - `unknown`: from the version on the article cannot say (a vague fix: "check the release notes");
 * - `affected`: exactly this version is affected (enumerated; says nothing about its neighbours);
 * - `stage`: the behaviour changes here but the status does not (its note explains).
 */
export type EventKind = 'introduced' | 'introduced_after' | 'fixed' | 'last_affected' | 'unknown' | 'affected' | 'stage';

export interface VersionEvent {
  kind: EventKind;
  version: SemVer;
  /** `introduced: "0"`: from the first release of the line. */
  first?: boolean;
  /** Why this value is inferred; absent when the article states it. */
  inferred?: string;
  note?: string;
  /** On an introduction: from here the issue applies only when this holds (a stage such as an opt-in). */
  condition?: string;
}

export interface LineRule {
  status: LineStatus;
  inferred?: string;
  note?: string;
}

export interface VersionTable {
  /** Line id -> events in version order. */
  lines: Map<string, VersionEvent[]>;
  /** What holds for lines newer than every listed one. */
  newer?: LineRule;
  /** What holds for every other unlisted line (an article that names exactly the affected versions). */
  others?: LineRule;
  condition?: string;
  note?: string;
}

export interface ProductTable extends VersionTable {
  product: string;
  /**
   * Per symptom (aspect id), where the symptoms of one issue are fixed in
   * different versions. `lines` then holds the issue as a whole (affected while
   * any symptom is), and an aspect without its own table follows `lines`.
   */
  aspects: Map<string, VersionTable>;
}

/** One symptom of an article whose symptoms have their own fixes (KB 298173: the double 100 Continue, the access log). */
export interface Aspect {
  id: string;
  title: string;
  /** Words that make a question about this symptom (for ordering, never for hiding). */
  terms: string[];
}

export interface LocationRange {
  line: number;
  from: SemVer;
  /** Absent: open-ended. */
  to?: SemVer;
}

export interface FrameLocation {
  frame: string;
  file: string;
  product: string;
  lines: LocationRange[];
}

export interface Signature {
  id: string;
  error?: string;
  frames: string[];
  programFrames: string[];
  locations: FrameLocation[];
}

/**
 * One element of a compiled log pattern: literal text, white space (any run),
 * or a typed placeholder. Placeholders are possessive and delimited by
 * literals they cannot contain, so matching never backtracks inside a segment.
 */
export type LogPart =
  | { t: 'text'; text: string }
  | { t: 'space' }
  | { t: 'int' }
  | { t: 'hex' }
  | { t: 'word' }
  | { t: 'ip' }
  | { t: 'guid' };

export interface LogPattern {
  /** As written in the article. */
  source: string;
  /** Runs of parts separated by `{any}`; the pattern may stand anywhere in a line. */
  segments: LogPart[][];
  /** The longest literal run without white space or quotes: found with indexOf before anything is parsed. */
  anchor: string;
  /** Characters of literal text, to weigh a match cut short. */
  literalLength: number;
}

export interface LogSignature {
  id: string;
  /** The whole line as the program writes it. */
  line: LogPattern;
  /** The part of the line that alone is only the closest known issue (the error without its context). */
  core?: LogPattern;
  /** Distinctive enough for an unasked (passive) reply; generic lines ("Bad credentials") are not. */
  specific: boolean;
  /** Where the line is written (`gorouter.stdout.log`, "the app's log"). */
  log?: string;
}

/** An example question with the verdict kb-bot must give; `kb-bot validate` checks it. */
export interface VerdictExample {
  product: string;
  version: string;
  aspect?: string;
  status: LineStatus | 'unknown' | 'depends';
  fixedIn?: string | null;
  basis?: 'stated' | 'inferred';
}

export interface Article {
  id: string;
  title: string;
  url: string;
  reviewed?: string;
  updated?: string;
  draft: boolean;
  aliases: string[];
  components: string[];
  tags: string[];
  summary: string;
  symptoms: string[];
  cause: string;
  mitigation: string[];
  resolution: string;
  aspects: Aspect[];
  affected: Map<string, ProductTable>;
  signatures: Signature[];
  logSignatures: LogSignature[];
  /** Log lines to search for (with the text of the log signatures). */
  logLines: string[];
  links: { title: string; url: string }[];
  examples: VerdictExample[];
  /** Where it was loaded from, relative to the knowledge folder. */
  source: string;
}

export interface Knowledge {
  products: Product[];
  /** Names of other software (catalog `other_software`): their versions are never product versions. */
  otherSoftware: string[];
  articles: Article[];
  /** A short hash of every file's text: which knowledge is live. */
  version: string;
  /** The foundations in fleet.yml (none when the folder has no fleet file). */
  fleet?: Fleet;
}

export interface Problem {
  file: string;
  /** Field path inside the file, e.g. `affected.tas.lines.2.13[1].fixed`. */
  path: string;
  message: string;
  tip?: string;
}
