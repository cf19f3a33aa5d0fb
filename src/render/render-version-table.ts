import { describeLine } from '../core/versions/describe-line.ts';
import { compareLines, lineStart } from '../core/versions/line-of.ts';
import { section, context } from './render-blocks.ts';
import { escapeMrkdwn as esc } from './escape-mrkdwn.ts';
import { fitBlocks } from './fit-blocks.ts';
import type { KnownBlock } from './block-types.ts';
import type { Prepared } from '../core/answer/prepare.ts';

/** An article's whole affected/fixed table, per product and line, with inferences marked. */
export function renderVersionTable(kb: Prepared, id: string): { text: string; blocks: KnownBlock[] } {
  const a = kb.articles.get(id);
  if (!a) return { text: 'That article is no longer in the knowledge base.', blocks: [] };
  const lines: string[] = [];
  const blocks: KnownBlock[] = [section(`*Versions — <${a.url}|KB ${esc(a.id)}>*`)];
  for (const [productId, table] of a.affected) {
    const product = kb.products.get(productId);
    const rows = [...table.lines.entries()].sort(([x], [y]) => compareLines(x, y)).map(([line, events]) => {
      const inferred = events.some((e) => e.inferred) ? ' _(partly inferred)_' : '';
      return `• *${esc(line)}*: ${esc(product ? describeLine(events, lineStart(product, line)).join('; ') : describeLine(events).join('; '))}${inferred}`;
    });
    // Symptoms with their own fixes (aspects): their lines after the issue as a whole.
    for (const [aspectId, aspect] of table.aspects) {
      const title = a.aspects.find((x) => x.id === aspectId)?.title ?? aspectId;
      for (const [line, events] of aspect.lines) rows.push(`• *${esc(line)}* — ${esc(title)}: ${esc(product ? describeLine(events, lineStart(product, line)).join('; ') : describeLine(events).join('; '))}`);
    }
    if (table.newer) rows.push(`• *newer lines*: ${table.newer.status}${table.newer.inferred ? ` _(inferred: ${esc(table.newer.inferred)})_` : ''}`);
    if (table.others) rows.push(`• *other lines*: ${table.others.status}${table.others.inferred ? ` _(inferred: ${esc(table.others.inferred)})_` : ''}`);
    if (table.condition) rows.push(`_Only when ${esc(table.condition)}._`);
    blocks.push(section(`*${esc(product?.name ?? productId)}*\n${rows.join('\n')}`));
    lines.push(`${product?.short ?? productId}: ${rows.join(' ').replace(/[*_•]/g, '')}`);
  }
  blocks.push(context('Lines not listed are unknown: kb-bot does not guess.'));
  return { text: `Versions for KB ${a.id}\n${lines.join('\n')}`, blocks: fitBlocks(blocks) };
}
