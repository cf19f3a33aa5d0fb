import type { Article, Product } from '../model/knowledge.ts';
import type { Answer, ArticleCard, ProductName } from '../model/answer.ts';
import type { Prepared } from './prepare.ts';

/** What renderers need of an article, so they never need the knowledge. */
export function articleCard(a: Article): ArticleCard {
  const card: ArticleCard = {
    id: a.id,
    title: a.title,
    url: a.url,
    summary: a.summary,
    mitigation: a.mitigation,
    resolution: a.resolution,
    cause: a.cause,
    products: [...a.affected.keys()],
    // A fix exists when some line ends fixed by a stated event (a temporary restore is not a fix).
    aspects: a.aspects.map((x) => ({ id: x.id, title: x.title })),
    hasFix: [...a.affected.values()].some((t) => [...t.lines.values()].some((e) => e.at(-1)?.kind === 'fixed' && !e.at(-1)?.inferred)),
    inferredFix: [...a.affected.values()].some((t) => [...t.lines.values()].some((e) => e.at(-1)?.kind === 'fixed' && e.at(-1)?.inferred !== undefined)),
  };
  if (a.reviewed !== undefined) card.reviewed = a.reviewed;
  return card;
}

export function productName(p: Product): ProductName {
  return { id: p.id, short: p.short, name: p.name, kind: p.scheme === 'single' ? 'component' : 'tile' };
}

/** Fills in the cards and product names of every article and product the answer mentions. */
export function withCards(kb: Prepared, a: Answer, extra: readonly string[] = []): Answer {
  const ids: string[] = [];
  const add = (id: string | null) => {
    if (id !== null && !ids.includes(id) && kb.articles.has(id)) ids.push(id);
  };
  add(a.lead);
  for (const t of a.traces) add(t.article);
  for (const v of a.versions) add(v.article);
  for (const h of a.articles) add(h.id);
  extra.forEach(add);
  const cards = ids.map((id) => articleCard(kb.articles.get(id) as Article));
  const productIds = new Set([...a.versions.map((v) => v.product), ...a.fixes.map((f) => f.product), ...cards.flatMap((c) => c.products)]);
  const products = kb.knowledge.products.filter((p) => productIds.has(p.id)).map(productName);
  return { ...a, cards, products };
}
