import semver from 'semver';
import { compareLines } from '../versions/line-of.ts';
import type { ListedVersion } from './read-version-lists.ts';

type Event = { introduced?: string; fixed?: string; last_affected?: string; inferred?: string };
export interface DraftTable {
  lines: Record<string, Event[]>;
  newer?: { status: 'affected' | 'fixed'; inferred: string };
}

/**
 * Turns one product's affected and fixed lists into release-line events, by
 * the rules in docs/verdicts.md: each entry is a line; only the newest entry
 * of a list reaches newer lines; a fixed line with no affected entry was
 * affected from its first patch (inferred, and said so).
 */
export function draftAffected(listed: ListedVersion[]): DraftTable {
  const lineOf = (v: string) => {
    const p = semver.parse(v) as semver.SemVer;
    return `${p.major}.${p.minor}`;
  };
  const affected = listed.filter((l) => l.kind === 'affected');
  const fixed = listed.filter((l) => l.kind === 'fixed');
  const newestAffected = affected.map((a) => lineOf(a.version)).sort(compareLines).at(-1);
  const newestAffectedEntry = affected.find((a) => lineOf(a.version) === newestAffected);
  const lines: Record<string, Event[]> = {};
  for (const a of affected) {
    const events: Event[] = [{ introduced: a.version }];
    if (a.to) events.push({ last_affected: a.to });
    lines[lineOf(a.version)] = events;
  }
  for (const f of fixed) {
    const line = lineOf(f.version);
    const events = lines[line];
    if (events) {
      events.push({ fixed: f.version });
    } else {
      const reaches = newestAffected !== undefined && compareLines(line, newestAffected) > 0 && newestAffectedEntry?.plus;
      lines[line] = [
        {
          introduced: `${line}.0`,
          inferred: reaches
            ? `the affected entry ${newestAffectedEntry?.version}+ is the newest listed, so it reaches the ${line} line`
            : 'only the fixed patch is listed; earlier patches on the line are taken as affected',
        },
        { fixed: f.version },
      ];
    }
  }
  const table: DraftTable = { lines: Object.fromEntries(Object.entries(lines).sort(([a], [b]) => compareLines(a, b))) };
  const newestFixed = fixed.map((f) => f.version).sort((a, b) => compareLines(lineOf(a), lineOf(b))).at(-1);
  if (newestFixed && (newestAffected === undefined || compareLines(lineOf(newestFixed), newestAffected) >= 0)) {
    table.newer = { status: 'fixed', inferred: `newer than the newest patched entry, ${newestFixed}+` };
  } else if (newestAffectedEntry?.plus) {
    table.newer = { status: 'affected', inferred: `the newest affected entry, ${newestAffectedEntry.version}+, reaches newer lines` };
  }
  return table;
}
