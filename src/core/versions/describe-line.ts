import semver, { type SemVer } from 'semver';
import { rangeEvents, statusBefore, type WalkStatus } from './status-on-line.ts';
import type { VersionEvent } from '../model/knowledge.ts';

export interface LineSegment {
  status: WalkStatus;
  /** Human text of the versions it covers: "2.13.18–2.13.33", "0.274.0 and later". */
  span: string;
  condition?: string;
}

/**
 * A line's events as consecutive stretches of one status, oldest first, plus
 * the versions named one by one: what a whole-line question ("TAS 2.13") is
 * answered with.
 */
export function lineSegments(events: readonly VersionEvent[], start: SemVer | null = guessStart(events)): LineSegment[] {
  const ranges = rangeEvents(events);
  const points = events.filter((e) => e.kind === 'affected');
  const out: LineSegment[] = [];
  const first = ranges[0];
  if (first) {
    const before = statusBefore(first);
    const inclusive = first.kind === 'last_affected' || first.kind === 'introduced_after';
    // "before 2.13.0" on a line that starts at 2.13.0 is empty.
    const empty = first.first === true || (!inclusive && start !== null && semver.lte(first.version, start));
    if (!empty) out.push({ status: before, span: inclusive ? `up to ${first.version.version}` : `before ${first.version.version}` });
  }
  ranges.forEach((e, i) => {
    const next = ranges[i + 1];
    const status = e.kind === 'introduced' || e.kind === 'introduced_after' ? 'affected' : e.kind === 'unknown' ? 'unknown' : 'fixed';
    const exclusive = e.kind === 'last_affected' || e.kind === 'introduced_after';
    const to = next ? (next.kind === 'last_affected' || next.kind === 'introduced_after' ? next.version.version : previousOf(next.version)) : null;
    if (e.kind === 'last_affected' && next) return; // closed range: the next event says what follows
    const from = e.first === true ? 'the first release' : e.version.version;
    const span = exclusive
      ? (to === null ? `after ${from}` : `after ${from} up to ${to}`)
      : (to === null ? `${from} and later` : from === to ? from : `${from}–${to}`);
    const segment: LineSegment = { status, span };
    if (e.condition !== undefined) segment.condition = e.condition;
    out.push(segment);
  });
  if (points.length > 0) {
    out.push({ status: 'affected', span: points.map((p) => p.version.version).join(', ') });
    if (ranges.length === 0) out.push({ status: 'unknown', span: 'every other version' });
  }
  return out;
}

/** The range a line's status holds over, as text: "2.13.18–2.13.33 affected". */
export function describeLine(events: readonly VersionEvent[], start?: SemVer | null): string[] {
  return lineSegments(events, start === undefined ? guessStart(events) : start).map((s) => `${s.span} ${s.status === 'not-affected' ? 'not affected' : s.status}${s.condition ? ` (only when ${s.condition})` : ''}`);
}

/** The first version of the line the events are on, when they all share major.minor (a minor-scheme line); else 0.0.0. */
function guessStart(events: readonly VersionEvent[]): SemVer | null {
  const first = events[0];
  if (!first) return null;
  const same = events.every((e) => e.version.major === first.version.major && e.version.minor === first.version.minor);
  return semver.parse(same && events.length > 1 ? `${first.version.major}.${first.version.minor}.0` : '0.0.0');
}

/** The last version before `v`, as people say it: 2.13.33, 0.287.x, 38.x. */
export function previousOf(v: SemVer): string {
  if (v.patch > 0) return `${v.major}.${v.minor}.${v.patch - 1}`;
  if (v.minor > 0) return `${v.major}.${v.minor - 1}.x`;
  if (v.major > 0) return `${v.major - 1}.x`;
  return `before ${v.version}`;
}
