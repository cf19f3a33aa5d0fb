import type { SemVer } from 'semver';
import type { Basis, Status } from './answer.ts';

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

/** One article's verdict for one of a foundation's products. */
export interface Exposure {
  article: string;
  product: string;
  /** The foundation's version; null when the foundation has no version of the product on record. */
  version: string | null;
  status: Status;
  fixedIn: string | null;
  upgradeTo: string[];
  basis: Basis;
  condition: string | null;
  reason: string;
  /** Set when the article names the last affected patch but not the first fixed one. */
  lastAffected?: string;
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
