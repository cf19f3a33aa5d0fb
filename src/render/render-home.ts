import { fitBlocks } from './fit-blocks.ts';
import { section, context } from './render-blocks.ts';
import { escapeMrkdwn as esc } from './escape-mrkdwn.ts';
import { shortName } from './verdict-line.ts';
import { articleLabel } from '../core/model/article-label.ts';
import type { KnownBlock } from './block-types.ts';
import type { Answer, ArticleCard } from '../core/model/answer.ts';

export interface HomeActivity {
  /** ISO time. */
  at: string;
  what: string;
}

export interface HomeGap {
  member: string;
  score: number;
}

/** What the App Home shows besides the knowledge itself; each part is one section function below. */
export interface HomeParts {
  /** The live knowledge's version, shown at the bottom. */
  knowledgeVersion: string;
  /** The viewer's own recent answers (never anyone else's). */
  activity: HomeActivity[];
  /** Knowledge gaps of the last `weeks` weeks, for the people who maintain the knowledge. */
  gaps?: { unanswered: HomeGap[]; uncovered: HomeGap[]; downvoted: HomeGap[]; weeks: number };
}

const MAX_ARTICLES = 40;
const INTENT_WORD: Record<string, string> = { trace: 'crash', version: 'version', search: 'search', none: 'no-match', help: 'help' };

/** The App Home tab from the `list` answer: how to ask, the articles, knowledge gaps, the viewer's activity. Pure. */
export function renderHome(list: Answer, parts: HomeParts): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'kb-bot — known issues for on-call' } },
    ...howToAsk(list),
    { type: 'divider' },
    ...articles(list),
    ...(parts.gaps ? [{ type: 'divider' } as KnownBlock, ...knowledgeGaps(list, parts.gaps)] : []),
    { type: 'divider' },
    ...yourActivity(parts.activity),
    context(`Knowledge version ${parts.knowledgeVersion}`),
  ];
  // Home tabs allow 100 blocks; the shared limits keep it well inside.
  return fitBlocks(blocks, 'More articles: /kb list.');
}

function howToAsk(list: Answer): KnownBlock[] {
  return [section(`*How to ask*\n${list.examples.map((e) => `• \`/kb ${esc(e)}\``).join('\n')}\n• mention @kb-bot in a thread, or paste a crash in a channel I am in`)];
}

function articles(list: Answer): KnownBlock[] {
  const all = list.cards;
  const rows = all.slice(0, MAX_ARTICLES).map((c) => `<${c.url}|${esc(articleLabel(c.id))}> ${esc(c.title)}\n_${esc(c.products.map((p) => shortName(list, p)).join(', '))} · ${c.hasFix ? 'fix available' : c.inferredFix ? 'fix (inferred)' : 'no fixed version'}_`);
  const out: KnownBlock[] = [section(`*Articles (${all.length})*`)];
  for (let i = 0; i < rows.length; i += 8) out.push(section(rows.slice(i, i + 8).join('\n')));
  if (all.length > MAX_ARTICLES) out.push(context(`${all.length - MAX_ARTICLES} more: /kb list.`));
  return out;
}

function knowledgeGaps(list: Answer, gaps: NonNullable<HomeParts['gaps']>): KnownBlock[] {
  const out: KnownBlock[] = [section(`*Knowledge gaps* — the last ${gaps.weeks} weeks, for the people who maintain the knowledge`)];
  const times = (n: number) => `${n}×`;
  const parts: [string, HomeGap[], (g: HomeGap) => string][] = [
    ['Questions that found nothing', gaps.unanswered, (g) => `${esc(g.member)} — ${times(g.score)}`],
    ['Release lines asked about that an article leaves out', gaps.uncovered, (g) => `${uncovered(list.cards, g.member)} — ${times(g.score)}`],
    ['Most 👎 answers', gaps.downvoted, (g) => `${downvoted(list.cards, g.member)} — ${g.score} ${g.score === 1 ? 'person' : 'people'}`],
  ];
  for (const [title, rows, line] of parts) {
    out.push(section(`*${title}*\n${rows.length > 0 ? rows.map((g) => `• ${line(g)}`).join('\n') : '_none_'}`));
  }
  out.push(context('Counts only, no user names; questions from DMs and private channels are counted without their text.'));
  return out;
}

/** "TAS 2.12|298398" → "TAS 2.12, not in KB 298398's table". */
function uncovered(cards: readonly ArticleCard[], member: string): string {
  const at = member.lastIndexOf('|');
  if (at < 0) return esc(member);
  const id = member.slice(at + 1);
  const a = cards.find((c) => c.id === id);
  return `${esc(member.slice(0, at))}, not in ${a ? `<${a.url}|${esc(articleLabel(id))}>` : esc(articleLabel(id))}'s table`;
}

function downvoted(cards: readonly ArticleCard[], member: string): string {
  const [id = member, intent] = member.split(':');
  const a = cards.find((c) => c.id === id);
  const what = intent && intent !== 'unknown' ? ` (${esc(INTENT_WORD[intent] ?? intent)} answers)` : '';
  return a ? `<${a.url}|${esc(articleLabel(id))}> ${esc(a.title)}${what}` : `${esc(articleLabel(id))}${what}`;
}

function yourActivity(activity: HomeActivity[]): KnownBlock[] {
  const rows = activity.map((e) => `${slackDate(e.at)} — ${esc(e.what)}`);
  return [section('*Your recent activity*'), context(rows.length > 0 ? rows.join('\n') : 'Nothing yet: ask me something.')];
}

/** A time each reader sees in their own time zone (Slack's date formatting), with a UTC fallback. */
function slackDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return esc(iso);
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${iso.slice(0, 16).replace('T', ' ')} UTC>`;
}
