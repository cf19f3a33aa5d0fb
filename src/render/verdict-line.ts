import type { Answer, TraceMatch, VersionVerdict } from '../core/model/answer.ts';

const STATUS_WORD: Record<VersionVerdict['status'], string> = {
  affected: 'affected',
  fixed: 'fixed',
  'not-affected': 'not affected',
  unknown: 'unknown',
  depends: 'depends on the patch',
};

export function statusWord(s: VersionVerdict['status']): string {
  return STATUS_WORD[s];
}

/** A product's short name ("TAS") from the answer's own product list. */
export function shortName(a: Pick<Answer, 'products'>, id: string): string {
  return a.products.find((p) => p.id === id)?.short ?? id;
}

/**
 * "TAS 2.13.20", "IST 2.13"; a component's whole table (its one line id, "0"
 * or "all") reads "routing-release, every release".
 */
export function versionKey(a: Pick<Answer, 'products'>, v: Pick<VersionVerdict, 'product' | 'version' | 'line'>): string {
  const component = a.products.find((p) => p.id === v.product)?.kind === 'component';
  return component && v.version === v.line ? `${shortName(a, v.product)}, every release` : `${shortName(a, v.product)} ${v.version}`;
}

/** The symptom a verdict row is about, when an article splits its fixes by symptom. */
export function aspectTitle(a: Pick<Answer, 'cards'>, v: VersionVerdict): string | null {
  if (v.aspect === undefined) return null;
  return a.cards.find((c) => c.id === v.article)?.aspects.find((x) => x.id === v.aspect)?.title ?? v.aspect;
}

/** One verdict as a line: "TAS 2.13.20: affected — fixed in 2.13.34 (stated)". */
export function verdictLine(a: Pick<Answer, 'products' | 'cards'>, v: VersionVerdict): string {
  const aspect = aspectTitle(a, v);
  const component = a.products.find((p) => p.id === v.product)?.kind === 'component';
  const status = v.status === 'depends' && component ? 'depends on the release' : STATUS_WORD[v.status];
  let line = `${versionKey(a, v)}${aspect ? ` (${aspect})` : ''}: ${status}`;
  if (v.status === 'affected' && v.condition) line += ` (only when ${v.condition})`;
  if (v.reintroducedIn) line += v.status === 'fixed' ? ` — but affected again from ${v.reintroducedIn}` : ` — no lasting fix (affected again from ${v.reintroducedIn})`;
  else if (v.fixedIn && v.status !== 'fixed') line += ` — fixed in ${v.fixedIn}`;
  else if (v.status === 'fixed' && v.fixedIn) line += ` (fix in ${v.fixedIn})`;
  else if (v.status === 'affected' && v.lastAffected) line += ` — upgrade past ${v.lastAffected}`;
  if ((v.upgradeTo.length > 0 && !(v.upgradeTo.length === 1 && v.upgradeTo[0] === v.fixedIn)) || (v.status !== 'fixed' && v.upgradeCheck)) line += `; ${upgradeWords(v)}`;
  return `${line} (${v.basis})`;
}

/** The shortest honest form, for compact lines: "affected, fix 2.13.34". */
export function verdictShort(v: VersionVerdict): string {
  const check = v.upgradeCheck ? ` or a ${v.upgradeCheck.join('/')} patch (check its release notes)` : '';
  const fix = v.fixedIn && v.status !== 'fixed'
    ? `, fix ${v.fixedIn}`
    : v.reintroducedIn
      ? `, no lasting fix (affected again from ${v.reintroducedIn})`
      : v.status === 'affected' && (v.upgradeTo.length > 0 || v.upgradeCheck)
        ? `, upgrade to ${v.upgradeTo.length > 0 ? v.upgradeTo.join('/') : ''}${v.upgradeTo.length > 0 ? check : check.replace(/^ or /, '')}`
        : v.status === 'affected' && !v.lastAffected ? ', no fix' : '';
  const when = v.status === 'affected' && v.condition ? ` (when ${v.condition})` : '';
  return `${STATUS_WORD[v.status]}${fix}${when}`;
}

/** "KB 298398 — Gorouter process crashes…"; a title that starts with its id ("CVE-2024-22279: …") is not prefixed again. */
export function articleHeading(c: { id: string; title: string }): string {
  return c.title.startsWith(c.id) ? c.title : `${/^\d+$/.test(c.id) ? `KB ${c.id}` : c.id} — ${c.title}`;
}

/**
 * What a partial match means, in words. A log line's own error text without
 * the record around it is a possible match (the same error can have other
 * causes); a crash that shares only part of a signature is not a match.
 */
export function partialMatchWords(m: Pick<TraceMatch, 'kind' | 'level'>): { label: string; why: string } | null {
  if (m.level !== 'partial') return null;
  return m.kind === 'log'
    ? { label: 'possible match', why: "the article's error text, without the rest of its log line — other causes can log it too" }
    : { label: 'not a match', why: 'only part of it is shared' };
}

/** "upgrade to 10.0.0, or a 6.0 patch that carries the fix (check its release notes)". */
export function upgradeWords(v: Pick<VersionVerdict, 'upgradeTo' | 'upgradeCheck'>): string {
  const check = (v.upgradeCheck ?? []).map((l) => `a ${l} patch that carries the fix (check its release notes)`);
  const to = v.upgradeTo.length > 0 ? [`upgrade to ${v.upgradeTo.join(' or ')}`] : [];
  return to.length > 0 ? [...to, ...check].join(', or ') : `upgrade to ${check.join(' or ')}`;
}

const SEVERITY: Record<VersionVerdict['status'], number> = { affected: 0, depends: 1, unknown: 2, fixed: 3, 'not-affected': 4 };

/** One row per article: its most severe (symptom rows of one article count once). */
export function worstPerArticle(rows: VersionVerdict[]): VersionVerdict[] {
  const out = new Map<string, VersionVerdict>();
  for (const v of rows) {
    const prev = out.get(v.article);
    if (!prev || SEVERITY[v.status] < SEVERITY[prev.status]) out.set(v.article, v);
  }
  return [...out.values()];
}
