import { verdictOnTable, lineVerdictOnTable } from './verdict-on-table.ts';
import type { SemVer } from 'semver';
import type { Article, Aspect, Product, ProductTable, VersionTable } from '../model/knowledge.ts';
import type { VersionVerdict } from '../model/answer.ts';

/** Most severe first: an affected verdict is never the one left out. */
export const STATUS_RANK: Record<VersionVerdict['status'], number> = { affected: 0, depends: 1, unknown: 2, fixed: 3, 'not-affected': 4 };

/**
 * Every verdict of one article for one product version: one, or one per
 * aspect when the article gives its symptoms separate fixes (KB 298173:
 * routing-release 0.273.0 fixed the double 100 Continue, 0.274.0 the access
 * log). A question that does not say which symptom gets every row.
 */
export function verdictsForVersion(article: Article, product: Product, version: SemVer): VersionVerdict[] {
  return perAspect(article, product, (table) => verdictOnTable(article, product, table, version));
}

/** Every verdict of one article for a whole release line ("TAS 2.13"), per aspect as above. */
export function verdictsForLine(article: Article, product: Product, line: string): VersionVerdict[] {
  return perAspect(article, product, (table) => lineVerdictOnTable(article, product, table, line));
}

/**
 * The single most severe verdict (affected first), for callers that show one
 * row per article; prefer `verdictsForVersion`, which never folds symptoms.
 */
export function verdictForVersion(article: Article, product: Product, version: SemVer): VersionVerdict | null {
  return worst(verdictsForVersion(article, product, version));
}

/** The most severe whole-line verdict; prefer `verdictsForLine`. */
export function verdictForLine(article: Article, product: Product, line: string): VersionVerdict | null {
  return worst(verdictsForLine(article, product, line));
}

function perAspect(article: Article, product: Product, verdictOf: (table: VersionTable) => VersionVerdict): VersionVerdict[] {
  const table = article.affected.get(product.id);
  if (!table) return [];
  if (table.aspects.size === 0) return [verdictOf(table)];
  return article.aspects.map((a) => withAspect(verdictOf(aspectTable(table, a)), a));
}

function aspectTable(table: ProductTable, aspect: Aspect): VersionTable {
  return table.aspects.get(aspect.id) ?? table;
}

function withAspect(v: VersionVerdict, aspect: Aspect): VersionVerdict {
  return { ...v, aspect: aspect.id, reason: `For ${aspect.title}: ${v.reason}` };
}

function worst(verdicts: VersionVerdict[]): VersionVerdict | null {
  return [...verdicts].sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status])[0] ?? null;
}
