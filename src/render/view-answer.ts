import type { Prepared } from '../core/answer/prepare.ts';
import type { Answer, TraceMatch, VersionVerdict } from '../core/model/answer.ts';
import type { Article } from '../core/model/knowledge.ts';

/** What every renderer shows, decided once: the verdict first, then per article. */
export interface AnswerView {
  headline: string;
  sections: ArticleView[];
  notices: string[];
  unmatched: string[];
}

export interface ArticleView {
  article: Article;
  verdicts: VersionVerdict[];
  match: TraceMatch | null;
  /** Show summary, mitigation and fix (the articles the answer is about). */
  detail: boolean;
}

const STATUS_WORD: Record<VersionVerdict['status'], string> = {
  affected: 'affected',
  fixed: 'fixed',
  'not-affected': 'not affected',
  unknown: 'unknown',
  depends: 'depends on the patch',
};

/** Turns an Answer into the parts every adapter renders the same way. */
export function viewAnswer(kb: Prepared, a: Answer): AnswerView {
  const sections: ArticleView[] = [];
  const section = (id: string): ArticleView | null => {
    const article = kb.articles.get(id);
    if (!article) return null;
    let s = sections.find((x) => x.article.id === id);
    if (!s) {
      s = { article, verdicts: [], match: null, detail: false };
      sections.push(s);
    }
    return s;
  };
  for (const t of a.traces) {
    const s = section(t.article);
    if (s) {
      s.match = t;
      s.detail = t.level !== 'partial';
    }
  }
  for (const v of a.versions) section(v.article)?.verdicts.push(v);
  if (a.intent === 'search') for (const h of a.articles) section(h.id);
  const first = sections[0];
  if (first && (a.intent === 'search' || (a.intent === 'version' && sections.length <= 2))) first.detail = true;
  return { headline: headline(kb, a), sections, notices: a.notices, unmatched: a.unmatched };
}

/** One verdict as a line: "TAS 2.13.20: affected — fixed in 2.13.34". */
export function verdictLine(kb: Prepared, v: VersionVerdict): string {
  const product = kb.products.get(v.product)?.short ?? v.product;
  let line = `${product} ${v.version}: ${STATUS_WORD[v.status]}`;
  if (v.status === 'affected' && v.condition) line += ` (only when ${v.condition})`;
  if (v.fixedIn && v.status !== 'fixed') line += ` — fixed in ${v.fixedIn}`;
  else if (v.status === 'fixed' && v.fixedIn) line += ` (fix in ${v.fixedIn})`;
  if (v.upgradeTo.length > 0 && !(v.upgradeTo.length === 1 && v.upgradeTo[0] === v.fixedIn)) line += `; upgrade to ${v.upgradeTo.join(' or ')}`;
  else if (v.status === 'affected' && v.upgradeTo.length > 0) line += `; upgrade to ${v.upgradeTo[0]}`;
  return `${line} (${v.basis})`;
}

function headline(kb: Prepared, a: Answer): string {
  switch (a.intent) {
    case 'help':
      return 'kb-bot answers version questions, recognises pasted crashes and finds known-issue articles.';
    case 'list':
      return `kb-bot knows ${a.articles.length} article${a.articles.length === 1 ? '' : 's'}.`;
    case 'trace':
      return traceHeadline(kb, a);
    case 'version':
      return versionHeadline(kb, a.versions);
    case 'search':
      return a.articles.length === 1 ? 'One article matches.' : `${a.articles.length} articles match, best first.`;
    default:
      // Nothing was read (kb-bot was busy): the notice is the answer.
      if (a.query === '' && a.notices[0]) return a.notices[0];
      return 'I found no version, crash or known issue in that. Ask "is TAS 2.13.20 affected?", paste a crash, or try "help".';
  }
}

/** "Which IST version fixes it?": the fix per release line, and the lines with none. */
function fixSummary(product: string, verdicts: VersionVerdict[]): string {
  const fixed = verdicts.flatMap((v) => (v.fixedIn ? [v.fixedIn] : v.lastAffected ? [`after ${v.lastAffected}`] : []));
  const none = verdicts.filter((v) => !v.fixedIn && !v.lastAffected && v.status !== 'unknown');
  const article = `KB ${verdicts[0]?.article}`;
  let line = fixed.length > 0 ? `${article} is fixed on ${product}: ${fixed.join(', ')} (one per release line)` : `${article} has no fixed ${product} version`;
  if (fixed.length > 0 && none.length > 0) {
    const moves = none[0]?.upgradeTo ?? [];
    line += `; ${none.map((v) => v.line).join(', ')} ${none.length === 1 ? 'has' : 'have'} no fix${moves.length > 0 ? ` (move to ${moves.join(' or ')})` : ''}`;
  }
  return `${line}.`;
}

/** One verdict, said plainly: the status first, then what to do. */
function singleHeadline(key: string, v: VersionVerdict): string {
  const kb = `KB ${v.article}`;
  switch (v.status) {
    case 'affected': {
      const when = v.condition ? ` when ${v.condition}` : '';
      const next = v.fixedIn
        ? ` — fixed in ${v.fixedIn}`
        : v.lastAffected
          ? ` — upgrade past ${v.lastAffected}, its last affected patch`
          : v.upgradeTo.length > 0
            ? ` — no ${v.line} fix; upgrade to ${v.upgradeTo.join(' or ')}`
            : ' — no fixed version';
      return `${key} is affected by ${kb}${when}${next}.`;
    }
    case 'fixed':
      return `${key} has the fix for ${kb}.`;
    case 'not-affected':
      return `${key} is not affected by ${kb}.`;
    case 'depends':
      return `${key}: whether ${kb} applies depends on the patch${v.fixedIn ? ` — fixed from ${v.fixedIn}` : ''}.`;
    default:
      return `${kb} does not say whether ${key} is affected.`;
  }
}

function traceHeadline(kb: Prepared, a: Answer): string {
  const matches = a.traces.filter((t) => t.level !== 'partial');
  const top = matches[0];
  let line: string;
  if (top) {
    const title = kb.articles.get(top.article)?.title ?? '';
    line = `This crash is KB ${top.article}: ${title} (${top.level} match${top.release ? `, from ${top.release}` : ''}).`;
    if (matches.length > 1) line += ` It also matches ${matches.slice(1).map((m) => `KB ${m.article} (${m.level})`).join(', ')}.`;
  } else {
    const closest = a.traces[0];
    line = 'No known issue matches this crash.';
    if (closest) line += ` Closest: KB ${closest.article}, which shares only part of it.`;
  }
  if (a.versions.length > 0) line += ` ${versionHeadline(kb, a.versions)}`;
  return line;
}

function versionHeadline(kb: Prepared, verdicts: VersionVerdict[]): string {
  const first = verdicts[0];
  const lineTable = first && verdicts.length > 1 && verdicts.every((v) => v.version === v.line && v.article === first.article && v.product === first.product);
  if (first && lineTable) return fixSummary(kb.products.get(first.product)?.short ?? first.product, verdicts);
  const groups = new Map<string, VersionVerdict[]>();
  for (const v of verdicts) {
    const key = `${kb.products.get(v.product)?.short ?? v.product} ${v.version}`;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  return [...groups.entries()]
    .map(([key, vs]) => {
      if (vs.length === 1) return singleHeadline(key, vs[0] as VersionVerdict);
      const count = (s: VersionVerdict['status']) => vs.filter((v) => v.status === s).length;
      const parts = [
        count('affected') && `affected by ${count('affected')} known issue${count('affected') === 1 ? '' : 's'}`,
        count('depends') && `${count('depends')} depend${count('depends') === 1 ? 's' : ''} on the patch`,
        count('fixed') && `${count('fixed')} fixed`,
        count('not-affected') && `${count('not-affected')} not affecting it`,
        count('unknown') && `${count('unknown')} unknown`,
      ].filter(Boolean);
      return `${key}: ${parts.join(', ')}.`;
    })
    .join(' ');
}
