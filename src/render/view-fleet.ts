import { articleLabel } from '../core/model/article-label.ts';
import type { Knowledge } from '../core/model/knowledge.ts';
import type { Exposure, FleetAnswer, FoundationExposure } from '../core/model/fleet.ts';

/** Wording every fleet renderer shares: one verdict line, the headline, grouping. */

const STATUS_WORD: Record<Exposure['status'], string> = {
  affected: 'affected',
  depends: 'depends on the patch',
  unknown: 'unknown',
  fixed: 'fixed',
  'not-affected': 'not affected',
};

export function productShort(knowledge: Knowledge, id: string): string {
  return knowledge.products.find((p) => p.id === id)?.short ?? id;
}

export function articleOf(knowledge: Knowledge, id: string) {
  return knowledge.articles.find((a) => a.id === id);
}

/** What to do about an affected verdict: "upgrade to 2.13.34", "no 3.0 fix; upgrade to 4.0.16 or 5.0.6". */
export function fixText(e: Exposure): string {
  if (e.status !== 'affected' && e.status !== 'depends') return '';
  if (e.fixedIn) return `upgrade to ${e.fixedIn}`;
  if (e.lastAffected) return `upgrade past ${e.lastAffected}`;
  if (e.upgradeTo.length > 0) return `no fix on this line; upgrade to ${e.upgradeTo.join(' or ')}`;
  return 'no fixed version is listed';
}

/** "TAS 2.13.20: affected — upgrade to 2.13.34 (inferred)". */
export function exposureLine(knowledge: Knowledge, e: Exposure): string {
  const product = productShort(knowledge, e.product);
  const what = e.version === null ? `${product} (no version on record)` : `${product} ${e.version}`;
  let line = `${what}: ${STATUS_WORD[e.status]}`;
  if (e.status === 'affected' && e.condition) line += ` only when ${e.condition}`;
  const fix = fixText(e);
  if (fix) line += ` — ${fix}`;
  if (e.basis === 'inferred' && e.status !== 'unknown') line += ' (inferred)';
  return line;
}

export function productsText(knowledge: Knowledge, f: FoundationExposure): string {
  return f.products.map((p) => `${productShort(knowledge, p.product)} ${p.version}`).join(', ') || 'no products';
}

/** A foundation's exposures by article, in their (worst-first) order. */
export function byArticle(exposures: readonly Exposure[]): { article: string; exposures: Exposure[] }[] {
  const groups: { article: string; exposures: Exposure[] }[] = [];
  for (const e of exposures) {
    const g = groups.find((x) => x.article === e.article);
    if (g) g.exposures.push(e);
    else groups.push({ article: e.article, exposures: [e] });
  }
  return groups;
}

const isAffected = (f: FoundationExposure) => f.exposures.some((e) => e.status === 'affected' || e.status === 'depends');
const isUnknown = (f: FoundationExposure) => !isAffected(f) && f.exposures.some((e) => e.status === 'unknown');

/** "2 of 3 foundations are affected by known issues…" / "KB 298398: 2 of 3 foundations are affected…". */
export function fleetHeadline(knowledge: Knowledge, a: FleetAnswer): string {
  const total = a.foundations.length;
  if (total === 0) return a.notices[0]?.startsWith('KB ') ? (a.notices[0] as string) : 'No foundations are on record yet.';
  const affected = a.foundations.filter(isAffected);
  const unknown = a.foundations.filter(isUnknown);
  const of = `${affected.length} of ${total} foundation${total === 1 ? '' : 's'}`;
  const names = affected.map((f) => f.name).join(', ');
  const unsure = unknown.length > 0 ? `; unknown for ${unknown.map((f) => f.name).join(', ')}` : '';
  if (a.article !== null) {
    if (affected.length === 0) return `${articleLabel(a.article)}: none of ${total === 1 ? 'the foundation' : `the ${total} foundations`} is affected${unsure}.`;
    return `${articleLabel(a.article)}: ${of} ${affected.length === 1 ? 'is' : 'are'} affected — ${names}${unsure}.`;
  }
  const articles = new Set(affected.flatMap((f) => f.exposures.filter((e) => e.status === 'affected' || e.status === 'depends').map((e) => e.article)));
  if (affected.length === 0) return `None of ${total === 1 ? 'the foundation' : `the ${total} foundations`} is affected by a known issue${unsure}.`;
  return `${of} ${affected.length === 1 ? 'is' : 'are'} affected by ${articles.size} known issue${articles.size === 1 ? '' : 's'} — ${names}${unsure}.`;
}
