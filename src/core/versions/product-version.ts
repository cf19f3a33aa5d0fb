import semver from 'semver';
import { parseVersion, type ParsedVersion } from './parse-version.ts';
import type { Product } from '../model/knowledge.ts';

/**
 * The version a product's people mean by a version written right after its
 * name, or null when it cannot be one of the product's versions:
 * - a single-line product reads "0.287" as 0.287.0 (there are no lines to name);
 * - a product whose `version_forms` include `major` reads "v38" and "38" as 38.0.0 (nats-release);
 * - a single-line product with `majors` takes only versions with those majors (routing-release: 0.N.N);
 * - a minor-scheme product keeps "2.13" as the line and takes no 0.x versions.
 * The question parser calls it for the token after a product name.
 */
export function parseProductVersion(product: Product, raw: string): ParsedVersion | null {
  const bare = /^v?(\d{1,4})$/i.exec(raw.trim());
  if (bare) {
    if (!product.versionForms.includes('major')) return null;
    const version = semver.parse(`${Number(bare[1])}.0.0`);
    return version && fitsProduct(product, version.major) ? { kind: 'full', version, text: version.version } : null;
  }
  const parsed = parseVersion(raw);
  return parsed ? productVersion(product, parsed) : null;
}

/** A version already cleaned (by `parseVersion`), read as one of the product's versions; null when it cannot be. */
export function productVersion(product: Product, parsed: ParsedVersion): ParsedVersion | null {
  if (parsed.kind === 'line' && (product.scheme === 'single' || product.versionForms.includes('major.minor'))) {
    const version = semver.parse(`${parsed.line}.0`);
    if (!version) return null;
    return fitsProduct(product, version.major) ? { kind: 'full', version, text: version.version } : null;
  }
  const major = parsed.kind === 'full' ? parsed.version.major : Number(parsed.line.split('.')[0]);
  return fitsProduct(product, major) ? parsed : null;
}

/**
 * Whether a version with no product next to it ("is 0.270.0 affected?") is
 * read as this product's: a minor-scheme product's listed line, or a
 * single-line product's listed major. Products that list no majors never take
 * bare versions (cf-deployment 54.14.0 and TAS 5.4 look alike).
 */
export function claimsBareVersion(product: Product, parsed: ParsedVersion): boolean {
  if (product.scheme === 'single') {
    const major = parsed.kind === 'full' ? parsed.version.major : Number(parsed.line.split('.')[0]);
    return product.majors.includes(major);
  }
  const line = parsed.kind === 'full' ? `${parsed.version.major}.${parsed.version.minor}` : parsed.line;
  return product.lines.includes(line);
}

function fitsProduct(product: Product, major: number): boolean {
  if (product.scheme === 'single') return product.majors.length === 0 || product.majors.includes(major);
  return major > 0;
}
