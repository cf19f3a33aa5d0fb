import { readInventory } from './read-inventory.ts';
import { mapInventory } from './map-inventory.ts';
import { FOUNDATION_NAME } from '../knowledge/build-fleet.ts';
import type { Product } from '../model/knowledge.ts';
import type { FoundationData, ImportPlan, ProductChange } from '../model/fleet.ts';

export type { ProductChange, ImportPlan } from '../model/fleet.ts';

export interface ImportInput {
  text: string;
  name: string;
  existing?: FoundationData | undefined;
  products: readonly Product[];
  environment?: string | undefined;
  channel?: string | undefined;
}

/**
 * What importing an inventory into a foundation does. An Ops Manager listing
 * replaces the foundation's tile versions, a BOSH listing its release
 * versions; the rest stays. A bad inventory (unreadable, no known product,
 * a known product without a real version) changes nothing. Pure.
 */
export function planImport(input: ImportInput): ImportPlan {
  const plan: ImportPlan = { name: input.name, changes: [], unchanged: [], sources: {}, ignored: [], bad: [], skipped: [], notes: [] };
  if (!FOUNDATION_NAME.test(input.name)) {
    return { ...plan, error: `"${input.name.slice(0, 80)}" is not a foundation name: use letters, digits, dots, dashes and underscores, e.g. prod-east` };
  }
  const read = readInventory(input.text);
  if (!read.ok) return { ...plan, error: read.error };
  const map = mapInventory(read.entries, input.products);
  Object.assign(plan, { format: read.format, ignored: map.ignored, bad: map.bad, skipped: read.skipped, notes: read.notes });
  if (map.bad.length > 0) return { ...plan, error: `${map.bad.length === 1 ? 'one product has' : `${map.bad.length} products have`} no usable version: ${map.bad.join('; ')}` };
  if (map.mapped.length === 0) {
    return { ...plan, error: read.entries.length === 0 ? `the ${read.format} output lists nothing` : `the ${read.format} output names no product kb-bot knows` };
  }
  const tiles = read.entries[0]?.kind === 'tile';
  const byId = new Map(input.products.map((p) => [p.id, p]));
  const ofThisKind = (id: string) => {
    const p = byId.get(id);
    return p !== undefined && (tiles ? p.omSlugs.length > 0 : p.boshReleases.length > 0);
  };
  const found = new Map<string, string[]>();
  const said = new Map<string, string[]>();
  for (const m of map.mapped) {
    const versions = found.get(m.product) ?? [];
    if (!versions.includes(m.version.text)) versions.push(m.version.text);
    found.set(m.product, versions);
    said.set(m.product, [...(said.get(m.product) ?? []), m.from]);
  }
  const before = input.existing?.products ?? {};
  const products: Record<string, string | string[]> = {};
  for (const [id, value] of Object.entries(before)) {
    if (!ofThisKind(id)) products[id] = value;
    else if (!found.has(id)) plan.changes.push({ product: id, before: list(value), after: [] });
  }
  for (const [id, versions] of found) {
    products[id] = versions.length === 1 ? (versions[0] as string) : versions;
    const was = before[id] === undefined ? [] : list(before[id]);
    if (was.join() === versions.join()) plan.unchanged.push(id);
    else plan.changes.push({ product: id, before: was, after: versions });
    plan.sources[id] = `${tiles ? 'om' : 'bosh'}: ${summarize(said.get(id) ?? [])}`;
  }
  const data: FoundationData = { products };
  const environment = input.environment ?? input.existing?.environment;
  const channel = input.channel ?? input.existing?.channel;
  if (environment !== undefined) data.environment = environment;
  if (channel !== undefined) data.channel = channel;
  return { ...plan, data };
}

function list(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function summarize(from: string[]): string {
  const text = from.slice(0, 3).join(', ');
  return from.length > 3 ? `${text} and ${from.length - 3} more` : text;
}
