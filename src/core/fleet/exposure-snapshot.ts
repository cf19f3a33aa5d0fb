import { STATUS_RANK } from './answer-fleet.ts';
import type { ExposureSnapshot, FleetAnswer, SnapshotEntry } from '../model/fleet.ts';
import type { Status } from '../model/answer.ts';

export type { SnapshotEntry, ExposureSnapshot } from '../model/fleet.ts';

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
