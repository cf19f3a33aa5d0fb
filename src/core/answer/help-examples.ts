import { articleLabel } from '../model/article-label.ts';
import type { Prepared } from './prepare.ts';

/** Example questions built from the live knowledge, so help never shows a stale one. */
export function helpExamples(kb: Prepared): string[] {
  const examples: string[] = [];
  // Prefer an article with a crash signature and a fix: it shows the most.
  const rank = (a: (typeof kb.knowledge.articles)[number]) =>
    (a.signatures.length > 0 ? 0 : 2) + ([...a.affected.values()].some((t) => [...t.lines.values()].some((e) => e.at(-1)?.kind === 'fixed')) ? 0 : 1);
  for (const a of [...kb.knowledge.articles].sort((x, y) => rank(x) - rank(y))) {
    for (const [productId, table] of a.affected) {
      const product = kb.products.get(productId);
      const [line, events] = [...table.lines.entries()].find(([, e]) => e.some((x) => x.kind === 'introduced')) ?? [];
      const intro = events?.find((x) => x.kind === 'introduced');
      if (product && line && intro && product.scheme === 'minor') {
        examples.push(`is ${product.short} ${intro.version.major}.${intro.version.minor}.${intro.version.patch + 2} affected?`);
        examples.push(`which ${product.short} version fixes ${articleLabel(a.id)}?`);
        break;
      }
    }
    if (examples.length > 0) break;
  }
  const withLog = kb.knowledge.articles.find((a) => a.logLines.length > 0);
  if (withLog) examples.push(withLog.logLines[0] as string);
  const tag = kb.knowledge.articles.find((a) => a.tags.length > 2)?.tags.slice(0, 2).join(' ');
  if (tag) examples.push(tag);
  return examples;
}
