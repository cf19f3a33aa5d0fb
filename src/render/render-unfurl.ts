import { ACTIONS, context, section } from './render-blocks.ts';
import { fixSentence } from './fix-sentence.ts';
import { escapeMrkdwn as esc } from './escape-mrkdwn.ts';
import { clip, fitBlocks } from './fit-blocks.ts';
import { articleLabel } from '../core/model/article-label.ts';
import type { KnownBlock, Button } from './block-types.ts';
import type { Answer } from '../core/model/answer.ts';

/**
 * The card a shared link to an article unfurls into: title, a one-line
 * summary, where it is fixed (per product and line) and the article's
 * buttons. From the answer about that one article (its lead). Pure.
 */
export function renderUnfurl(a: Answer): { blocks: KnownBlock[] } {
  const c = a.cards.find((x) => x.id === a.lead);
  if (!c) return { blocks: [] };
  const buttons: Button[] = [button('Mitigation', ACTIONS.mitigation, c.id)];
  if (c.products.length > 0) buttons.push(button('Version table', ACTIONS.versions, c.id));
  const blocks: KnownBlock[] = [
    section(`*<${c.url}|${esc(articleLabel(c.id))}> — ${esc(c.title)}*\n${esc(oneLine(c.summary))}`),
    context(esc(fixSentence(a, c.id) ?? 'No version table: see the article.')),
    { type: 'actions', block_id: `kb_unfurl_${c.id}`, elements: buttons },
  ];
  return { blocks: fitBlocks(blocks) };
}

/** The first sentence of a summary, at most 200 characters. */
function oneLine(summary: string): string {
  const first = /^[\s\S]*?[.!?](?=\s|$)/.exec(summary.trim())?.[0] ?? summary.trim();
  return clip(first.replace(/\s+/g, ' '), 200);
}

function button(text: string, actionId: string, value: string): Button {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text, emoji: true }, value };
}
