import type { SemVer } from 'semver';
import type { Basis, Status, VersionVerdict } from './answer.ts';

/** The foundations a team runs (`knowledge/fleet.yml`, plus what Slack stored), and what they are exposed to. */

/** A deployed version as the fleet records it: `4.0.16+LTS-T` keeps its build metadata, `-build.N` is gone. */
export interface DeployedVersion {
  text: string;
  version: SemVer;
}

export interface Foundation {
  name: string;
  /** A label such as production, staging, lab. */
  environment?: string;
  /** The owner channel: a Slack channel id (C0123ABC) or a #name. */
  channel?: string;
  /** Product id → the versions deployed (several when deployments differ), in file order. */
  products: Map<string, DeployedVersion[]>;
}

export interface Fleet {
  /** In file order. */
  foundations: Foundation[];
}

/**
 * One foundation as plain data: how fleet.yml spells it, how the store keeps
 * it, what an import produces. `products` maps product ids to versions.
 */
export interface FoundationData {
  environment?: string;
  channel?: string;
  products: Record<string, string | string[]>;
}

/** One article's verdict for one of a foundation's products: a version verdict, for the foundation's version. */
export interface Exposure extends Pick<VersionVerdict, 'article' | 'product' | 'status' | 'fixedIn' | 'upgradeTo' | 'basis' | 'condition' | 'reason' | 'lastAffected'> {
  /** The foundation's version; null when the foundation has no version of the product on record. */
  version: string | null;
}

export interface FoundationExposure {
  name: string;
  environment?: string;
  channel?: string;
  products: { product: string; version: string }[];
  /** Worst first. */
  exposures: Exposure[];
}

export interface FleetAnswer {
  /** The one article asked about, or null for every article. */
  article: string | null;
  /** Worst first, then by name. */
  foundations: FoundationExposure[];
  notices: string[];
}

export type InventoryFormat =
  | 'om deployed-products'
  | 'om deployed-products table'
  | 'om curl deployed products'
  | 'om diagnostic-report'
  | 'bosh deployments'
  | 'bosh deployments table'
  | 'bosh releases';

/** The worst verdict of one article for one product of one foundation, as remembered between reloads. */
export interface SnapshotEntry {
  foundation: string;
  article: string;
  product: string;
  version: string | null;
  status: Status;
  /** Where to go: the fix on the line, or the upgrade targets. */
  fix: string[];
}

/**
 * The verdicts a channel is told about — affected and depends — keyed by
 * foundation, article and product. Unknowns are left out: with thousands of
 * articles they are most of the table, and "became unknown" is no call to act.
 */
export type ExposureSnapshot = Record<string, SnapshotEntry>;

export type ChangeKind = 'now-affected' | 'changed' | 'no-longer-affected';

export interface ExposureChange {
  kind: ChangeKind;
  foundation: string;
  article: string;
  product: string;
  before: SnapshotEntry | null;
  after: SnapshotEntry | null;
}

export interface ProductChange {
  product: string;
  /** Empty: the product is new to the foundation. */
  before: string[];
  /** Empty: the import removed it. */
  after: string[];
}

export interface ImportPlan {
  name: string;
  /** Set when nothing may change; says why. */
  error?: string;
  format?: InventoryFormat;
  /** The foundation after the import. */
  data?: FoundationData;
  changes: ProductChange[];
  unchanged: string[];
  /** Per product, what the inventory said (kept as a comment in fleet.yml). */
  sources: Record<string, string>;
  /** Not in the catalog (p-bosh, bpm…). */
  ignored: string[];
  /** Known products with versions that are not versions. */
  bad: string[];
  /** Rows that were not inventory rows. */
  skipped: string[];
  notes: string[];
}
