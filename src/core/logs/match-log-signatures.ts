import { findLogLine, lineIndex, type LineIndex, type LogHit, type LogSource } from './find-log-line.ts';
import type { Budget } from './match-log-pattern.ts';
import type { Article, Knowledge, LogSignature } from '../model/knowledge.ts';
import type { MatchLevel, TraceMatch } from '../model/answer.ts';

/** A part of a big input (as cut by `scanStream`): where it starts and its text. */
export interface LogExcerpt {
  offset: number;
  text: string;
}

/** Work allowed per signature: every character looked at costs about one. */
export const STEPS_PER_SIGNATURE = 6_000_000;
const LEVEL_RANK: Record<MatchLevel, number> = { exact: 3, strong: 2, partial: 1 };
const SCORE: Record<MatchLevel, number> = { exact: 1, strong: 0.75, partial: 0.35 };

/**
 * Finds the articles' log signatures in a paste (a string) or in the excerpts
 * of a big input: one match per article, best first, each with `kind: 'log'`,
 * the level, evidence lines and whether the line is specific enough for an
 * unasked reply. Pure and bounded: only lines holding a signature's anchor
 * are read, in windows, within a fixed budget per signature. `stats.steps`
 * adds up the work done (for tests of the bound).
 */
export function matchLogSignatures(knowledge: Knowledge, input: string | readonly LogExcerpt[], stats?: { steps: number }): TraceMatch[] {
  const sources: LogSource[] = typeof input === 'string'
    ? [{ text: input, where: (line) => `line ${line}` }]
    : input.map((e) => ({ text: e.text, where: (line) => `excerpt at byte ${e.offset.toLocaleString('en-US')}, line ${line}` }));
  const indexes = sources.map((s) => lineIndex(s.text));
  const out: TraceMatch[] = [];
  for (const article of knowledge.articles) {
    const found: { sig: LogSignature; hit: LogHit; where: string }[] = [];
    for (const sig of article.logSignatures) {
      const budget: Budget = { steps: STEPS_PER_SIGNATURE };
      let best: { hit: LogHit; where: string } | null = null;
      sources.forEach((source, i) => {
        if (best?.hit.level === 'exact' || budget.steps <= 0) return;
        const hit = findLogLine(sig, source, budget, indexes[i] as LineIndex);
        if (hit && (!best || LEVEL_RANK[hit.level] > LEVEL_RANK[best.hit.level])) best = { hit, where: source.where(hit.line) };
      });
      if (stats) stats.steps += STEPS_PER_SIGNATURE - budget.steps;
      const b = best as { hit: LogHit; where: string } | null;
      if (b) found.push({ sig, hit: b.hit, where: b.where });
    }
    const match = articleMatch(article, found);
    if (match) out.push(match);
  }
  return out.sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level] || b.score - a.score);
}

function articleMatch(article: Article, found: { sig: LogSignature; hit: LogHit; where: string }[]): TraceMatch | null {
  if (found.length === 0) return null;
  const ordered = [...found].sort((a, b) => LEVEL_RANK[b.hit.level] - LEVEL_RANK[a.hit.level] || Number(b.sig.specific) - Number(a.sig.specific));
  const top = ordered[0] as (typeof found)[number];
  const evidence = ordered.map(({ sig, hit, where }) => evidenceLine(sig, hit, where));
  const facts = [...new Set(ordered.flatMap(({ sig }) => (sig.log ? [`log: ${sig.log}`] : [])))];
  const generic = ordered.filter((f) => f.hit.level !== 'partial' && !f.sig.specific);
  if (generic.length > 0 && !ordered.some((f) => f.hit.level !== 'partial' && f.sig.specific)) {
    evidence.push('the line is generic: other causes log it too, so kb-bot names this issue only when asked');
  }
  return {
    kind: 'log',
    article: article.id,
    signature: top.sig.id,
    level: top.hit.level,
    score: SCORE[top.hit.level],
    evidence,
    facts,
    specific: ordered.some((f) => f.hit.level !== 'partial' && f.sig.specific),
  };
}

function evidenceLine(sig: LogSignature, hit: LogHit, where: string): string {
  const log = sig.log ? ` (${sig.log})` : '';
  switch (hit.level) {
    case 'exact':
      return `${where} is the article's log line${log}: ${hit.text}`;
    case 'strong':
      return `${where} is the start of the article's log line${log}, cut off before its end: ${hit.text}`;
    default:
      return `${where} holds only part of the article's log line${log}, without its context (${sig.line.source}): ${hit.text}`;
  }
}
