import { readJsonInventory } from './read-json-inventory.ts';
import { readTableInventory } from './read-table-inventory.ts';
import { MAX_INVENTORY_CHARS, type InventoryRead } from './inventory.ts';

/**
 * Reads an inventory as operators paste it — `om deployed-products --format
 * json`, `om diagnostic-report`, `bosh deployments --json` (or their tables,
 * `om curl -p /api/v0/deployed/products`, `bosh releases --json`) — detected
 * from the content; code fences, the command line and bosh's "Using
 * environment…" lines around it are fine. Pure; never throws.
 */
export function readInventory(raw: string): InventoryRead {
  if (raw.length > MAX_INVENTORY_CHARS) {
    return { ok: false, error: `the inventory is ${mb(raw.length)}; kb-bot reads inventories of at most ${mb(MAX_INVENTORY_CHARS)} (om and bosh print a few KB)` };
  }
  // Code fences go wherever they are: Slack pastes put ``` right against the JSON.
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/```(?:json|yaml|text|txt|console|shell|sh)?/gi, '\n').trim();
  if (text === '') return { ok: false, error: 'the inventory is empty: paste the output of `om deployed-products --format json` or `bosh deployments --json`' };
  // JSON starts on a line of its own (after "$ om …" or "Using environment…" lines), else at the first bracket.
  const start = /^[ \t]*[[{]/m.exec(text) ?? /[[{]/.exec(text);
  if (start) return readJsonInventory(text.slice(start.index));
  return readTableInventory(text) ?? {
    ok: false,
    error: 'this is not an inventory kb-bot can read: paste the output of `om deployed-products --format json`, `om diagnostic-report` or `bosh deployments --json`',
  };
}

function mb(chars: number): string {
  return chars >= 1024 * 1024 ? `${(chars / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(chars / 1024)} KB`;
}
