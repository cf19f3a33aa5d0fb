import { parseProductVersion } from '../versions/product-version.ts';
import { checkReleaseLine } from '../versions/check-release-line.ts';
import { verdictsForLine, verdictsForVersion } from '../versions/verdict.ts';
import type { Article, Product, VerdictExample } from '../model/knowledge.ts';

type Report = (path: (string | number)[], message: string, tip?: string) => void;

/**
 * Checks an article's example questions against the verdicts kb-bot gives:
 * an example on a release line the catalog does not list is flagged (kb-bot
 * would give no verdict there), and so is one whose verdict differs.
 */
export function checkExamples(article: Article, products: Map<string, Product>, report: Report): void {
  article.examples.forEach((ex, i) => {
    const at = (field: string) => ['examples', i, field];
    const product = products.get(ex.product);
    if (!product) return report(at('product'), `unknown product "${ex.product}"`, `use a product id from products.yml: ${[...products.keys()].join(', ')}`);
    if (!article.affected.has(product.id)) return report(at('product'), `the article has no table for ${product.short}`, 'ask about a product under affected');
    const version = parseProductVersion(product, ex.version);
    if (!version) return report(at('version'), `"${ex.version}" is not a ${product.short} version`, 'write it as people do after the product name, e.g. 2.13.20 or 0.273.0');
    const line = checkReleaseLine(product, version);
    if (line.kind === 'unlisted') return report(at('version'), line.notice, 'an example must ask about a release line the catalog lists (or one newer than all)');
    const rows = version.kind === 'full' ? verdictsForVersion(article, product, version.version) : verdictsForLine(article, product, version.line);
    if (ex.aspect !== undefined && !article.aspects.some((a) => a.id === ex.aspect)) return report(at('aspect'), `unknown aspect "${ex.aspect}"`, `use one of: ${article.aspects.map((a) => a.id).join(', ') || '(the article has none)'}`);
    const got = rows.find((r) => ex.aspect === undefined || r.aspect === ex.aspect);
    if (!got) return report(at('version'), `no verdict for ${product.short} ${version.text}`);
    if (ex.aspect === undefined && rows.length > 1) return report(at('aspect'), `${product.short} ${version.text} has one verdict per aspect`, `name the aspect: ${rows.map((r) => r.aspect).join(', ')}`);
    const want = expected(ex);
    const have = { status: got.status, fixedIn: got.fixedIn, basis: got.basis };
    const wrong = (Object.keys(want) as (keyof typeof want)[]).filter((k) => want[k] !== have[k]);
    if (wrong.length > 0) {
      report(at(wrong[0] === 'fixedIn' ? 'fixed_in' : (wrong[0] as string)), `${product.short} ${version.text}: kb-bot says ${wrong.map((k) => `${k} ${String(have[k])}`).join(', ')}, the example expects ${wrong.map((k) => `${k} ${String(want[k])}`).join(', ')}`, `kb-bot's reason: ${got.reason}`);
    }
  });
}

function expected(ex: VerdictExample): Partial<{ status: string; fixedIn: string | null; basis: string }> {
  const want: Partial<{ status: string; fixedIn: string | null; basis: string }> = { status: ex.status };
  if (ex.fixedIn !== undefined) want.fixedIn = ex.fixedIn;
  if (ex.basis !== undefined) want.basis = ex.basis;
  return want;
}
