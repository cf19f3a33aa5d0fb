import { cleanSlackText } from './clean-slack-text.ts';
import { findVersions, type VersionMention } from './find-versions.ts';
import { findArticleRefs } from './find-article-refs.ts';
import type { ProductMention } from './find-products.ts';
import type { ParsedVersion } from '../versions/parse-version.ts';
import type { Product } from '../model/knowledge.ts';

export interface VersionQuestion {
  /** null: a bare version, to answer for every product that has its line. */
  product: Product | null;
  version: ParsedVersion;
  text: string;
}

export interface ParsedQuestion {
  text: string;
  questions: VersionQuestion[];
  /** Products named with no version next to them. */
  productsOnly: Product[];
  /** Article ids named ("KB 298398"); `unknown:<n>` for ids not in the knowledge. */
  articleIds: string[];
  /** The words left once product names, versions and article ids are taken out: what to search for. */
  rest: string;
}

/** How far after a version a product name may stand to own it ("2.13.20 of TAS"). */
const TRAILING_PRODUCT_GAP = 12;

/**
 * Finds every (product, version) pair in a question. A product name owns the
 * versions that follow it until the next product name; a version before any
 * product name takes the one right after it, or none (a bare version).
 */
export function parseQuestion(
  raw: string,
  articleIds: ReadonlyMap<string, string>,
  matchProducts: (text: string) => ProductMention[],
): ParsedQuestion {
  const text = cleanSlackText(raw).replace(/\s+/g, ' ').trim();
  const refs = findArticleRefs(text, articleIds);
  const masked = maskSpans(text, refs.spans);
  const products = matchProducts(masked);
  const versions = findVersions(masked).filter((v) => !products.some((p) => overlaps(p, v)));

  const questions: VersionQuestion[] = [];
  const owning = new Set<ProductMention>();
  for (const v of versions) {
    let owner = [...products].reverse().find((p) => p.end <= v.start);
    if (!owner) {
      const after = products.find((p) => p.start >= v.end && p.start - v.end <= TRAILING_PRODUCT_GAP);
      if (after && !versions.some((w) => w !== v && w.start > v.end && w.start < after.start)) owner = after;
    }
    if (owner) owning.add(owner);
    questions.push({ product: owner?.product ?? null, version: v.parsed, text: v.text });
  }
  const productsOnly = unique(products.filter((p) => !owning.has(p)).map((p) => p.product))
    .filter((p) => !questions.some((q) => q.product?.id === p.id));
  const rest = maskSpans(masked, [...products, ...versions].map((m): [number, number] => [m.start, m.end])).replace(/\s+/g, ' ').trim();
  return { text, questions: dedupe(questions), productsOnly, articleIds: refs.ids, rest };
}

function maskSpans(text: string, spans: [number, number][]): string {
  let out = text;
  for (const [s, e] of spans) out = out.slice(0, s) + ' '.repeat(e - s) + out.slice(e);
  return out;
}

function overlaps(p: ProductMention, v: VersionMention): boolean {
  return v.start < p.end && p.start < v.end;
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function dedupe(qs: VersionQuestion[]): VersionQuestion[] {
  const seen = new Set<string>();
  return qs.filter((q) => {
    const key = `${q.product?.id ?? '*'}:${q.version.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
