import { articleLabel } from '../core/model/article-label.ts';
import { articleOf, byArticle, exposureLine, fleetHeadline, productsText } from './view-fleet.ts';
import type { Knowledge } from '../core/model/knowledge.ts';
import type { FleetAnswer } from '../core/model/fleet.ts';

/** The fleet answer as terminal text: the headline, then per foundation its articles, worst first. */
export function renderFleetText(knowledge: Knowledge, a: FleetAnswer): string {
  const out: string[] = [fleetHeadline(knowledge, a), ''];
  const one = a.article !== null ? articleOf(knowledge, a.article) : undefined;
  if (one) out.push(`${articleLabel(one.id)} — ${one.title}`, `  Fix: ${one.resolution}`, `  ${one.url}`, '');
  for (const f of a.foundations) {
    const labels = [f.environment, f.channel ? `owner ${f.channel}` : undefined].filter(Boolean).join(', ');
    out.push(`${f.name}${labels ? ` (${labels})` : ''} — ${productsText(knowledge, f)}`);
    if (f.exposures.length === 0) out.push(one ? '  not covered: the article names none of its products' : '  nothing affected, depends or unknown');
    for (const g of byArticle(f.exposures)) {
      const article = articleOf(knowledge, g.article);
      if (!one) out.push(`  ${articleLabel(g.article)} — ${article?.title ?? ''}`);
      for (const e of g.exposures) out.push(`${one ? '  ' : '    '}${exposureLine(knowledge, e)}`, `${one ? '    ' : '      '}why: ${e.reason}`);
    }
    out.push('');
  }
  const ids = [...new Set(a.foundations.flatMap((f) => f.exposures.map((e) => e.article)))];
  if (!one && ids.length > 0) {
    out.push('Articles:', ...ids.map((id) => `  ${articleLabel(id)}: ${articleOf(knowledge, id)?.url ?? ''}`), '');
  }
  for (const n of a.notices) if (a.foundations.length > 0) out.push(`Note: ${n}`);
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** The documented `kb-bot fleet --json` contract (docs/cli.md): exactly these fields. */
export function renderFleetJson(a: FleetAnswer): string {
  const foundations = a.foundations.map((f) => ({
    name: f.name,
    products: f.products.map((p) => ({ product: p.product, version: p.version })),
    exposures: f.exposures.map((e) => ({
      article: e.article, product: e.product, version: e.version, status: e.status,
      fixedIn: e.fixedIn, upgradeTo: e.upgradeTo, basis: e.basis,
    })),
  }));
  return `${JSON.stringify({ foundations }, null, 2)}\n`;
}
