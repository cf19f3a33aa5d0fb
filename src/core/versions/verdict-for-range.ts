import semver, { type SemVer } from 'semver';
import { verdictForVersion } from './verdict.ts';
import { lineOf } from './line-of.ts';
import type { Article, Product } from '../model/knowledge.ts';
import type { VersionVerdict } from '../model/answer.ts';

/**
 * The verdict for an inclusive range of one product's versions ("anything
 * between 2.13.18 and 2.13.33"): one status when the whole range shares it,
 * else `depends` with the sub-ranges. Read from the same events as a single
 * version: the status can only change at an event, so the range is sampled
 * at its ends and at every event inside it. A range across release lines is
 * answered per line by the caller.
 */
export function verdictForRange(article: Article, product: Product, from: SemVer, to: SemVer): VersionVerdict | null {
  const table = article.affected.get(product.id);
  if (!table) return null;
  const events = table.lines.get(lineOf(product, from)) ?? [];
  const points = [from];
  for (const e of events) {
    const at = e.kind === 'last_affected' ? semver.inc(e.version, 'patch') : e.version.version;
    const v = at ? semver.parse(at) : null;
    if (v && semver.gt(v, from) && semver.lte(v, to)) points.push(v);
  }
  points.sort(semver.compare);
  const samples = points.flatMap((p) => verdictForVersion(article, product, p) ?? []);
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last) return null;
  const text = `${from.version}–${to.version}`;
  if (samples.every((s) => s.status === first.status)) {
    return { ...last, version: text, reason: `Every version from ${from.version} to ${to.version} is ${first.status}: ${last.reason}` };
  }
  const parts = samples.map((s, i) => {
    const next = points[i + 1];
    const end = next ? (next.patch > 0 ? `${next.major}.${next.minor}.${next.patch - 1}` : `before ${next.version}`) : to.version;
    const start = (points[i] as SemVer).version;
    return `${start === end ? start : `${start}–${end}`} ${s.status}`;
  });
  const fix = samples.find((s) => s.fixedIn)?.fixedIn ?? null;
  return {
    ...last,
    version: text,
    status: 'depends',
    fixedIn: fix,
    upgradeTo: samples.find((s) => s.status === 'affected')?.upgradeTo ?? [],
    basis: samples.some((s) => s.basis === 'inferred') ? 'inferred' : 'stated',
    reason: `Depends on the patch: ${parts.join('; ')}.`,
  };
}
