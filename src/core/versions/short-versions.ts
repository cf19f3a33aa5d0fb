import { parseProductVersion } from './product-version.ts';
import type { ParsedVersion } from './parse-version.ts';
import type { Product } from '../model/knowledge.ts';

/** A product named in a text, where its name ends. */
export interface NamedProduct {
  product: Product;
  end: number;
}

// A whole number right after the name: "nats v38", "nats-release 38", "uaa 74".
const SHORT = /^\s+(v?\d{1,4})(?![\w.])/i;

/**
 * Versions with no dot written right after a product name whose people write
 * them so (`version_forms: [major]`): "nats v38" is nats-release 38.0.0.
 * Dotted versions are found by the query parser's version finder; this reads the rest.
 */
export function shortVersionsAfterNames(text: string, named: readonly NamedProduct[]): { product: Product; version: ParsedVersion; text: string }[] {
  return named.flatMap(({ product, end }) => {
    if (!product.versionForms.includes('major')) return [];
    const m = SHORT.exec(text.slice(end, end + 16));
    const raw = m?.[1];
    const version = raw === undefined ? null : parseProductVersion(product, raw);
    return version && raw !== undefined ? [{ product, version, text: raw }] : [];
  });
}
