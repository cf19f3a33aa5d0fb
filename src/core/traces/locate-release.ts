import semver, { type SemVer } from 'semver';
import type { Crash } from './find-crashes.ts';
import type { SignatureMatch } from './match-signature.ts';
import type { Product, Signature } from '../model/knowledge.ts';

export interface ReleaseHint {
  product: Product;
  from: SemVer;
  to: SemVer;
  /** How the range was found, for the evidence. */
  because: string[];
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
    const because = [`${loc.file}:${frame.fileLine} is in ${byLine.map((r) => span(r.from, r.to)).join(', ')}`];
    let ranges = byLine.map((r) => ({ from: r.from, to: r.to }));
    const chain = goVersion ? product.toolchains.filter((t) => t.go === goVersion) : [];
    if (chain.length > 0) {
      const narrowed = ranges.flatMap((r) => chain.flatMap((t) => {
        const from = semver.gt(t.from, r.from) ? t.from : r.from;
        const to = semver.lt(t.to, r.to) ? t.to : r.to;
        return semver.lte(from, to) ? [{ from, to }] : [];
      }));
      if (narrowed.length > 0) {
        because.push(`Go ${goVersion} built ${chain.map((t) => span(t.from, t.to)).join(', ')}`);
        ranges = narrowed;
      }
    }
    const first = ranges[0];
    if (!first) return null;
    const from = ranges.reduce((m, r) => (semver.lt(r.from, m) ? r.from : m), first.from);
    const to = ranges.reduce((m, r) => (semver.gt(r.to, m) ? r.to : m), first.to);
    return { product, from, to, because };
  }
  return null;
}

function span(from: SemVer, to: SemVer): string {
  return from.version === to.version ? from.version : `${from.version}–${to.version}`;
}
