import semver from 'semver';
import { verdictForLine, verdictForVersion } from '../versions/verdict.ts';
import { verdictForRange } from '../versions/verdict-for-range.ts';
import { compareLines, lineOf } from '../versions/line-of.ts';
import { parseVersion } from '../versions/parse-version.ts';
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
    if (ask.fromContext) notices.push(`Read as ${products.map((p) => `${p.short} ${ask.spec.text}`).join(' and ')} (the product this thread is about); name the product to ask about another.`);
    for (const product of products) {
      const spec = asReleaseOf(product, ask.spec);
      if (spec !== ask.spec) notices.push(`${product.short} ${ask.spec.text} was read as ${spec.text}.`);
      if (!fits(product, spec)) {
        notices.push(`${ask.spec.text} is not a ${product.short} version.`);
        continue;
      }
      const found = articles.flatMap((a) => verdictsOf(kb, a, product, spec));
      if (found.length === 0) notices.push(only === undefined ? noCoverage(product) : `KB ${only} does not cover ${product.short}.`);
      verdicts.push(...found);
    }
  }
  verdicts.sort((a, b) => rank(a.article) - rank(b.article) || STATUS_RANK[a.status] - STATUS_RANK[b.status]);
  // Array.prototype.sort is stable: equal verdicts keep the question's order.
  return { verdicts, notices: [...new Set(notices)] };
}

/** One article's verdict(s) for a spec: a version, a line, or a range (one verdict per line it spans). */
export function verdictsOf(kb: Prepared, article: Article, product: Product, spec: VersionSpec): VersionVerdict[] {
  if (spec.kind === 'full') return [verdictForVersion(article, product, spec.version)].filter((v): v is VersionVerdict => v !== null);
  if (spec.kind === 'line') return [verdictForLine(article, product, spec.line)].filter((v): v is VersionVerdict => v !== null);
  const fromLine = lineOf(product, spec.from);
  const toLine = lineOf(product, spec.to);
  if (fromLine === toLine) return [verdictForRange(article, product, spec.from, spec.to)].filter((v): v is VersionVerdict => v !== null);
  // Across lines: the part of the range on each line it touches, the lines between whole.
  const lines = product.lines.filter((l) => compareLines(l, fromLine) >= 0 && compareLines(l, toLine) <= 0);
  return lines.flatMap((line) => {
    if (line === fromLine) return [verdictForRange(article, product, spec.from, lastOf(spec.from))];
    if (line === toLine) return [verdictForRange(article, product, semver.parse(`${line}.0`) ?? spec.to, spec.to)];
    return [verdictForLine(article, product, line)];
  }).filter((v): v is VersionVerdict => v !== null);
}

/** A version far enough along its line to stand for "the rest of the line". */
function lastOf(v: semver.SemVer): semver.SemVer {
  return semver.parse(`${v.major}.${v.minor}.99999`) ?? v;
}

/** routing-release versions are 0.NNN.0: "0.287" on a single-line product means 0.287.0. */
function asReleaseOf(product: Product, v: VersionSpec): VersionSpec {
  if (product.scheme !== 'single' || v.kind !== 'line') return v;
  const full = parseVersion(`${v.line}.0`);
  return full && full.kind === 'full' ? full : v;
}

function fits(product: Product, v: VersionSpec): boolean {
  const major = v.kind === 'full' ? v.version.major : v.kind === 'range' ? v.from.major : Number(v.line.split('.')[0]);
  if (product.scheme === 'single') return String(major) === product.lines[0];
  return major > 0;
}

function productsWithLine(kb: Prepared, v: VersionSpec): Product[] {
  return kb.knowledge.products.filter((p) => {
    if (!kb.knowledge.articles.some((a) => a.affected.has(p.id))) return false;
    if (p.scheme === 'single') return fits(p, v);
    const version = v.kind === 'full' ? v.version : v.kind === 'range' ? v.from : null;
    const line = version ? `${version.major}.${version.minor}` : v.kind === 'line' ? v.line : '';
    return p.lines.includes(line);
  });
}

function noCoverage(product: Product): string {
  const base = `No article in the knowledge base covers ${product.name}.`;
  return product.note ? `${base} ${product.note}` : base;
}
