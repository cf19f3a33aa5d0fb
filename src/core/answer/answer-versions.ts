import { verdictsForLine, verdictsForVersion } from '../versions/verdict.ts';
import type { ParsedQuestion } from '../question/parse-question.ts';
import type { ParsedVersion } from '../versions/parse-version.ts';
import { productVersion, claimsBareVersion } from '../versions/product-version.ts';
import { checkReleaseLine } from '../versions/check-release-line.ts';
import { mentionedAspects } from '../knowledge/mentioned-aspects.ts';
import { shortVersionsAfterNames } from '../versions/short-versions.ts';
import type { Article, Product } from '../model/knowledge.ts';
import type { Prepared } from './prepare.ts';
import type { ArticleHit, VersionVerdict } from '../model/answer.ts';

const STATUS_RANK: Record<VersionVerdict['status'], number> = { affected: 0, depends: 1, unknown: 2, fixed: 3, 'not-affected': 4 };

/**
 * Verdicts for every (product, version) in the question, from every article
 * that covers the product — or only the named articles. A bare version is
 * answered for each product whose release lines include it. A product named
 * with no version, when the question points at one article, gets that
 * article's verdict for each listed line.
 */
export function answerVersions(
  kb: Prepared,
  q: ParsedQuestion,
  named: string[],
  order: Map<string, number>,
  searchHits: ArticleHit[],
): { verdicts: VersionVerdict[]; notices: string[] } {
  const notices: string[] = [];
  // A question that describes one issue ("… the concurrent map writes crash?") is about that article.
  const clearWinner = searchHits[0] !== undefined && (searchHits[1]?.score ?? 0) <= 0.6;
  const focus = named.length === 1 ? named[0] : clearWinner ? searchHits[0]?.id : undefined;
  const scope = named.length > 0 ? named : focus !== undefined ? [focus] : [];
  const articles = scope.length > 0 ? scope.flatMap((id) => kb.articles.get(id) ?? []) : kb.knowledge.articles;
  const verdicts: VersionVerdict[] = [];

  // "nats v38": whole-number versions the product's people write (until the question parser reads them itself).
  const short = shortVersionsAfterNames(q.text, kb.matchProducts(q.text))
    .filter((x) => !q.questions.some((y) => y.product?.id === x.product.id && y.version.text === x.version.text));
  const questions = [...q.questions, ...short];
  for (const question of questions) {
    const products = question.product ? [question.product] : productsWithLine(kb.knowledge.products, question.version, articles);
    if (products.length === 0) {
      notices.push(`No product in the knowledge base has a ${question.version.text} release; name the product (TAS, IST, routing-release).`);
      continue;
    }
    for (const product of products) {
      const version = productVersion(product, question.version);
      if (!version) {
        notices.push(`${question.version.text} is not a ${product.short} version.`);
        continue;
      }
      if (version.text !== question.version.text) notices.push(`${product.short} ${question.version.text} was read as ${version.text}.`);
      // Catalog hygiene: no verdict on a release line the product does not have (TAS 8.7.1).
      const line = checkReleaseLine(product, version);
      if (line.kind !== 'listed') notices.push(line.notice);
      if (line.kind === 'unlisted') continue;
      const found = articles.flatMap((a) => verdictsOf(a, product, version));
      if (found.length === 0) notices.push(noCoverage(product, scope.length > 0));
      if (named.length === 0 && focus !== undefined) {
        const others = kb.knowledge.articles.filter((a) => a.id !== focus && a.affected.has(product.id)).length;
        if (others > 0) notices.push(`Answered for KB ${focus}, the issue the question describes; ${others} other known issue(s) also cover ${product.short}: ask "${product.short} ${version.text}" alone to see them all.`);
      }
      verdicts.push(...found);
    }
  }

  // "Which IST version fixes the gorouter crash?": one article in view, a product, no version.
  if (questions.length === 0 && q.productsOnly.length > 0 && focus !== undefined) {
    const article = kb.articles.get(focus) as Article;
    for (const product of q.productsOnly) {
      const table = article.affected.get(product.id);
      if (!table) {
        notices.push(`${article.id} does not cover ${product.short}.`);
        continue;
      }
      for (const line of table.lines.keys()) verdicts.push(...verdictsForLine(article, product, line));
    }
  }

  const rank = (id: string) => order.get(id) ?? order.size;
  // A symptom the question names comes first among its article's rows; the others stay.
  const asked = (v: VersionVerdict) => (v.aspect !== undefined && mentionedAspects(kb.articles.get(v.article) as Article, q.text).includes(v.aspect) ? 0 : 1);
  verdicts.sort((a, b) => rank(a.article) - rank(b.article) || asked(a) - asked(b) || STATUS_RANK[a.status] - STATUS_RANK[b.status]);
  // Array.prototype.sort is stable: equal verdicts keep the question's order.
  return { verdicts, notices: [...new Set(notices)] };
}

function verdictsOf(article: Article, product: Product, v: ParsedVersion): VersionVerdict[] {
  return v.kind === 'full' ? verdictsForVersion(article, product, v.version) : verdictsForLine(article, product, v.line);
}

function productsWithLine(products: Product[], v: ParsedVersion, articles: Article[]): Product[] {
  return products.filter((p) => articles.some((a) => a.affected.has(p.id)) && claimsBareVersion(p, v));
}

function noCoverage(product: Product, named: boolean): string {
  const base = named ? `The named article does not cover ${product.name}.` : `No article in the knowledge base covers ${product.name}.`;
  return product.note ? `${base} ${product.note}` : base;
}
