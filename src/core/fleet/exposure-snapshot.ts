import { STATUS_RANK } from './answer-fleet.ts';
import type { FleetAnswer } from '../model/fleet.ts';
import type { Status } from '../model/answer.ts';

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

export function snapshotKey(foundation: string, article: string, product: string): string {
  return JSON.stringify([foundation, article, product]);
}

/** The fleet-wide answer as a snapshot to compare the next one with. Pure. */
export function exposureSnapshot(answer: FleetAnswer): ExposureSnapshot {
  const out: ExposureSnapshot = {};
  for (const f of answer.foundations) {
    for (const e of f.exposures) {
      if (e.status !== 'affected' && e.status !== 'depends') continue;
      const key = snapshotKey(f.name, e.article, e.product);
      const had = out[key];
      if (had && STATUS_RANK[had.status] <= STATUS_RANK[e.status]) continue;
      out[key] = { foundation: f.name, article: e.article, product: e.product, version: e.version, status: e.status, fix: e.fixedIn ? [e.fixedIn] : e.upgradeTo };
    }
  }
  return out;
}
