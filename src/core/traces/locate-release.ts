import semver, { type SemVer } from 'semver';
import type { Crash } from './find-crashes.ts';
import type { SignatureMatch } from './match-signature.ts';
import type { Product, Signature } from '../model/knowledge.ts';

export interface ReleaseHint {
  product: Product;
  from: SemVer;
  /** Absent: open-ended ("0.288.0 and later"), as long as the sources leave the range open. */
  to?: SemVer;
  /** How the range was found, for the evidence. */
  because: string[];
}

interface Range {
  from: SemVer;
  to?: SemVer;
}

/**
 * Which releases a matched crash can come from: the line numbers the article
 * records for a frame, narrowed by the Go version in the paths and the
 * product's toolchain history. Supports or weakens a match; never decides it.
 */
export function locateRelease(
  crash: Crash,
  sig: Signature,
  match: SignatureMatch,
  goVersion: string | null,
  products: Map<string, Product>,
): ReleaseHint | null {
  for (const loc of sig.locations) {
    const frame = match.matched.get(loc.frame);
    const product = products.get(loc.product);
    if (!frame || !product || frame.fileLine === undefined || !frame.file?.endsWith(loc.file)) continue;
    const byLine = loc.lines.filter((r) => r.line === frame.fileLine);
    if (byLine.length === 0) return null;
    const because = [`${loc.file}:${frame.fileLine} is in ${byLine.map(spanOf).join(', ')}`];
    let ranges: Range[] = byLine.map((r) => (r.to ? { from: r.from, to: r.to } : { from: r.from }));
    const chain = goVersion ? product.toolchains.filter((t) => t.go === goVersion) : [];
    if (chain.length > 0) {
      const narrowed = ranges.flatMap((r) => chain.flatMap((t) => intersect(r, t)));
      if (narrowed.length > 0) {
        because.push(`Go ${goVersion} built ${chain.map(spanOf).join(', ')}`);
        ranges = narrowed;
      }
    }
    const first = ranges[0];
    if (!first) return null;
    const from = ranges.reduce((m, r) => (semver.lt(r.from, m) ? r.from : m), first.from);
    const open = ranges.some((r) => r.to === undefined);
    const to = open ? undefined : ranges.reduce((m, r) => (semver.gt(r.to as SemVer, m) ? (r.to as SemVer) : m), first.to as SemVer);
    return to ? { product, from, to, because } : { product, from, because };
  }
  return null;
}

function intersect(a: Range, b: Range): Range[] {
  const from = semver.gt(b.from, a.from) ? b.from : a.from;
  const to = a.to && b.to ? (semver.lt(a.to, b.to) ? a.to : b.to) : (a.to ?? b.to);
  if (to && semver.gt(from, to)) return [];
  return to ? [{ from, to }] : [{ from }];
}

/** "0.269.0–0.278.0", "0.288.0" or "0.288.0 and later". */
export function spanOf(r: Range): string {
  if (!r.to) return `${r.from.version} and later`;
  return r.from.version === r.to.version ? r.from.version : `${r.from.version}–${r.to.version}`;
}
