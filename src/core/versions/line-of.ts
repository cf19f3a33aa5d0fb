import semver, { type SemVer } from 'semver';
import type { Product } from '../model/knowledge.ts';

/** The release line a version belongs to, by the product's scheme. */
export function lineOf(product: Product, version: SemVer): string {
  if (product.scheme === 'single') return product.lines[0] ?? '0';
  return `${version.major}.${version.minor}`;
}

/** The first version a line can hold: 2.13.0 on TAS's 2.13 line, 0.0.0 on a single-line product. */
export function lineStart(product: Product, line: string): SemVer {
  const start = product.scheme === 'minor' ? semver.parse(`${line}.0`) : null;
  return start ?? (semver.parse('0.0.0') as SemVer);
}

/** Orders two line ids ("2.9" < "2.13" < "10.0"); single-number lines sort first. */
export function compareLines(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether a line id is well formed for a scheme: "2.13" for minor; a number or a word ("0", "all") for single. */
export function isLineId(scheme: Product['scheme'], line: string): boolean {
  return scheme === 'minor' ? /^\d+\.\d+$/.test(line) : /^(?:\d+|[a-z][a-z0-9-]*)$/.test(line);
}
