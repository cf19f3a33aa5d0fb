import { parseDeployedVersion } from '../versions/parse-deployed-version.ts';
import type { InventoryEntry } from './inventory.ts';
import type { Product } from '../model/knowledge.ts';
import type { DeployedVersion } from '../model/fleet.ts';

export interface MappedVersion {
  product: string;
  version: DeployedVersion;
  /** What the inventory said: `cf 2.13.20-build.3`, `routing/0.280.0 in cf-3f2a…`. */
  from: string;
}

export interface InventoryMap {
  mapped: MappedVersion[];
  /** Names no product in the catalog has (p-bosh, bpm, diego…): not kb-bot's business. */
  ignored: string[];
  /** Entries of known products whose version is not a version. */
  bad: string[];
}

/**
 * Maps inventory entries to catalog products: tile slugs by `om_slugs`
 * (`p-isolation-segment-blue`, a replicated tile, is IST too), BOSH releases
 * by `bosh_releases`.
 */
export function mapInventory(entries: readonly InventoryEntry[], products: readonly Product[]): InventoryMap {
  const bySlug = new Map(products.flatMap((p) => p.omSlugs.map((s) => [s, p] as const)));
  const byRelease = new Map(products.flatMap((p) => p.boshReleases.map((r) => [r, p] as const)));
  const dashed = [...bySlug.keys()].filter((s) => s.includes('-')).sort((a, b) => b.length - a.length);
  const result: InventoryMap = { mapped: [], ignored: [], bad: [] };
  const ignored = new Set<string>();
  for (const e of entries) {
    const name = e.name.toLowerCase();
    const product = e.kind === 'tile'
      ? bySlug.get(name) ?? bySlug.get(dashed.find((s) => name.startsWith(`${s}-`)) ?? '')
      : byRelease.get(name);
    const said = e.kind === 'tile' ? `${e.name} ${e.version}` : `${e.name}/${e.version}${e.where ? ` in ${e.where}` : ''}`;
    if (!product) {
      const key = `${e.name} ${e.version}`.slice(0, 120);
      if (!ignored.has(key)) result.ignored.push(key);
      ignored.add(key);
      continue;
    }
    const version = parseDeployedVersion(e.version, { padRelease: e.kind === 'release' });
    if (!version) {
      result.bad.push(`${said.slice(0, 120)}: "${e.version.slice(0, 60)}" is not a version`);
      continue;
    }
    if (product.scheme === 'minor' && version.version.major === 0) {
      result.bad.push(`${said.slice(0, 120)}: ${version.text} is not a ${product.short} version`);
      continue;
    }
    result.mapped.push({ product: product.id, version, from: said });
  }
  return result;
}
