import { compareLines } from './line-of.ts';
import type { ParsedVersion } from './parse-version.ts';
import type { Product } from '../model/knowledge.ts';

export type LineCheck =
  /** The catalog lists the line: ask the articles. */
  | { kind: 'listed'; line: string }
  /** Newer than every listed line: articles' rules for newer lines may answer; say so. */
  | { kind: 'newer'; line: string; notice: string }
  /** Not a line of the product (between or before listed ones): no verdict, only the notice. */
  | { kind: 'unlisted'; line: string; notice: string };

/**
 * Catalog hygiene, before any article is asked: a version on a release line
 * the catalog does not list ("TAS 8.7.1") gets no verdict but a clear
 * statement — unless it is newer than every listed line, where the articles'
 * newer-lines rules may apply, saying so. Single-line products have no lines
 * to miss.
 */
export function checkReleaseLine(product: Product, version: ParsedVersion): LineCheck {
  if (product.scheme === 'single') return { kind: 'listed', line: product.lines[0] ?? '0' };
  const line = version.kind === 'full' ? `${version.version.major}.${version.version.minor}` : version.line;
  if (product.lines.includes(line)) return { kind: 'listed', line };
  const sorted = [...product.lines].sort(compareLines);
  const newest = sorted[sorted.length - 1] ?? line;
  const oldest = sorted[0] ?? line;
  const lines = lineRanges(sorted);
  if (compareLines(line, newest) > 0) {
    return { kind: 'newer', line, notice: `${product.short} ${line} is newer than every release line kb-bot knows for ${product.short} (${lines}); verdicts for it come only from articles that say what holds for newer lines.` };
  }
  if (compareLines(line, oldest) < 0) {
    return { kind: 'unlisted', line, notice: `${product.short} ${version.text} is older than every release line kb-bot knows for ${product.short} (${lines}); no verdict is given for it.` };
  }
  return { kind: 'unlisted', line, notice: `${product.short} has no ${line} line (its lines are ${lines}); no verdict is given for ${product.short} ${version.text}.` };
}

/** "2.7–6.0, 10.0–10.3": consecutive lines (2.13 → 3.0 included) as ranges. */
export function lineRanges(sorted: readonly string[]): string {
  const runs: string[][] = [];
  for (const line of sorted) {
    const run = runs[runs.length - 1];
    const prev = run?.[run.length - 1];
    if (run && prev !== undefined && follows(prev, line)) run.push(line);
    else runs.push([line]);
  }
  return runs.map((r) => (r.length === 1 ? r[0] : `${r[0]}–${r[r.length - 1]}`)).join(', ');
}

function follows(a: string, b: string): boolean {
  const [am, an] = a.split('.').map(Number) as [number, number];
  const [bm, bn] = b.split('.').map(Number) as [number, number];
  return (bm === am && bn === an + 1) || (bm === am + 1 && bn === 0);
}
