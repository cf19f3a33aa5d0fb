import { articleLabel } from '../model/article-label.ts';
import { verdictForVersion } from '../versions/verdict.ts';
import type { Article, Knowledge, Product } from '../model/knowledge.ts';
import type { DeployedVersion, Exposure, Fleet, FleetAnswer, Foundation, FoundationExposure } from '../model/fleet.ts';
import type { Status, VersionVerdict } from '../model/answer.ts';

export const STATUS_RANK: Record<Status, number> = { affected: 0, depends: 1, unknown: 2, fixed: 3, 'not-affected': 4 };
const EXPOSED = new Set<Status>(['affected', 'depends', 'unknown']);

/**
 * Verdicts by article, product and version, per loaded knowledge: foundations
 * share versions (staging and production, the same tile everywhere), and the
 * verdict engine is the cost. A memo, not state: the same knowledge gives
 * the same verdicts.
 */
const memo = new WeakMap<Knowledge, Map<string, VersionVerdict | null>>();

export interface FleetOptions {
  /** One article (id or alias, "KB 298398" too): every foundation's verdict for it, fixed ones included. */
  article?: string;
}

/**
 * Which foundations are exposed to which known issues: the verdict engine run
 * over every product version of every foundation. Without an article: every
 * article with an affected, depends or unknown verdict for a foundation, with
 * all of that article's verdicts for it. A component article (routing-release,
 * capi-release…) is answered from the foundation's BOSH release versions; a
 * foundation of tiles with no such version on record gets an honest unknown.
 * Worst first, then by foundation. Pure.
 */
export function answerFleet(knowledge: Knowledge, fleet: Fleet | undefined, options: FleetOptions = {}): FleetAnswer {
  const notices: string[] = [];
  const products = new Map(knowledge.products.map((p) => [p.id, p]));
  let articles = knowledge.articles;
  let one: string | null = null;
  if (options.article !== undefined) {
    const article = findArticle(knowledge, options.article);
    if (!article) {
      return { article: null, foundations: [], notices: [`${articleLabel(cleanRef(options.article))} is not in kb-bot's knowledge base: kb-bot cannot say which foundations it affects.`] };
    }
    articles = [article];
    one = article.id;
  }
  const order = new Map(knowledge.articles.map((a, i) => [a.id, i]));
  let verdicts = memo.get(knowledge);
  if (!verdicts) memo.set(knowledge, (verdicts = new Map()));
  const cache = verdicts;
  const verdict = (article: Article, product: Product, v: DeployedVersion) => {
    const key = `${article.id}\u0000${product.id}\u0000${v.version.version}`;
    let found = cache.get(key);
    if (found === undefined) cache.set(key, (found = verdictForVersion(article, product, v.version)));
    return found;
  };
  const foundations = (fleet?.foundations ?? []).map((f) => exposureOf(f, articles, products, one !== null, order, verdict));
  const worst = (f: FoundationExposure) => Math.min(99, ...f.exposures.map((e) => STATUS_RANK[e.status]));
  foundations.sort((a, b) => worst(a) - worst(b) || a.name.localeCompare(b.name));
  if ((fleet?.foundations.length ?? 0) === 0) notices.push('No foundations are on record: add them to fleet.yml, or import an inventory ("kb-bot fleet import --name prod-east om-products.json").');
  return { article: one, foundations, notices };
}

type VerdictOf = (article: Article, product: Product, v: DeployedVersion) => VersionVerdict | null;

function exposureOf(f: Foundation, articles: readonly Article[], products: Map<string, Product>, all: boolean, order: Map<string, number>, verdict: VerdictOf): FoundationExposure {
  const exposures: Exposure[] = [];
  for (const article of articles) {
    const verdicts = verdictsOf(article, f, products, verdict);
    if (all || verdicts.some((v) => EXPOSED.has(v.status))) exposures.push(...verdicts);
  }
  exposures.sort((a, b) =>
    STATUS_RANK[a.status] - STATUS_RANK[b.status]
    || Number(a.condition !== null) - Number(b.condition !== null)
    || (order.get(a.article) ?? 0) - (order.get(b.article) ?? 0));
  const out: FoundationExposure = {
    name: f.name,
    products: [...f.products].flatMap(([product, versions]) => versions.map((v) => ({ product, version: v.text }))),
    exposures,
  };
  if (f.environment !== undefined) out.environment = f.environment;
  if (f.channel !== undefined) out.channel = f.channel;
  return out;
}

/** One article's verdicts for a foundation's products, or the unknown of a component it has no version of. */
function verdictsOf(article: Article, f: Foundation, products: Map<string, Product>, verdictFor: VerdictOf): Exposure[] {
  const out: Exposure[] = [];
  for (const [id, versions] of f.products) {
    const product = products.get(id);
    if (!product || !article.affected.has(id)) continue;
    for (const v of versions) {
      const verdict = verdictFor(article, product, v);
      if (!verdict) continue;
      const e: Exposure = {
        article: article.id, product: id, version: v.text, status: verdict.status, fixedIn: verdict.fixedIn,
        upgradeTo: verdict.upgradeTo, basis: verdict.basis, condition: verdict.condition, reason: verdict.reason,
      };
      if (verdict.lastAffected !== undefined) e.lastAffected = verdict.lastAffected;
      if (verdict.upgradeCheck !== undefined) e.upgradeCheck = verdict.upgradeCheck;
      out.push(e);
    }
  }
  if (out.length > 0) return out;
  // A component article (only component releases in its table) on a foundation of tiles whose
  // component version is not on record: an honest unknown. An article that names tiles
  // (TAS, IST) and not this foundation's is simply not about it.
  const isTile = (id: string) => (products.get(id)?.omSlugs.length ?? 0) > 0;
  if (![...f.products.keys()].some(isTile) || [...article.affected.keys()].some(isTile)) return out;
  for (const id of article.affected.keys()) {
    const product = products.get(id);
    if (!product || product.boshReleases.length === 0 || f.products.has(id)) continue;
    out.push({
      article: article.id, product: id, version: null, status: 'unknown', fixedIn: null, upgradeTo: [], basis: 'stated', condition: null,
      reason: `KB ${article.id} is decided by the ${product.short} version, and ${f.name} has none on record (a tile's version does not say which ${product.short} it ships); import \`bosh deployments --json\` with "kb-bot fleet import --name ${f.name}".`,
    });
  }
  return out;
}

/** An article by id or alias, as people write it: "298398", "KB 298398", "kb298398". */
export function findArticle(knowledge: Knowledge, ref: string): Article | undefined {
  const key = cleanRef(ref).toLowerCase();
  return knowledge.articles.find((a) => a.id.toLowerCase() === key || a.aliases.some((x) => x.toLowerCase() === key));
}

function cleanRef(ref: string): string {
  return ref.trim().replace(/^kb[\s#-]*(?=\d)/i, '').replace(/^#/, '').slice(0, 80);
}
