import type { Answer, VersionVerdict } from '../core/model/answer.ts';

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

/** The symptom a verdict row is about, when an article splits its fixes by symptom. */
export function aspectTitle(a: Pick<Answer, 'cards'>, v: VersionVerdict): string | null {
  if (v.aspect === undefined) return null;
  return a.cards.find((c) => c.id === v.article)?.aspects.find((x) => x.id === v.aspect)?.title ?? v.aspect;
}

/** One verdict as a line: "TAS 2.13.20: affected — fixed in 2.13.34 (stated)". */
export function verdictLine(a: Pick<Answer, 'products' | 'cards'>, v: VersionVerdict): string {
  const aspect = aspectTitle(a, v);
  let line = `${shortName(a, v.product)} ${v.version}${aspect ? ` (${aspect})` : ''}: ${STATUS_WORD[v.status]}`;
  if (v.status === 'affected' && v.condition) line += ` (only when ${v.condition})`;
  if (v.fixedIn && v.status !== 'fixed') line += ` — fixed in ${v.fixedIn}`;
  else if (v.status === 'fixed' && v.fixedIn) line += ` (fix in ${v.fixedIn})`;
  else if (v.status === 'affected' && v.lastAffected) line += ` — upgrade past ${v.lastAffected}`;
  if (v.upgradeTo.length > 0 && !(v.upgradeTo.length === 1 && v.upgradeTo[0] === v.fixedIn)) line += `; upgrade to ${v.upgradeTo.join(' or ')}`;
  return `${line} (${v.basis})`;
}

/** The shortest honest form, for compact lines: "affected, fix 2.13.34". */
export function verdictShort(v: VersionVerdict): string {
  const fix = v.fixedIn && v.status !== 'fixed' ? `, fix ${v.fixedIn}` : v.status === 'affected' && v.upgradeTo.length > 0 ? `, upgrade to ${v.upgradeTo.join('/')}` : v.status === 'affected' && !v.lastAffected ? ', no fix' : '';
  const when = v.status === 'affected' && v.condition ? ` (when ${v.condition})` : '';
  return `${STATUS_WORD[v.status]}${fix}${when}`;
}

/** "KB 298398 — Gorouter process crashes…"; a title that starts with its id ("CVE-2024-22279: …") is not prefixed again. */
export function articleHeading(c: { id: string; title: string }): string {
  return c.title.startsWith(c.id) ? c.title : `${/^\d+$/.test(c.id) ? `KB ${c.id}` : c.id} — ${c.title}`;
}
