import { describeLine } from '../versions/describe-line.ts';
import { compareLines, lineStart } from '../versions/line-of.ts';
import { articleCard } from './answer-cards.ts';
import type { VersionTable } from '../model/answer.ts';
import type { LineRule, VersionEvent } from '../model/knowledge.ts';
import type { Prepared } from './prepare.ts';

/** An article's whole affected/fixed table, per product and line, symptoms with their own fixes after the issue: the "Version table" button. */
export function versionTable(kb: Prepared, id: string): VersionTable | null {
  const a = kb.articles.get(id);
  if (!a) return null;
  const products = [...a.affected].map(([productId, table]) => {
    const product = kb.products.get(productId);
    const row = (line: string, events: readonly VersionEvent[], aspect?: string): VersionTable['products'][number]['lines'][number] => ({
      // A single-line product's line id ("0", "all") means nothing to a reader.
      line: product?.scheme === 'single' ? 'all releases' : line,
      ranges: product ? describeLine(events, lineStart(product, line)) : describeLine(events),
      inferred: events.some((e) => e.inferred !== undefined),
      ...(aspect ? { aspect: a.aspects.find((x) => x.id === aspect)?.title ?? aspect } : {}),
    });
    const lines = [...table.lines.entries()].sort(([x], [y]) => compareLines(x, y)).map(([line, events]) => row(line, events));
    for (const [aspectId, aspect] of table.aspects) for (const [line, events] of aspect.lines) lines.push(row(line, events, aspectId));
    const out: VersionTable['products'][number] = { product: productId, name: product?.name ?? productId, lines };
    if (table.newer) out.newer = rule(table.newer);
    if (table.others) out.others = rule(table.others);
    if (table.condition) out.condition = table.condition;
    return out;
  });
  return { card: articleCard(a), products };
}

function rule(r: LineRule): { status: string; inferred?: string } {
  return { status: r.status, ...(r.inferred ? { inferred: r.inferred } : {}) };
}
