import { headline } from './headline.ts';
import type { Answer, ArticleCard, FixLine, TraceMatch, VersionVerdict } from '../core/model/answer.ts';
import type { Want } from '../core/model/query.ts';

/** What every renderer shows, decided once: the headline, then one section per article. */
export interface AnswerView {
  headline: string;
  sections: ArticleView[];
  notices: string[];
  unmatched: string[];
}

export interface ArticleView {
  card: ArticleCard;
  verdicts: VersionVerdict[];
  match: TraceMatch | null;
  /** The article's fix per product line (for the lead and matched articles). */
  fixes: FixLine[];
  /** Which of summary, mitigation and fix to show, in this order; empty for a compact section. */
  detail: ('summary' | 'cause' | 'mitigation' | 'fix')[];
  /** The article the question leads with (shown first). */
  lead: boolean;
  /** A search result that is only a best guess. */
  weak: boolean;
}

/** Turns an Answer into the parts every adapter renders the same way. Needs nothing but the Answer. */
export function viewAnswer(a: Answer): AnswerView {
  const sections: ArticleView[] = [];
  const section = (id: string): ArticleView | null => {
    const card = a.cards.find((c) => c.id === id);
    if (!card) return null;
    let s = sections.find((x) => x.card.id === id);
    if (!s) {
      s = { card, verdicts: [], match: null, fixes: a.fixes.filter((f) => f.article === id), detail: [], lead: id === a.lead, weak: false };
      sections.push(s);
    }
    return s;
  };
  if (a.lead) section(a.lead);
  for (const t of a.traces) {
    const s = section(t.article);
    if (s) {
      s.match = t;
      if (t.level !== 'partial') s.detail = detailFor(a.focus, ['summary', 'cause', 'mitigation', 'fix']);
    }
  }
  for (const v of a.versions) section(v.article)?.verdicts.push(v);
  if (a.intent === 'search' || a.intent === 'list' || a.intent === 'article') {
    for (const h of a.articles) {
      const s = section(h.id);
      if (s && h.weak) s.weak = true;
    }
  }
  const first = sections[0];
  if (first && first.detail.length === 0) {
    if (a.intent === 'article' || (first.lead && a.focus.some((f) => f !== 'exposure'))) first.detail = detailFor(a.focus, ['summary', 'cause', 'mitigation', 'fix']);
    else if (a.intent === 'search' && !first.weak) first.detail = ['summary', 'mitigation', 'fix'];
    else if (a.intent === 'version' && first.lead) first.detail = first.verdicts.some((v) => v.status === 'affected' || v.status === 'depends') ? ['mitigation', 'fix'] : [];
    else if (a.intent === 'version' && sections.length <= 2) first.detail = ['summary', 'mitigation', 'fix'];
  }
  const head = headline(a);
  // A notice the headline already says is not said twice.
  const said = (n: string) => n === head || head.startsWith(n) || (a.intent === 'none' && a.otherSoftware.some((o) => n.startsWith(`${o.name} ${o.version} is a version of`)));
  return { headline: head, sections, notices: a.notices.filter((n) => !said(n)), unmatched: a.unmatched };
}

/** The parts the question asked for first ("how do we mitigate?" → mitigation, then the fix). */
function detailFor(focus: readonly Want[], all: ArticleView['detail']): ArticleView['detail'] {
  const asked = all.filter((d) => focus.includes(d));
  if (asked.length === 0) return all.filter((d) => d !== 'cause');
  if (asked.includes('cause') && !asked.includes('summary')) asked.unshift('summary');
  if (asked.includes('mitigation') && !asked.includes('fix')) asked.push('fix');
  if (asked.includes('fix') && !asked.includes('mitigation')) asked.push('mitigation');
  return asked;
}
