import { isObject, MAX_INVENTORY_ENTRIES, type InventoryEntry, type InventoryRead } from './inventory.ts';

/**
 * `bosh deployments --json`: Tables[].Rows[] with `name` and `release_s`
 * (newline-joined `release/version` cells); also `bosh releases --json`,
 * where a `*` marks the versions in use.
 */
export function readBoshTables(tables: unknown[]): InventoryRead {
  const entries: InventoryEntry[] = [];
  const skipped: string[] = [];
  let format: 'bosh deployments' | 'bosh releases' | null = null;
  for (const table of tables) {
    if (!isObject(table) || !Array.isArray(table.Rows)) continue;
    const rows = table.Rows.filter(isObject);
    if (table.Content === 'releases' || (rows[0] && 'commit_hash' in rows[0])) {
      format ??= 'bosh releases';
      for (const row of rows) {
        const name = typeof row.name === 'string' ? row.name.trim() : '';
        const version = typeof row.version === 'string' ? row.version.trim() : '';
        if (name !== '' && version.endsWith('*')) entries.push({ kind: 'release', name, version: version.slice(0, -1) });
      }
      continue;
    }
    if (!rows.some((r) => 'release_s' in r)) continue;
    format ??= 'bosh deployments';
    rows.forEach((row, i) => {
      const deployment = typeof row.name === 'string' && row.name.trim() !== '' ? row.name.trim() : `row ${i + 1}`;
      if (typeof row.release_s !== 'string') {
        skipped.push(`${deployment}: no release_s cell`);
        return;
      }
      for (const cell of row.release_s.split('\n').map((c) => c.trim()).filter((c) => c !== '')) {
        const slash = cell.lastIndexOf('/');
        if (slash <= 0 || slash === cell.length - 1) {
          skipped.push(`${deployment}: "${cell.slice(0, 80)}" is not release/version`);
          continue;
        }
        entries.push({ kind: 'release', name: cell.slice(0, slash), version: cell.slice(slash + 1), where: deployment });
      }
    });
  }
  if (format === null) return { ok: false, error: 'this bosh output has no deployments table (rows with release_s): paste `bosh deployments --json`' };
  if (format === 'bosh releases' && entries.length === 0) {
    return { ok: false, error: '`bosh releases` marks the versions in use with *, and none is marked: paste `bosh deployments --json` instead' };
  }
  const notes = entries.length > MAX_INVENTORY_ENTRIES ? [`only the first ${MAX_INVENTORY_ENTRIES} releases were read`] : [];
  return { ok: true, format, entries: entries.slice(0, MAX_INVENTORY_ENTRIES), skipped, notes };
}
