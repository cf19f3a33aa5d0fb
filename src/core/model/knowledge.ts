import type { SemVer } from 'semver';
import type { Fleet } from './fleet.ts';

/** The loaded, validated knowledge: what every part of the core reads. */

export type Scheme = 'minor' | 'single';
export type LineStatus = 'affected' | 'fixed' | 'not-affected';

export interface Toolchain {
  go: string;
  from: SemVer;
  to: SemVer;
}

export interface Product {
  id: string;
  name: string;
  short: string;
  scheme: Scheme;
  /** Known release lines, oldest first. */
  lines: string[];
  aliases: string[];
  /** Aliases that count only next to a word that makes them this product (`cf` → TAS only with "tile", "foundation"…). */
  weakAliases: string[];
  /** Ops Manager product slugs (`cf` = TAS, `p-isolation-segment` = IST). */
  omSlugs: string[];
  /** BOSH release names that carry this product's version (`routing` = routing-release). */
  boshReleases: string[];
  note?: string;
  toolchains: Toolchain[];
}

export type EventKind = 'introduced' | 'fixed' | 'last_affected';

export interface VersionEvent {
  kind: EventKind;
  version: SemVer;
  /** Why this value is inferred; absent when the article states it. */
  inferred?: string;
  note?: string;
}

export interface ProductTable {
  product: string;
  /** Line id -> events in version order. */
  lines: Map<string, VersionEvent[]>;
  newer?: { status: LineStatus; inferred?: string; note?: string };
  condition?: string;
  note?: string;
}

export interface LocationRange {
  line: number;
  from: SemVer;
  to: SemVer;
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
  affected: Map<string, ProductTable>;
  signatures: Signature[];
  logLines: string[];
  links: { title: string; url: string }[];
  /** Where it was loaded from, relative to the knowledge folder. */
  source: string;
}

export interface Knowledge {
  products: Product[];
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
