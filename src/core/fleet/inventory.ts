/** What an inventory paste holds, before the catalog maps it to products. */

import type { InventoryFormat } from '../model/fleet.ts';

export type { InventoryFormat } from '../model/fleet.ts';

export interface InventoryEntry {
  /** An Ops Manager tile (by slug) or a BOSH release (by release name). */
  kind: 'tile' | 'release';
  name: string;
  version: string;
  /** Where it was listed: a BOSH deployment. */
  where?: string;
}

export type InventoryRead =
  | { ok: true; format: InventoryFormat; entries: InventoryEntry[]; skipped: string[]; notes: string[] }
  | { ok: false; error: string };

/** om and bosh print a few kilobytes; anything far bigger is not an inventory. */
export const MAX_INVENTORY_CHARS = 4 * 1024 * 1024;
export const MAX_INVENTORY_ENTRIES = 20_000;

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
