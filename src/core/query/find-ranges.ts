import semver from 'semver';
import type { VersionMention } from './find-versions.ts';
import type { VersionSpec } from '../model/query.ts';

export interface SpecMention {
  spec: VersionSpec;
  start: number;
  end: number;
  /** A version the asker says they have left (see find-former.ts). */
  former?: boolean;
}

/** "upgraded from", "went TAS from", "rolled back from": a change of version, whose "from" names the one left. */
export const CHANGED_FROM = String.raw`(?:upgraded|updated|upgrading|updating|migrated|migrating|moved|moving|bumped|jumped|went|gone|patched|came|downgraded|rolled\s+back)\s+(?:(?:\w+\s+){0,2}?)from`;
/** Right before a version: it is the one a change started from ("upgraded from 2.13.20 to …"), so never a range's start. */
const CHANGED_FROM_BEFORE = new RegExp(String.raw`\b${CHANGED_FROM}\s*$`, 'i');
const BETWEEN = /\b(?:between|from)\s*$/i;
const JOINS = /^\s*(?:-|–|—|\.\.\.?|to|through|thru|until|till|up to)\s*$/i;
const AND = /^\s*(?:and|to|-|–)\s*$/i;

/**
 * Pairs of full versions written as a range ("between 2.13.18 and 2.13.33",
 * "from 2.13.18 to 2.13.33", "2.13.18-2.13.33", "2.13.18 through 2.13.33")
 * become one inclusive range; every other version stays as it is.
 */
export function findRanges(text: string, versions: readonly VersionMention[]): SpecMention[] {
  const out: SpecMention[] = [];
  for (let i = 0; i < versions.length; i++) {
    const a = versions[i] as VersionMention;
    const b = versions[i + 1];
    if (b && a.parsed.kind === 'full' && b.parsed.kind === 'full' && semver.lt(a.parsed.version, b.parsed.version)) {
      const gap = text.slice(a.end, b.start);
      const lead = BETWEEN.test(text.slice(Math.max(0, a.start - 12), a.start));
      // "upgraded from A to B": a change of version, not a range (markFormer marks A as the one left).
      if (CHANGED_FROM_BEFORE.test(text.slice(Math.max(0, a.start - 48), a.start))) {
        out.push({ spec: a.parsed, start: a.start, end: a.end });
        continue;
      }
      if ((lead && AND.test(gap)) || JOINS.test(gap)) {
        out.push({
          spec: { kind: 'range', from: a.parsed.version, to: b.parsed.version, text: `${a.parsed.text}–${b.parsed.text}` },
          start: a.start,
          end: b.end,
        });
        i++;
        continue;
      }
    }
    out.push({ spec: a.parsed, start: a.start, end: a.end });
  }
  return out;
}
