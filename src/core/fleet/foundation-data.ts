import { hashText } from '../knowledge/hash-text.ts';
import type { Foundation, FoundationData } from '../model/fleet.ts';

/** A foundation as plain data (what fleet.yml and the store hold). */
export function foundationData(f: Foundation): FoundationData {
  const products: FoundationData['products'] = {};
  for (const [id, versions] of f.products) products[id] = versions.length === 1 ? (versions[0]?.text as string) : versions.map((v) => v.text);
  const data: FoundationData = { products };
  if (f.environment !== undefined) data.environment = f.environment;
  if (f.channel !== undefined) data.channel = f.channel;
  return data;
}

/** A short hash of what a foundation holds ("none" when there is no such foundation): what an overlay was set against. */
export function foundationDigest(f: Foundation | undefined): string {
  if (!f) return 'none';
  const d = foundationData(f);
  const products = Object.keys(d.products).sort().map((k) => [k, d.products[k]]);
  return hashText(JSON.stringify([f.name, d.environment ?? null, d.channel ?? null, products]));
}
