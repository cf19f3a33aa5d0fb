import type { Product } from '../model/knowledge.ts';

export interface ProductMention {
  product: Product;
  start: number;
  end: number;
  text: string;
}

/** Compiles the catalog's aliases into one matcher; longest alias wins. */
export function productMatcher(products: readonly Product[]): (text: string) => ProductMention[] {
  const byAlias = new Map<string, Product>();
  for (const p of products) {
    for (const alias of [p.id, p.short, p.name, ...p.aliases]) byAlias.set(alias.toLowerCase(), p);
  }
  const aliases = [...byAlias.keys()].sort((a, b) => b.length - a.length);
  if (aliases.length === 0) return () => [];
  const pattern = aliases.map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, '[\\s-]+')).join('|');
  // A name ends at a non-word character; "cf-2.13.20" (a tile file name) counts, "cf-push" does not.
  const re = new RegExp(`(?<![\\w-])(?:${pattern})(?![\\w]|-[A-Za-z])`, 'gi');
  return (text) =>
    [...text.matchAll(re)].map((m) => {
      const key = m[0].toLowerCase().replace(/[\s-]+/g, (s) => (s.includes('-') && !/\s/.test(s) ? '-' : ' '));
      const product = byAlias.get(key) ?? lookupLoose(byAlias, m[0]);
      return { product: product as Product, start: m.index, end: m.index + m[0].length, text: m[0] };
    }).filter((m) => m.product !== undefined);
}

function lookupLoose(byAlias: Map<string, Product>, found: string): Product | undefined {
  const squash = (s: string) => s.toLowerCase().replace(/[\s-]+/g, '');
  const want = squash(found);
  for (const [alias, p] of byAlias) if (squash(alias) === want) return p;
  return undefined;
}
