import { articleLabel } from '../core/model/article-label.ts';
import { shortName, upgradeWords, worstPerArticle, versionKey } from './verdict-line.ts';
import type { Answer, VersionVerdict } from '../core/model/answer.ts';
import semver from 'semver';

/**
 * What to upgrade to, for a version asked with no issue in view ("which
 * version fixes it?" after "is TAS 2.13.20 affected?"): per asked version,
 * the one patch of its line that fixes the most of what affects it, and what
 * no patch of the line fixes. With `mitigation` wanted, which issue to ask
 * about, since mitigations are per issue. Null when nothing affects the
 * versions asked.
 */
export function upgradeHeadline(a: Answer): string | null {
  const groups = new Map<string, VersionVerdict[]>();
  for (const v of a.versions) {
    if (v.status !== 'affected' && v.status !== 'depends') continue;
    const key = versionKey(a, v);
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  if (groups.size === 0) return null;
  const sentences = [...groups.entries()].map(([key, rows]) => {
    const open = worstPerArticle(rows);
    const ids = (vs: VersionVerdict[]) => vs.map((v) => articleLabel(v.article)).join(', ');
    if (a.focus.includes('mitigation') && !a.focus.includes('fix')) {
      return `${key} is affected by ${ids(open)}: mitigations are per issue — ask "how do we mitigate ${articleLabel(open[0]?.article ?? '')}?".`;
    }
    const fixed = open.filter((v) => v.fixedIn !== null && semver.valid(v.fixedIn));
    const rest = open.filter((v) => !fixed.includes(v));
    const target = fixed.map((v) => v.fixedIn as string).sort(semver.compare).at(-1);
    const parts: string[] = [];
    if (target) parts.push(`Upgrading ${key} to ${target} fixes ${ids(fixed)}`);
    const line = rows[0]?.line;
    const past = rest.filter((v) => v.lastAffected !== undefined);
    const elsewhere = rest.filter((v) => !past.includes(v) && (v.upgradeTo.length > 0 || v.upgradeCheck));
    const none = rest.filter((v) => !past.includes(v) && !elsewhere.includes(v));
    const unit = (v: VersionVerdict) => (a.products.find((p) => p.id === v.product)?.kind === 'component' ? 'release' : 'patch');
    for (const v of past) parts.push(`${articleLabel(v.article)}: upgrade past ${v.lastAffected as string}, its last affected ${unit(v)}`);
    for (const v of elsewhere) parts.push(`${articleLabel(v.article)}: no ${line ?? ''} fix; ${upgradeWords(v)}`);
    if (none.length > 0) parts.push(`${target ? 'no fixed version yet for' : `${key}: no fixed version yet for`} ${ids(none)}`);
    return `${parts.join('; ')}.`;
  });
  return sentences.join(' ');
}
