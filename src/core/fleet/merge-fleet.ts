import { buildFoundation } from '../knowledge/build-fleet.ts';
import { foundationDigest } from './foundation-data.ts';
import type { Product } from '../model/knowledge.ts';
import type { Fleet, Foundation, FoundationData } from '../model/fleet.ts';

/** A foundation stored from Slack, on top of the fleet file. */
export interface StoredFoundation {
  name: string;
  data: FoundationData;
  /** `foundationDigest` of the file's foundation of that name when it was stored. */
  base: string;
  by?: string;
  at?: string;
}

/**
 * The fleet in effect: the file's foundations, with the ones stored from
 * Slack on top. The file is the reviewed source of truth: a stored
 * foundation counts only while the file's entry is the one it was stored
 * against; once the file's entry changes (the inventory was committed, or
 * someone edited it), the stored copy is `stale`. Pure.
 */
export function mergeFleet(file: Fleet | undefined, stored: readonly StoredFoundation[], products: Map<string, Product>): { fleet: Fleet; stale: string[]; invalid: string[] } {
  const foundations: Foundation[] = [...(file?.foundations ?? [])];
  const stale: string[] = [];
  const invalid: string[] = [];
  for (const s of [...stored].sort((a, b) => a.name.localeCompare(b.name))) {
    const i = foundations.findIndex((f) => f.name === s.name);
    const inFile = file?.foundations.find((f) => f.name === s.name);
    if (foundationDigest(inFile) !== s.base) {
      stale.push(s.name);
      continue;
    }
    const { foundation } = buildFoundation('store', s.name, s.data, products);
    if (!foundation) {
      invalid.push(s.name);
      continue;
    }
    if (i >= 0) foundations[i] = foundation;
    else foundations.push(foundation);
  }
  return { fleet: { foundations }, stale, invalid };
}
