import { describeLine } from '../versions/status-on-line.ts';
import { compareLines } from '../versions/line-of.ts';
import { articleCard } from './answer-cards.ts';
import type { VersionTable } from '../model/answer.ts';
import type { Prepared } from './prepare.ts';

/** An article's whole affected/fixed table, per product and line, with inferences marked: the "Version table" button. */
export function versionTable(kb: Prepared, id: string): VersionTable | null {
  const a = kb.articles.get(id);
  if (!a) return null;
  const products = [...a.affected].map(([productId, table]) => {
    const lines = [...table.lines.entries()].sort(([x], [y]) => compareLines(x, y)).map(([line, events]) => ({
      line,
      ranges: describeLine(events),
      inferred: events.some((e) => e.inferred !== undefined),
    }));
    const row: VersionTable['products'][number] = { product: productId, name: kb.products.get(productId)?.name ?? productId, lines };
    if (table.newer) row.newer = { status: table.newer.status, ...(table.newer.inferred ? { inferred: table.newer.inferred } : {}) };
    if (table.condition) row.condition = table.condition;
    return row;
  });
  return { card: articleCard(a), products };
}
