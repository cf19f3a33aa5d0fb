import { viewAnswer, verdictLine, type ArticleView } from './view-answer.ts';
import { helpExamples } from '../core/answer/help-examples.ts';
import type { Prepared } from '../core/answer/prepare.ts';
import type { Answer } from '../core/model/answer.ts';

/** The answer as terminal text: the verdict first, then what to do, why, and the link. */
export function renderText(kb: Prepared, a: Answer): string {
  const view = viewAnswer(kb, a);
  const out: string[] = [view.headline, ''];
  if (a.intent === 'help') out.push(...helpText(kb), '');
  if (a.intent === 'list') {
    for (const art of kb.knowledge.articles) out.push(`  KB ${art.id}  ${art.title}  [${productsOf(kb, art.id)}]  ${hasFix(kb, art.id) ? 'fix available' : 'no fix version'}`);
    out.push('');
  }
  for (const s of view.sections) out.push(...section(kb, s), '');
  if (view.unmatched.length > 0) {
    out.push('Crashes that match no known issue:', ...view.unmatched.map((u) => `  - ${u}`), '');
  }
  if (view.notices.length > 0) out.push(...view.notices.map((n) => `Note: ${n}`), '');
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function section(kb: Prepared, s: ArticleView): string[] {
  const a = s.article;
  const out = [`KB ${a.id} — ${a.title}`];
  if (s.match) {
    const m = s.match;
    out.push(`  Match: ${m.level} (score ${m.score.toFixed(2)})${m.level === 'partial' ? ' — not a match: only part of the crash is shared' : ''}`);
    if (m.release) out.push(`  From: ${m.release}${m.upgradeTo?.length ? ` → upgrade to ${m.upgradeTo.join(' or ')}` : ''}`);
    out.push('  Evidence:', ...m.evidence.map((e) => `    ${e}`));
    if (m.facts.length > 0) out.push(`  Trace shows: ${m.facts.join('; ')}`);
  }
  for (const v of s.verdicts) out.push(`  ${verdictLine(kb, v)}`, `    why: ${v.reason}`);
  if (s.detail) {
    out.push(`  Summary: ${a.summary}`);
    out.push('  Mitigation:', ...a.mitigation.map((m, i) => `    ${i + 1}. ${m}`));
    out.push(`  Fix: ${a.resolution}`);
  }
  out.push(`  ${a.url}${a.reviewed ? ` (reviewed ${a.reviewed})` : ''}`);
  return out;
}

function helpText(kb: Prepared): string[] {
  return [
    'Ask me:',
    ...helpExamples(kb).map((e) => `  • ${e}`),
    '  • paste a crash log or stack trace (or upload the .log file)',
    '  • list — the articles I know',
  ];
}

export function productsOf(kb: Prepared, id: string): string {
  const a = kb.articles.get(id);
  return a ? [...a.affected.keys()].map((p) => kb.products.get(p)?.short ?? p).join(', ') : '';
}

export function hasFix(kb: Prepared, id: string): boolean {
  const a = kb.articles.get(id);
  // A fix exists when some line ends fixed by a stated event (a temporary restore is not a fix).
  return !!a && [...a.affected.values()].some((t) => [...t.lines.values()].some((e) => e.at(-1)?.kind === 'fixed' && !e.at(-1)?.inferred));
}
