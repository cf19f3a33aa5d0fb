import { articleLabel } from '../model/article-label.ts';
import semver from 'semver';
import { verdictsForLine, verdictsForVersion } from '../versions/verdict.ts';
import { productVersion, claimsBareVersion } from '../versions/product-version.ts';
import { checkReleaseLine } from '../versions/check-release-line.ts';
import { mentionedAspects } from '../knowledge/mentioned-aspects.ts';
import { verdictForRange } from '../versions/verdict-for-range.ts';
import { compareLines, lineOf } from '../versions/line-of.ts';
import type { Article, Product } from '../model/knowledge.ts';
import type { VersionAsk, VersionSpec } from '../model/query.ts';
import type { VersionVerdict } from '../model/answer.ts';
import type { Prepared } from './prepare.ts';

export const STATUS_RANK: Record<VersionVerdict['status'], number> = { affected: 0, depends: 1, unknown: 2, fixed: 3, 'not-affected': 4 };

/**
 * Verdicts for every asked (product, version) from every article that covers
 * the product — never only the one the question seems to be about: `rank`
 * orders articles, it never filters them. A bare version is answered for
 * every product whose release lines include it.
 */
export function answerVersions(
  kb: Prepared,
  asks: readonly VersionAsk[],
  rank: (article: string) => number,
  /** Answer for one article only: the line table of the thread's article ("and IST?"). */
  only?: string,
  /** The question's words: a symptom it names comes first among its article's rows. */
  text = '',
): { verdicts: VersionVerdict[]; notices: string[] } {
  const notices: string[] = [];
  const verdicts: VersionVerdict[] = [];
  const articles = only === undefined ? kb.knowledge.articles : kb.knowledge.articles.filter((a) => a.id === only);
  for (const ask of asks) {
    const products = ask.product ? [kb.products.get(ask.product)].filter((p): p is Product => p !== undefined) : productsWithLine(kb, ask.spec);
    if (products.length === 0) {
      notices.push(`No product in the knowledge base has a ${ask.spec.text} release; name the product (${kb.knowledge.products.slice(0, 3).map((p) => p.short).join(', ')}).`);
      continue;
    }

    for (const product of products) {
      const spec = asVersionOf(product, ask.spec);
      if (!spec) {
        notices.push(`${ask.spec.text} is not a ${product.short} version.`);
        continue;
      }
      if (spec.text !== ask.spec.text) notices.push(`${product.short} ${ask.spec.text} was read as ${spec.text}.`);
      // Catalog hygiene: no verdict on a release line the product does not have (TAS 8.7.1).
      const line = spec.kind === 'range' || product.scheme === 'single' ? null : checkReleaseLine(product, spec);
      if (line && line.kind !== 'listed') notices.push(line.notice);
      if (line?.kind === 'unlisted') continue;
      const found = articles.flatMap((a) => verdictsOf(kb, a, product, spec));
      if (found.length === 0) notices.push(only === undefined ? noCoverage(product) : `${articleLabel(only)} does not cover ${product.short}.`);
      verdicts.push(...found);
    }
  }
  // A symptom the question names comes first among its article's rows; the others stay.
  const asked = (v: VersionVerdict) => (v.aspect !== undefined && text !== '' && mentionedAspects(kb.articles.get(v.article) as Article, text).includes(v.aspect) ? 0 : 1);
  // Then the surest and most general first: stated before inferred, unconditional before "only when …".
  const sureness = (v: VersionVerdict) => (v.basis === 'stated' ? 0 : 1) + (v.condition ? 2 : 0);
  verdicts.sort((a, b) => rank(a.article) - rank(b.article) || asked(a) - asked(b) || STATUS_RANK[a.status] - STATUS_RANK[b.status] || sureness(a) - sureness(b));
  // Array.prototype.sort is stable: equal verdicts keep the question's order.
  return { verdicts, notices: [...new Set(notices)] };
}

/** One article's verdict(s) for a spec: a version, a line, or a range (one verdict per line it spans). */
export function verdictsOf(kb: Prepared, article: Article, product: Product, spec: VersionSpec): VersionVerdict[] {
  if (spec.kind === 'full') return verdictsForVersion(article, product, spec.version);
  if (spec.kind === 'line') return verdictsForLine(article, product, spec.line);
  const fromLine = lineOf(product, spec.from);
  const toLine = lineOf(product, spec.to);
  if (fromLine === toLine) return [verdictForRange(article, product, spec.from, spec.to)].filter((v): v is VersionVerdict => v !== null);
  // Across lines: the part of the range on each line it touches, the lines between whole.
  const lines = product.lines.filter((l) => compareLines(l, fromLine) >= 0 && compareLines(l, toLine) <= 0);
  return lines.flatMap((line) => {
    if (line === fromLine) return [verdictForRange(article, product, spec.from, lastOf(spec.from))];
    if (line === toLine) return [verdictForRange(article, product, semver.parse(`${line}.0`) ?? spec.to, spec.to)];
    return verdictsForLine(article, product, line);
  }).filter((v): v is VersionVerdict => v !== null);
}

/** A version far enough along its line to stand for "the rest of the line". */
function lastOf(v: semver.SemVer): semver.SemVer {
  return semver.parse(`${v.major}.${v.minor}.99999`) ?? v;
}

/** The version as the product's people mean it ("0.287" on routing-release is 0.287.0); null when it cannot be one. */
function asVersionOf(product: Product, v: VersionSpec): VersionSpec | null {
  // The product's own line id ("0" of routing-release, "all" of nats-release): the whole product, as the table lists it.
  if (v.kind === 'line' && product.scheme === 'single' && product.lines.includes(v.line)) return v;
  if (v.kind === 'range') return productVersion(product, { kind: 'full', version: v.from, text: v.from.version }) ? v : null;
  return productVersion(product, v);
}

function productsWithLine(kb: Prepared, v: VersionSpec): Product[] {
  const probe = v.kind === 'range' ? { kind: 'full' as const, version: v.from, text: v.from.version } : v;
  return kb.knowledge.products.filter((p) => kb.knowledge.articles.some((a) => a.affected.has(p.id)) && claimsBareVersion(p, probe));
}

function noCoverage(product: Product): string {
  const base = `No article in the knowledge base covers ${product.name}.`;
  return product.note ? `${base} ${product.note}` : base;
}
