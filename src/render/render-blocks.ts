import type { KnownBlock, Button } from './block-types.ts';
import { viewAnswer, verdictLine, type ArticleView } from './view-answer.ts';
import { escapeMrkdwn as esc } from './escape-mrkdwn.ts';
import { fitBlocks, clip } from './fit-blocks.ts';
import { renderText } from './render-text.ts';
import { helpExamples } from '../core/answer/help-examples.ts';
import { hasFix, productsOf } from './render-text.ts';
import type { Prepared } from '../core/answer/prepare.ts';
import type { Answer } from '../core/model/answer.ts';

/** Action ids; the manifest test checks the app listens to each. */
export const ACTIONS = {
  mitigation: 'kb_mitigation',
  versions: 'kb_versions',
  openArticle: 'kb_open_article',
  feedbackUp: 'kb_feedback_up',
  feedbackDown: 'kb_feedback_down',
  share: 'kb_share',
} as const;

const MAX_ARTICLES = 5;
const MAX_EVIDENCE = 8;

export interface RenderOptions {
  /** Adds a "Share in channel" button carrying this value (ephemeral /kb answers). */
  shareValue?: string;
}

/** A Slack message for an Answer: Block Kit within Slack's limits, and the plain-text fallback. */
export function renderBlocks(kb: Prepared, a: Answer, options: RenderOptions = {}): { text: string; blocks: KnownBlock[] } {
  const view = viewAnswer(kb, a);
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: clip(view.headline, 150), emoji: true } }];
  if (a.intent === 'help') blocks.push(...helpBlocks(kb));
  if (a.intent === 'list') blocks.push(...listBlocks(kb));
  view.sections.slice(0, MAX_ARTICLES).forEach((s, i) => {
    if (i > 0) blocks.push({ type: 'divider' });
    blocks.push(...articleBlocks(kb, s, a.intent));
  });
  if (view.sections.length > MAX_ARTICLES) {
    blocks.push(context(`${view.sections.length - MAX_ARTICLES} more article(s) not shown; ask about one of them by its KB number.`));
  }
  if (view.unmatched.length > 0) {
    blocks.push(section(`*Crashes that match no known issue*\n${view.unmatched.slice(0, 5).map((u) => `• \`${esc(u)}\``).join('\n')}`));
  }
  if (view.notices.length > 0) blocks.push(context(view.notices.map(esc).join(' ')));
  if (options.shareValue !== undefined) {
    blocks.push({ type: 'actions', elements: [button('Share in channel', ACTIONS.share, options.shareValue, 'primary')] });
  }
  return { text: clip(renderText(kb, a), 3000), blocks: fitBlocks(blocks) };
}

function articleBlocks(kb: Prepared, s: ArticleView, intent: Answer['intent']): KnownBlock[] {
  const a = s.article;
  const out: KnownBlock[] = [];
  const lines = [`*<${a.url}|KB ${esc(a.id)}> — ${esc(a.title)}*`];
  if (s.match) {
    const m = s.match;
    lines.push(m.level === 'partial'
      ? `Closest known issue, *not a match* (score ${m.score.toFixed(2)}): only part of the crash is shared.`
      : `*${m.level === 'exact' ? 'Exact' : 'Strong'} match* (score ${m.score.toFixed(2)})${m.release ? ` · from ${esc(m.release)}` : ''}${m.upgradeTo?.length ? ` · upgrade to *${esc(m.upgradeTo.join(' or '))}*` : ''}`);
  }
  for (const v of s.verdicts.slice(0, 8)) lines.push(`• *${esc(verdictLine(kb, v))}*\n   _${esc(v.reason)}_`);
  if (s.verdicts.length > 8) lines.push(`…and ${s.verdicts.length - 8} more; use *Version table*.`);
  out.push(section(lines.join('\n')));
  if (s.match && s.match.level !== 'partial') {
    const ev = s.match.evidence.slice(0, MAX_EVIDENCE).map(esc).join('\n');
    out.push(section(`*Why*\n\`\`\`${ev}\`\`\``));
    if (s.match.facts.length > 0) out.push(context(s.match.facts.map(esc).join(' · ')));
  }
  if (s.detail) {
    out.push(section(`*Summary*\n${esc(a.summary)}`));
    out.push(section(`*Mitigation*\n${a.mitigation.map((m, i) => `${i + 1}. ${esc(m)}`).join('\n')}`));
    out.push(section(`*Fix*\n${esc(a.resolution)}`));
  }
  out.push(context(`KB ${esc(a.id)}${a.reviewed ? ` · reviewed ${a.reviewed}` : ''} · <${a.url}|original article>`));
  const buttons: Button[] = [];
  buttons.push(button('Mitigation', ACTIONS.mitigation, a.id));
  if (a.affected.size > 0) buttons.push(button('Version table', ACTIONS.versions, a.id));
  buttons.push({ type: 'button', action_id: ACTIONS.openArticle, text: { type: 'plain_text', text: 'Open article' }, url: a.url });
  if (intent !== 'list') {
    buttons.push(button('👍', ACTIONS.feedbackUp, `${a.id}:${intent}`), button('👎', ACTIONS.feedbackDown, `${a.id}:${intent}`));
  }
  out.push({ type: 'actions', block_id: `kb_article_${a.id}`, elements: buttons });
  return out;
}

function helpBlocks(kb: Prepared): KnownBlock[] {
  return [
    section(
      '*Ask me*\n' +
        helpExamples(kb).map((e) => `• \`/kb ${esc(e)}\``).join('\n') +
        '\n• paste a crash log, a stack trace or upload a `.log` file — in a channel I am in, I answer known crashes on my own' +
        '\n• `/kb list` — the articles I know · `/kb search <words>`',
    ),
    context('Mention me (@kb-bot) or send me a direct message; I always answer in the thread.'),
  ];
}

function listBlocks(kb: Prepared): KnownBlock[] {
  const rows = kb.knowledge.articles.map((a) => `• <${a.url}|KB ${esc(a.id)}> ${esc(a.title)} — _${esc(productsOf(kb, a.id))}_ · ${hasFix(kb, a.id) ? 'fix available' : 'no fixed version'}`);
  const out: KnownBlock[] = [];
  for (let i = 0; i < rows.length; i += 10) out.push(section(rows.slice(i, i + 10).join('\n')));
  return out;
}

export function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

export function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text, emoji: true }, value, ...(style ? { style } : {}) };
}
