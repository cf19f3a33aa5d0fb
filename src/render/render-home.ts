import { fitBlocks } from './fit-blocks.ts';
import { section, context } from './render-blocks.ts';
import { escapeMrkdwn as esc } from './escape-mrkdwn.ts';
import { helpExamples } from '../core/answer/help-examples.ts';
import { hasFix, productsOf } from './render-text.ts';
import type { KnownBlock } from './block-types.ts';
import type { Prepared } from '../core/answer/prepare.ts';

/** The App Home tab: how to ask, the articles, recent activity. Pure. */
export function renderHome(kb: Prepared, activity: { at: string; what: string }[]): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'kb-bot — known issues for on-call' } },
    section(`*How to ask*\n${helpExamples(kb).map((e) => `• \`/kb ${esc(e)}\``).join('\n')}\n• mention @kb-bot in a thread, or paste a crash in a channel I am in`),
    { type: 'divider' },
    section(`*Articles (${kb.knowledge.articles.length})*`),
  ];
  for (const a of kb.knowledge.articles.slice(0, 40)) {
    blocks.push(section(`<${a.url}|KB ${esc(a.id)}> ${esc(a.title)}\n_${esc(productsOf(kb, a.id))} · ${hasFix(kb, a.id) ? 'fix available' : 'no fixed version'}_`));
  }
  blocks.push({ type: 'divider' }, section('*Recent activity*'));
  blocks.push(context(activity.length > 0 ? activity.map((e) => `${e.at} — ${esc(e.what)}`).join('\n') : 'Nothing yet.'));
  blocks.push(context(`Knowledge version ${kb.knowledge.version}`));
  // Home tabs allow 100 blocks; the shared limits keep it well inside.
  return fitBlocks(blocks, 'More articles: /kb list.');
}
