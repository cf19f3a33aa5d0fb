import { compareLines } from '../versions/line-of.ts';
import type { Article } from '../model/knowledge.ts';
import type { FixLine } from '../model/answer.ts';

/**
 * An article's fix on every listed product line, in catalog order: the
 * version from which the line stays fixed, the last affected patch when only
 * that is named, or none (KB 298398's TAS 3.0). Lines whose last event
 * reintroduces the issue have no fix.
 */
export function articleFixes(article: Article, productOrder: readonly string[]): FixLine[] {
  const products = [...article.affected.keys()].sort((a, b) => rankOf(productOrder, a) - rankOf(productOrder, b));
  return products.flatMap((product) => {
    const table = article.affected.get(product);
    if (!table) return [];
    return [...table.lines.entries()]
      .sort(([a], [b]) => compareLines(a, b))
      .map(([line, events]): FixLine => {
        const last = events[events.length - 1];
        const basis = events.some((e) => e.inferred !== undefined) ? 'inferred' : 'stated';
        const row: FixLine = { article: article.id, product, line, fixedIn: last?.kind === 'fixed' ? last.version.version : null, basis };
        if (last?.kind === 'last_affected') row.lastAffected = last.version.version;
        return row;
      });
  });
}

function rankOf(order: readonly string[], id: string): number {
  const i = order.indexOf(id);
  return i < 0 ? order.length : i;
}
