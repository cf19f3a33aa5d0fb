import { articleLabel, titleAfterLabel } from '../core/model/article-label.ts';
import type { KnownBlock, Button } from './block-types.ts';
import { viewAnswer, type ArticleView } from './view-answer.ts';
import { fixSentence } from './fix-sentence.ts';
import { verdictLine, verdictShort, shortName, partialMatchWords, versionKey } from './verdict-line.ts';
import { escapeMrkdwn as esc } from './escape-mrkdwn.ts';
import { fitBlocks, clip, LIMITS } from './fit-blocks.ts';
import { renderText } from './render-text.ts';
import type { Answer } from '../core/model/answer.ts';

/** Action ids; the manifest test checks the app listens to each. */
export const ACTIONS = {
  mitigation: 'kb_mitigation',
  versions: 'kb_versions',
  openArticle: 'kb_open_article',
  feedbackUp: 'kb_feedback_up',
  feedbackDown: 'kb_feedback_down',
  share: 'kb_share',
  showAll: 'kb_show_all',
  pick: 'kb_pick',
} as const;

/** Articles shown in full at most; the rest get one compact line each. */
const FULL_SECTIONS = 3;
const MAX_EVIDENCE = 8;
const MAX_VERDICTS = 8;
/** Room kept for the notices, the buttons and the closing note. */
const RESERVE = 2500;

export interface RenderOptions {
  /** Adds a "Share in channel" button carrying this value (ephemeral /kb answers). */
  shareValue?: string;
  /** Adds a "Show all" button carrying this value when some articles are shown compactly. */
  showAllValue?: string;
  /** Shows every article in full as far as Slack's limits allow ("Show all"). */
  full?: boolean;
}

/**
 * A Slack message for an Answer: Block Kit within Slack's limits, and the
 * plain-text fallback. Never hides an affected verdict or the article the
 * question leads with: when there is too much, the rest is one compact line
 * per article (id, verdict, fix), affected ones first, and a "Show all" button.
 */
export function renderBlocks(a: Answer, options: RenderOptions = {}): { text: string; blocks: KnownBlock[]; compacted: boolean } {
  const view = viewAnswer(a);
  // A headline that fits Slack's header is the header; a longer one is a bold first section, never cut and repeated.
  // A headline with a link in it is a section, where Slack makes the link clickable.
  const blocks: KnownBlock[] = view.headline.length <= LIMITS.header && !/https?:\/\//.test(view.headline)
    ? [{ type: 'header', text: { type: 'plain_text', text: view.headline, emoji: true } }]
    : [section(`*${esc(view.headline)}*`)];
  if (a.intent === 'help') blocks.push(...helpBlocks(a));
  if (a.intent === 'list') blocks.push(...listBlocks(a));
  let used = size(blocks);
  const compact: ArticleView[] = [];
  const full = options.full ? 12 : FULL_SECTIONS;
  if (a.intent !== 'list') {
    view.sections.forEach((s, i) => {
      const mustShow = s.lead || (s.match !== null && s.match.level !== 'partial');
      const rendered = [...(i > 0 ? [{ type: 'divider' } as KnownBlock] : []), ...articleBlocks(a, s, view.headline)];
      const fits = used + size(rendered) < LIMITS.totalChars - RESERVE && blocks.length + rendered.length < LIMITS.blocks - 8;
      if ((mustShow || (i < full && compact.length === 0)) && fits) {
        blocks.push(...rendered);
        used += size(rendered);
      } else compact.push(s);
    });
  }
  const rows = compactRows(a, compact);
  let shown = 0;
  for (let i = 0; i < rows.length && blocks.length < LIMITS.blocks - 6; i += 10) {
    const chunk = rows.slice(i, i + 10);
    const b = section(`${i === 0 ? `*${compact.length === view.sections.length ? 'Articles' : 'Also'}*\n` : ''}${chunk.join('\n')}`);
    if (used + size([b]) > LIMITS.totalChars - 1500) break;
    blocks.push(b);
    used += size([b]);
    shown += chunk.length;
  }
  if (shown < rows.length) blocks.push(context(`${rows.length - shown} more article(s), none of them shown above; use *Show all* or ask about one by its KB number.`));
  if (view.unmatched.length > 0) {
    blocks.push(section(`*Crashes that match no known issue*\n${view.unmatched.slice(0, 5).map((u) => `• \`${esc(u)}\``).join('\n')}`));
  }
  if (view.notices.length > 0) blocks.push(context(clip(view.notices.map(esc).join(' '), 2000)));
  const buttons: Button[] = [];
  if (compact.length > 0 && options.showAllValue !== undefined) buttons.push(button('Show all', ACTIONS.showAll, options.showAllValue));
  if (options.shareValue !== undefined) buttons.push(button('Share in channel', ACTIONS.share, options.shareValue, 'primary'));
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: 'kb_answer', elements: buttons });
  // The fallback text is mrkdwn too (notifications, previews): what users pasted must not become a mention or a link.
  return { text: clip(esc(renderText(a)), 3000), blocks: fitBlocks(blocks), compacted: compact.length > 0 };
}

/** One line per article: affected and depending ones first, each with its verdicts and fix. */
function compactRows(a: Answer, sections: ArticleView[]): string[] {
  const rank = (s: ArticleView) => (s.verdicts.some((v) => v.status === 'affected') ? 0 : s.verdicts.some((v) => v.status === 'depends') ? 1 : 2);
  return [...sections].sort((x, y) => rank(x) - rank(y)).map((s) => {
    const all = [...new Set(s.verdicts.map((v) => `${versionKey(a, v)}: ${verdictShort(v)}`))];
    const verdicts = all.slice(0, 3).join('; ');
    const more = all.length > 3 ? `; +${all.length - 3} more` : '';
    const what = verdicts ? ` — ${esc(verdicts)}${more}` : s.match ? ` — ${s.match.level} match` : '';
    return `• <${s.card.url}|${esc(articleLabel(s.card.id))}> ${esc(clip(titleAfterLabel(s.card.id, s.card.title), 90))}${what}`;
  });
}

function articleBlocks(a: Answer, s: ArticleView, headline: string): KnownBlock[] {
  const c = s.card;
  const out: KnownBlock[] = [];
  const title = titleAfterLabel(c.id, c.title);
  const lines = [`*<${c.url}|${esc(articleLabel(c.id))}> — ${esc(title)}*${s.weak ? ' _(a guess, not a confident match)_' : ''}`];
  if (s.match) {
    const m = s.match;
    const partial = partialMatchWords(m);
    lines.push(partial
      ? `${m.kind === 'log' ? 'Known issue' : 'Closest known issue'}, *${partial.label}* (score ${m.score.toFixed(2)}): ${esc(partial.why)}.`
      : `*${m.level === 'exact' ? 'Exact' : 'Strong'} match* (score ${m.score.toFixed(2)})${m.release ? ` · from ${esc(m.release)}` : ''}${m.upgradeTo?.length ? ` → ${esc(m.upgradeTo.join(' or '))}` : ''}`);
  }
  for (const v of s.verdicts.slice(0, MAX_VERDICTS)) lines.push(`• *${esc(verdictLine(a, v))}*\n   ${italic(esc(v.reason))}`);
  if (s.verdicts.length > MAX_VERDICTS) {
    const hidden = s.verdicts.slice(MAX_VERDICTS);
    lines.push(`• ${hidden.map((v) => esc(`${versionKey(a, v)}: ${verdictShort(v)}`)).join('; ')}`);
  }
  out.push(section(clip(lines.join('\n'), LIMITS.sectionText)));
  if (s.match && (s.match.level !== 'partial' || s.match.kind === 'log')) {
    out.push(section(`*Why*\n\`\`\`${s.match.evidence.slice(0, MAX_EVIDENCE).map(esc).join('\n')}\`\`\``));
    if (s.match.facts.length > 0) out.push(context(s.match.facts.map(esc).join(' · ')));
  }
  for (const d of s.detail) {
    if (d === 'summary') out.push(section(`*Summary*\n${esc(c.summary)}`));
    if (d === 'cause') out.push(section(`*Cause*\n${esc(c.cause)}`));
    if (d === 'mitigation') out.push(section(`*Mitigation*\n${c.mitigation.map((m, i) => `${i + 1}. ${esc(m)}`).join('\n')}`));
    if (d === 'fix') {
      const found = s.fixes.length > 0 ? fixSentence(a, c.id, new Set(s.verdicts.map((v) => v.product))) : null;
      const where = found && !headline.includes(found) ? found : null;
      out.push(section(`*Fix*\n${esc(c.resolution)}${where ? `\n*${esc(where)}*` : ''}`));
    }
  }
  out.push(context(`${esc(articleLabel(c.id))}${c.reviewed ? ` · reviewed ${c.reviewed}` : ''} · <${c.url}|original article>`));
  const buttons: Button[] = [];
  if (!s.detail.includes('mitigation')) buttons.push(button('Mitigation', ACTIONS.mitigation, c.id));
  if (c.products.length > 0) buttons.push(button('Version table', ACTIONS.versions, c.id));
  if (s.weak) buttons.push(button('This is it', ACTIONS.pick, c.id, 'primary'));
  buttons.push({ type: 'button', action_id: ACTIONS.openArticle, text: { type: 'plain_text', text: 'Open article' }, url: c.url });
  buttons.push(button('👍', ACTIONS.feedbackUp, `${c.id}:${a.intent}`), button('👎', ACTIONS.feedbackDown, `${c.id}:${a.intent}`));
  out.push({ type: 'actions', block_id: `kb_article_${c.id}`, elements: buttons });
  return out;
}

function helpBlocks(a: Answer): KnownBlock[] {
  return [
    section(
      '*Ask me* — in a DM just type it; in a channel, after `/kb` or @kb-bot\n' +
        a.examples.map((e) => `• \`${esc(e)}\``).join('\n') +
        '\n• paste a crash log, a stack trace or a log line, or upload a `.log` file — in a channel I am in, I answer known crashes on my own' +
        '\n• in a thread, follow up: _which version fixes it?_, _how do we mitigate?_, _and IST?_' +
        '\n• `list` — the articles I know · `search <words>` — articles only',
    ),
    context('Mention me (@kb-bot) or send me a direct message; I always answer in the thread.'),
  ];
}

function listBlocks(a: Answer): KnownBlock[] {
  const rows = a.cards.map((c) => `• <${c.url}|${esc(articleLabel(c.id))}> ${esc(c.title)} — _${esc(c.products.map((p) => shortName(a, p)).join(', '))}_ · ${c.hasFix ? 'fix available' : c.inferredFix ? 'fix (inferred)' : 'no fixed version'}`);
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

function size(blocks: KnownBlock[]): number {
  return JSON.stringify(blocks).length;
}

/** Slack italics, unless the text holds underscores or asterisks (total_service_instances), which would break them. */
function italic(text: string): string {
  return /[_*]/.test(text) ? text : `_${text}_`;
}
