import { compareLines } from '../versions/line-of.ts';
import type { Article, Product } from '../model/knowledge.ts';
import type { FixLine } from '../model/answer.ts';

/**
 * An article's fix on every listed product line, in catalog order: the
 * version from which the line stays fixed, the last affected patch when only
 * that is named, or none (KB 298398's TAS 3.0). Lines whose last event
 * reintroduces the issue have no fix.
 */
export function articleFixes(article: Article, productOrder: readonly string[], catalog: ReadonlyMap<string, Product> = new Map()): FixLine[] {
  const products = [...article.affected.keys()].sort((a, b) => rankOf(productOrder, a) - rankOf(productOrder, b));
  return products.flatMap((product) => {
    const table = article.affected.get(product);
    if (!table) return [];
    const listed = [...table.lines.keys()].sort(compareLines);
    const newest = listed[listed.length - 1];
    // "Lines newer than the last listed are fixed" (KB 298463: before 2.8 affected, 2.8.0 fixed): the first such line stands for them all.
    // Only when the article states it: an inferred "newer lines are fixed" adds nothing an operator installs.
    const next = table.newer?.status === 'fixed' && table.newer.inferred === undefined && newest !== undefined ? catalog.get(product)?.lines.find((l) => compareLines(l, newest) > 0) : undefined;
    const later: FixLine[] = next ? [{ article: article.id, product, line: next, fixedIn: null, laterLines: true, basis: 'stated' }] : [];
    return [...table.lines.entries()]
      .sort(([a], [b]) => compareLines(a, b))
      .map(([line, events]): FixLine => {
        const last = events[events.length - 1];
        const basis = events.some((e) => e.inferred !== undefined) ? 'inferred' : 'stated';
        const row: FixLine = { article: article.id, product, line, fixedIn: last?.kind === 'fixed' ? last.version.version : null, basis };
        if (last?.kind === 'last_affected') row.lastAffected = last.version.version;
        return row;
      })
      .concat(later);
  });
}

function rankOf(order: readonly string[], id: string): number {
  const i = order.indexOf(id);
  return i < 0 ? order.length : i;
}
