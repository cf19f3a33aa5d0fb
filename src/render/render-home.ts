import { articleLabel } from '../core/model/article-label.ts';
import { fitBlocks } from './fit-blocks.ts';
import { section, context } from './render-blocks.ts';
import { escapeMrkdwn as esc } from './escape-mrkdwn.ts';
import { shortName } from './verdict-line.ts';
import type { KnownBlock } from './block-types.ts';
import type { Answer } from '../core/model/answer.ts';

/** The App Home tab from the `list` answer: how to ask, the articles, recent activity. Pure. */
export function renderHome(list: Answer, activity: { at: string; what: string }[], knowledgeVersion: string): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'kb-bot — known issues for on-call' } },
    section(`*How to ask*\n${list.examples.map((e) => `• \`/kb ${esc(e)}\``).join('\n')}\n• mention @kb-bot in a thread, or paste a crash in a channel I am in`),
    { type: 'divider' },
    section(`*Articles (${list.cards.length})*`),
  ];
  for (const c of list.cards.slice(0, 40)) {
    blocks.push(section(`<${c.url}|${esc(articleLabel(c.id))}> ${esc(c.title)}\n_${esc(c.products.map((p) => shortName(list, p)).join(', '))} · ${c.hasFix ? 'fix available' : 'no fixed version'}_`));
  }
  blocks.push({ type: 'divider' }, section('*Recent activity*'));
  blocks.push(context(activity.length > 0 ? activity.map((e) => `${e.at} — ${esc(e.what)}`).join('\n') : 'Nothing yet.'));
  blocks.push(context(`Knowledge version ${knowledgeVersion}`));
  // Home tabs allow 100 blocks; the shared limits keep it well inside.
  return fitBlocks(blocks, 'More articles: /kb list.');
}
