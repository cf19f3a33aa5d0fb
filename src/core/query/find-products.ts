import type { Product } from '../model/knowledge.ts';

/** A name found in a question: a product of the catalog, or some other software. */
export type NameMention =
  | { kind: 'product'; product: Product; start: number; end: number; text: string; weak: boolean }
  | { kind: 'other'; name: string; start: number; end: number; text: string };

export type ProductMention = Extract<NameMention, { kind: 'product' }>;

/**
 * Compiles the catalog's names (product aliases and other software) into one
 * matcher; the longest name wins, so "TAS for Windows" is TASW and not
 * Windows, "cf-deployment" is not "cf". A name may be glued to a version
 * ("tas2.13.20", "TAS-2.13.20", a tile file "cf-2.13.20-build.3.pivotal").
 */
export function nameMatcher(products: readonly Product[], otherSoftware: readonly string[] = []): (text: string) => NameMention[] {
  const byName = new Map<string, { product: Product; weak: boolean } | { other: string }>();
  for (const name of otherSoftware) byName.set(name.toLowerCase(), { other: name });
  for (const p of products) {
    const weak = new Set(p.weakAliases.map((w) => w.toLowerCase()));
    for (const alias of [p.id, p.short, p.name, ...p.aliases, ...p.boshReleases]) {
      const key = alias.toLowerCase();
      byName.set(key, { product: p, weak: weak.has(key) });
    }
  }
  const names = [...byName.keys()].sort((a, b) => b.length - a.length);
  if (names.length === 0) return () => [];
  const pattern = names.map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, '[\\s-]+')).join('|');
  // A name ends at a non-letter; "cf-2.13.20" and "tas2.13.20" count, "cf-push" and "tasks" do not.
  // Not inside a path or a dotted name (/var/vcap/packages/golang-1.20-linux, code.cloudfoundry.org/gorouter).
  const re = new RegExp(`(?<![\\w./-])(?:${pattern})(?![A-Za-z_]|-[A-Za-z]|\\.[A-Za-z])`, 'gi');
  return (text) => {
    const out: NameMention[] = [];
    for (const m of text.matchAll(re)) {
      const found = byName.get(squashSpaces(m[0])) ?? lookupLoose(byName, m[0]);
      if (!found) continue;
      const span = { start: m.index, end: m.index + m[0].length, text: m[0] };
      out.push('other' in found ? { kind: 'other', name: found.other, ...span } : { kind: 'product', product: found.product, weak: found.weak, ...span });
    }
    return out;
  };
}

/** Product mentions only (vendor-article import, CLI `check`). */
export function productMatcher(products: readonly Product[]): (text: string) => ProductMention[] {
  const match = nameMatcher(products);
  return (text) => match(text).filter((m): m is ProductMention => m.kind === 'product');
}

function squashSpaces(found: string): string {
  return found.toLowerCase().replace(/[\s-]+/g, (s) => (s.includes('-') && !/\s/.test(s) ? '-' : ' '));
}

function lookupLoose<T>(byName: Map<string, T>, found: string): T | undefined {
  const squash = (s: string) => s.toLowerCase().replace(/[\s-]+/g, '');
  const want = squash(found);
  for (const [name, v] of byName) if (squash(name) === want) return v;
  return undefined;
}
