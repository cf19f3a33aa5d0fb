import { articleLabel } from '../core/model/article-label.ts';
import { viewAnswer, type ArticleView } from './view-answer.ts';
import { fixSentence } from './headline.ts';
import { verdictLine, articleHeading } from './verdict-line.ts';
import type { Answer } from '../core/model/answer.ts';

/** The answer as terminal text: the verdict first, then what to do, why, and the link. Everything, nothing hidden. */
export function renderText(a: Answer): string {
  const view = viewAnswer(a);
  const out: string[] = [view.headline, ''];
  if (a.intent === 'help') out.push(...helpText(a), '');
  if (a.intent === 'list') {
    for (const c of a.cards) out.push(`  ${articleLabel(c.id)}  ${c.title}  [${c.products.map((p) => a.products.find((x) => x.id === p)?.short ?? p).join(', ')}]  ${c.hasFix ? 'fix available' : c.inferredFix ? 'fix (inferred)' : 'no fix version'}`);
    out.push('');
  } else {
    for (const s of view.sections) out.push(...section(a, s, view.headline), '');
  }
  if (view.unmatched.length > 0) {
    out.push('Crashes that match no known issue:', ...view.unmatched.map((u) => `  - ${u}`), '');
  }
  if (view.notices.length > 0) out.push(...view.notices.map((n) => `Note: ${n}`), '');
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function section(a: Answer, s: ArticleView, headline: string): string[] {
  const c = s.card;
  const out = [`${articleHeading(c)}${s.weak ? ' (a guess, not a confident match)' : ''}`];
  if (s.match) {
    const m = s.match;
    out.push(`  Match: ${m.level} (score ${m.score.toFixed(2)})${m.level === 'partial' ? ' — not a match: only part of it is shared' : ''}`);
    if (m.release) out.push(`  From: ${m.release}${m.upgradeTo?.length ? ` → upgrade to ${m.upgradeTo.join(' or ')}` : ''}`);
    out.push('  Evidence:', ...m.evidence.map((e) => `    ${e}`));
    if (m.facts.length > 0) out.push(`  Trace shows: ${m.facts.join('; ')}`);
  }
  for (const v of s.verdicts) out.push(`  ${verdictLine(a, v)}`, `    why: ${v.reason}`);
  for (const d of s.detail) {
    if (d === 'summary') out.push(`  Summary: ${c.summary}`);
    if (d === 'cause') out.push(`  Cause: ${c.cause}`);
    if (d === 'mitigation') out.push('  Mitigation:', ...c.mitigation.map((m, i) => `    ${i + 1}. ${m}`));
    if (d === 'fix') {
      out.push(`  Fix: ${c.resolution}`);
      const where = fixSentence(a, c.id, new Set(s.verdicts.map((v) => v.product)));
      if (where && s.fixes.length > 0 && !headline.includes(where)) out.push(`  ${where}`);
    }
  }
  out.push(`  ${c.url}${c.reviewed ? ` (reviewed ${c.reviewed})` : ''}`);
  return out;
}

function helpText(a: Answer): string[] {
  return [
    'Ask me:',
    ...a.examples.map((e) => `  • ${e}`),
    '  • paste a crash log, a stack trace or a log line (or upload the .log file)',
    '  • list — the articles I know',
  ];
}
