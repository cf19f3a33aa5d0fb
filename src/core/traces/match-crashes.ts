import { matchSignature } from './match-signature.ts';
import { traceFacts } from './trace-facts.ts';
import { locateRelease, spanOf } from './locate-release.ts';
import { statusOnLine } from '../versions/status-on-line.ts';
import { lineOf } from '../versions/line-of.ts';
import type { Crash } from './find-crashes.ts';
import type { Knowledge } from '../model/knowledge.ts';
import type { TraceMatch } from '../model/answer.ts';

const LEVEL_RANK = { exact: 3, strong: 2, partial: 1 } as const;

/**
 * Matches every crash against every article's signatures; keeps the best
 * match per article, best first. Crashes that match nothing are returned as
 * one-line descriptions.
 */
export function matchCrashes(
  knowledge: Knowledge,
  crashes: readonly Crash[],
  where: (crash: Crash, line: number) => string,
): { matches: TraceMatch[]; unmatched: string[] } {
  const products = new Map(knowledge.products.map((p) => [p.id, p]));
  const best = new Map<string, TraceMatch>();
  const unmatched: string[] = [];
  for (const crash of crashes) {
    const facts = traceFacts(crash);
    let any = false;
    for (const article of knowledge.articles) {
      for (const sig of article.signatures) {
        const m = matchSignature(crash, sig, (line) => where(crash, line), article.components);
        if (!m) continue;
        if (m.level !== 'partial') any = true;
        const factLines: string[] = [];
        if (crash.headers[0]) factLines.push(`crash: ${crash.headers[0]}`);
        if (facts.program) factLines.push(`program: ${facts.program}`);
        if (facts.goVersion) factLines.push(`built with Go ${facts.goVersion} (from the package paths)`);
        if (facts.site) factLines.push(`died at ${facts.site}`);
        const match: TraceMatch = { kind: 'go', article: article.id, signature: sig.id, level: m.level, score: m.score, evidence: m.evidence, facts: factLines };
        const hint = m.level === 'partial' ? null : locateRelease(crash, sig, m, facts.goVersion, products);
        if (hint) {
          match.release = `${hint.product.short} ${spanOf(hint)}`;
          match.evidence.push(`release: ${hint.because.join('; ')}`);
          const table = article.affected.get(hint.product.id);
          const events = table?.lines.get(lineOf(hint.product, hint.from));
          if (events) {
            const atFrom = statusOnLine(events, hint.from);
            const atTo = hint.to ? statusOnLine(events, hint.to) : atFrom;
            if (atFrom.status === 'affected' && atFrom.nextFix) match.upgradeTo = [atFrom.nextFix.version.version];
            if (atFrom.status !== 'affected' && atTo.status !== 'affected') {
              match.releaseStatus = atFrom.status === 'fixed' ? 'fixed' : 'not-affected';
              match.evidence.push(`those releases are ${atFrom.status === 'fixed' ? 'fixed' : 'not affected'} by the article's table; check the versions actually deployed`);
            }
          }
        }
        const prev = best.get(article.id);
        if (!prev || LEVEL_RANK[match.level] > LEVEL_RANK[prev.level] || (prev.level === match.level && match.score > prev.score)) {
          best.set(article.id, match);
        }
      }
    }
    if (!any) unmatched.push(describeCrash(crash, facts.program));
  }
  const matches = [...best.values()].sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level] || b.score - a.score);
  return { matches, unmatched: [...new Set(unmatched)] };
}

function describeCrash(crash: Crash, program: string | null): string {
  const what = crash.headers[0] ?? (crash.goroutine ? `goroutine ${crash.goroutine.id} [${crash.goroutine.state}]` : 'a stack trace');
  const top = crash.frames[0]?.fn;
  return `${what}${top ? ` in ${top}` : ''}${program ? ` (${program})` : ''}`;
}
