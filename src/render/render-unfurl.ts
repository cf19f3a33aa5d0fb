import { compareLines } from '../core/versions/line-of.ts';
import { ACTIONS, context, section } from './render-blocks.ts';
import { escapeMrkdwn as esc } from './escape-mrkdwn.ts';
import { clip, fitBlocks } from './fit-blocks.ts';
import type { KnownBlock, Button } from './block-types.ts';
import type { Prepared } from '../core/answer/prepare.ts';
import type { Article } from '../core/model/knowledge.ts';

/**
 * The card a shared link to an article unfurls into: title, a one-line
 * summary, the version table's headline (the fix per product and line) and
 * the article's buttons. Pure.
 */
export function renderUnfurl(kb: Prepared, a: Article): { blocks: KnownBlock[] } {
  const buttons: Button[] = [button('Mitigation', ACTIONS.mitigation, a.id)];
  if (a.affected.size > 0) buttons.push(button('Version table', ACTIONS.versions, a.id));
  const blocks: KnownBlock[] = [
    section(`*<${a.url}|KB ${esc(a.id)}> — ${esc(a.title)}*\n${esc(oneLine(a.summary))}`),
    context(esc(tableHeadline(kb, a))),
    { type: 'actions', block_id: `kb_unfurl_${a.id}`, elements: buttons },
  ];
  return { blocks: fitBlocks(blocks) };
}

/** "TAS: fixed in 2.11.52, 2.13.34, 4.0.16, 5.0.6; no fix on 3.0 · routing-release: fixed in 0.288.0". */
export function tableHeadline(kb: Prepared, a: Article): string {
  if (a.affected.size === 0) return 'No version table: see the article.';
  const parts: string[] = [];
  for (const [productId, table] of a.affected) {
    const short = kb.products.get(productId)?.short ?? productId;
    const fixed: string[] = [];
    const open: string[] = [];
    for (const [line, events] of [...table.lines.entries()].sort(([x], [y]) => compareLines(x, y))) {
      const last = events.at(-1);
      if (last?.kind === 'fixed') fixed.push(last.version.version);
      else if (last?.kind === 'last_affected') fixed.push(`after ${last.version.version}`);
      else if (last) open.push(line);
    }
    let text = fixed.length > 0 ? `${short}: fixed in ${fixed.join(', ')}` : `${short}: no fixed version`;
    if (fixed.length > 0 && open.length > 0) text += `; no fix on ${open.join(', ')}`;
    if (table.condition) text += ` (only when ${table.condition})`;
    parts.push(text);
  }
  return parts.join(' · ');
}

/** The first sentence of a summary, at most 200 characters. */
function oneLine(summary: string): string {
  const first = /^[\s\S]*?[.!?](?=\s|$)/.exec(summary.trim())?.[0] ?? summary.trim();
  return clip(first.replace(/\s+/g, ' '), 200);
}

function button(text: string, actionId: string, value: string): Button {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text, emoji: true }, value };
}
