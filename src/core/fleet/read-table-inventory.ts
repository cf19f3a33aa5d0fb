import { MAX_INVENTORY_ENTRIES, type InventoryEntry, type InventoryRead } from './inventory.ts';

const OM_HEADER = /^\|\s*NAME\s*\|\s*VERSION\s*\|/i;
const OM_ROW = /^\|\s*([^|\s]+)\s*\|\s*([^|\s]*)\s*\|/;
const BOSH_HEADER = /^Name\s+Release\(s\)\s+Stemcell\(s\)/i;
const RELEASE = /^([a-z0-9][a-z0-9_.-]*)\/(\S+)$/i;

/**
 * The tables om and bosh print without --json: `om deployed-products`
 * (| NAME | VERSION |) and `bosh deployments` (a deployment's releases on
 * the lines under its name). Null when the text is neither.
 */
export function readTableInventory(text: string): InventoryRead | null {
  const lines = text.split('\n');
  const om = lines.findIndex((l) => OM_HEADER.test(l.trim()));
  if (om >= 0) {
    const entries: InventoryEntry[] = [];
    for (const line of lines.slice(om + 1, om + 1 + MAX_INVENTORY_ENTRIES)) {
      const m = OM_ROW.exec(line.trim());
      if (m) entries.push({ kind: 'tile', name: m[1] as string, version: m[2] as string });
    }
    return { ok: true, format: 'om deployed-products table', entries, skipped: [], notes: [] };
  }
  const bosh = lines.findIndex((l) => BOSH_HEADER.test(l.trim()));
  if (bosh < 0) return null;
  const entries: InventoryEntry[] = [];
  let deployment = '';
  for (const line of lines.slice(bosh + 1)) {
    if (line.trim() === '' || /^\d+ deployments?$/.test(line.trim()) || /^Succeeded$/.test(line.trim())) continue;
    const tokens = line.trim().split(/\s+/);
    if (!/^\s/.test(line)) deployment = tokens.shift() ?? deployment;
    for (const t of tokens) {
      const m = RELEASE.exec(t);
      // Stemcells (bosh-…-go_agent/1.351) sit in the next column.
      if (m && !/go_agent|stemcell/i.test(m[1] as string)) entries.push({ kind: 'release', name: m[1] as string, version: m[2] as string, where: deployment });
    }
    if (entries.length >= MAX_INVENTORY_ENTRIES) break;
  }
  return { ok: true, format: 'bosh deployments table', entries, skipped: [], notes: [] };
}
