import { readBoshTables } from './read-bosh-tables.ts';
import { isObject, MAX_INVENTORY_ENTRIES, type InventoryEntry, type InventoryRead } from './inventory.ts';

/** The JSON inventories: om's product lists, om's diagnostic report, bosh's tables. */
export function readJsonInventory(raw: string): InventoryRead {
  // Slack clients with "smart quotes" turn every " into “ or ”.
  const text = !raw.includes('"') && /[“”]/.test(raw) ? raw.replace(/[“”]/g, '"') : raw;
  const end = jsonEnd(text);
  if (end < 0) {
    return { ok: false, error: `the JSON ends before it is complete (cut off after ${text.length.toLocaleString('en-US')} characters): paste or upload the whole output` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text.slice(0, end));
  } catch (e) {
    return { ok: false, error: `the inventory is not valid JSON (${(e as Error).message.split('\n')[0]})` };
  }
  if (Array.isArray(value)) return readProductList(value);
  if (isObject(value) && Array.isArray(value.Tables)) return readBoshTables(value.Tables);
  if (isObject(value) && isObject(value.added_products)) return readDiagnosticReport(value.added_products);
  return {
    ok: false,
    error: 'this JSON is not an inventory kb-bot knows: expected `om deployed-products --format json` (a list of name and version), `om diagnostic-report` (added_products.deployed) or `bosh deployments --json` (Tables)',
  };
}

/** `om deployed-products --format json` ([{name, version}]) or `om curl -p /api/v0/deployed/products` ([{type, product_version}]). */
function readProductList(items: unknown[]): InventoryRead {
  const curl = items.some((i) => isObject(i) && 'product_version' in i);
  const entries: InventoryEntry[] = [];
  const skipped: string[] = [];
  items.slice(0, MAX_INVENTORY_ENTRIES).forEach((item, i) => {
    const name = isObject(item) ? (curl ? item.type : item.name) : undefined;
    const version = isObject(item) ? (curl ? item.product_version : item.version) : undefined;
    if (typeof name !== 'string' || name.trim() === '' || typeof version !== 'string') {
      skipped.push(`item ${i + 1} (${short(item)}): no ${curl ? 'type and product_version' : 'name and version'}`);
      return;
    }
    entries.push({ kind: 'tile', name: name.trim(), version: version.trim() });
  });
  const notes = items.length > MAX_INVENTORY_ENTRIES ? [`only the first ${MAX_INVENTORY_ENTRIES} items were read`] : [];
  return { ok: true, format: curl ? 'om curl deployed products' : 'om deployed-products', entries, skipped, notes };
}

/** `om diagnostic-report`: added_products.deployed[] of {name, version, stemcells}; staged products are not deployed. */
function readDiagnosticReport(added: Record<string, unknown>): InventoryRead {
  if (!Array.isArray(added.deployed)) return { ok: false, error: 'the diagnostic report has no added_products.deployed list' };
  const read = readProductList(added.deployed);
  if (!read.ok) return read;
  const notes = [...read.notes];
  if (Array.isArray(added.staged)) {
    const deployed = new Map(read.entries.map((e) => [e.name, e.version]));
    const pending = added.staged.flatMap((s) => (isObject(s) && typeof s.name === 'string' && typeof s.version === 'string' && deployed.get(s.name) !== s.version ? [`${s.name} ${s.version}`] : []));
    if (pending.length > 0) notes.push(`staged but not deployed yet (not counted): ${pending.join(', ')}`);
  }
  return { ...read, format: 'om diagnostic-report', notes };
}

/** The index just after the first JSON value, or -1 when the text ends inside it. */
function jsonEnd(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) depth++;
    else if (c === 93 || c === 125) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
