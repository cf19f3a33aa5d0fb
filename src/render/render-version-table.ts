import { articleLabel } from '../core/model/article-label.ts';
import { section, context } from './render-blocks.ts';
import { escapeMrkdwn as esc } from './escape-mrkdwn.ts';
import { fitBlocks } from './fit-blocks.ts';
import type { KnownBlock } from './block-types.ts';
import type { VersionTable } from '../core/model/answer.ts';

/** An article's whole affected/fixed table, per product and line, with inferences marked. */
export function renderVersionTable(t: VersionTable | null): { text: string; blocks: KnownBlock[] } {
  if (!t) return { text: 'That article is no longer in the knowledge base.', blocks: [] };
  const c = t.card;
  const lines: string[] = [];
  const blocks: KnownBlock[] = [section(`*Versions — <${c.url}|${esc(articleLabel(c.id))}>*`)];
  for (const p of t.products) {
    const rows = p.lines.map((l) => `• *${esc(l.line)}*${l.aspect ? ` — ${esc(l.aspect)}` : ''}: ${esc(l.ranges.join('; '))}${l.inferred ? ' _(partly inferred)_' : ''}`);
    if (p.newer) rows.push(`• *newer lines*: ${p.newer.status}${p.newer.inferred ? ` _(inferred: ${esc(p.newer.inferred)})_` : ''}`);
    if (p.others) rows.push(`• *other lines*: ${p.others.status}${p.others.inferred ? ` _(inferred: ${esc(p.others.inferred)})_` : ''}`);
    if (p.condition) rows.push(`_Only when ${esc(p.condition)}._`);
    blocks.push(section(`*${esc(p.name)}*\n${rows.join('\n')}`));
    lines.push(`${p.name}: ${rows.join(' ').replace(/[*_•]/g, '')}`);
  }
  blocks.push(context('Lines not listed are unknown: kb-bot does not guess.'));
  return { text: esc(`Versions for ${articleLabel(c.id)}\n${lines.join('\n')}`), blocks: fitBlocks(blocks) };
}
