import { buildCatalog } from '../../src/core/knowledge/build-catalog.ts';
import { buildArticle } from '../../src/core/knowledge/build-article.ts';
import type { Article, Product } from '../../src/core/model/knowledge.ts';

/**
 * A made-up catalog and articles for verdict-rule tables that must not break
 * when knowledge/ is edited: `app` (major.minor lines 1.0–1.3, 2.0, 3.0) and
 * `comp` (one line, versions such as 0.273.0 or 38).
 */
export const CATALOG = {
  products: [
    { id: 'app', name: 'An App Platform', short: 'APP', scheme: 'minor', lines: ['1.0', '1.1', '1.2', '1.3', '2.0', '3.0'], aliases: ['app platform'] },
    { id: 'comp', name: 'comp-release', short: 'comp-release', scheme: 'single', lines: ['all'], version_forms: ['major', 'major.minor'], aliases: ['comp'] },
  ],
};

const built = buildCatalog('products.yml', CATALOG);
if (built.problems.length > 0) throw new Error(JSON.stringify(built.problems));
export const PRODUCTS = new Map(built.products.map((p) => [p.id, p]));
export const APP = PRODUCTS.get('app') as Product;
export const COMP = PRODUCTS.get('comp') as Product;

/**
 * Event shorthand: "introduced 1.2.3", "fixed 1.2.9~" (a trailing ~ marks it
 * inferred), "introduced 0.220.0 ?opted in" (a condition), "stage 0.209.0:
 * what changed", "introduced 0" (from the first release).
 */
export function event(spec: string): Record<string, string> {
  const stage = /^stage (\S+): (.+)$/.exec(spec);
  if (stage) return { stage: stage[1] as string, note: stage[2] as string };
  const m = /^(\w+) (\S+?)(~)?(?: \?(.+))?$/.exec(spec);
  if (!m) throw new Error(`bad event "${spec}"`);
  const e: Record<string, string> = { [m[1] as string]: m[2] as string };
  if (m[3]) e.inferred = 'synthetic inference';
  if (m[4]) e.condition = m[4];
  return e;
}

export interface TableSpec {
  lines: Record<string, string[]>;
  newer?: { status: string; inferred?: string };
  others?: { status: string };
  condition?: string;
  aspects?: Record<string, { lines: Record<string, string[]> }>;
}

/** One synthetic article with one product table, built by the real loader (so it is validated too). */
export function articleWith(product: 'app' | 'comp', table: TableSpec, extra: Record<string, unknown> = {}): Article {
  const toEvents = (lines: Record<string, string[]>) => Object.fromEntries(Object.entries(lines).map(([l, es]) => [l, es.map(event)]));
  const data = {
    id: 'T1',
    title: 'A synthetic issue',
    url: 'https://example.com/T1',
    components: ['test'],
    summary: 's',
    symptoms: ['s'],
    cause: 'c',
    mitigation: ['m'],
    resolution: 'r',
    affected: {
      [product]: {
        lines: toEvents(table.lines),
        ...(table.newer ? { newer: table.newer } : {}),
        ...(table.others ? { others: table.others } : {}),
        ...(table.condition ? { condition: table.condition } : {}),
        ...(table.aspects ? { aspects: Object.fromEntries(Object.entries(table.aspects).map(([id, t]) => [id, { lines: toEvents(t.lines) }])) } : {}),
      },
    },
    ...extra,
  };
  const { article, problems } = buildArticle('articles/T1-synthetic.yml', data, PRODUCTS);
  if (!article) throw new Error(`synthetic article invalid: ${JSON.stringify(problems)}`);
  return article;
}
