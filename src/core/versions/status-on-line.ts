import semver, { type SemVer } from 'semver';
import type { LineStatus, VersionEvent } from '../model/knowledge.ts';

export interface LineState {
  status: LineStatus;
  /** The event that decided the status; undefined before the first event. */
  decidedBy?: VersionEvent;
  /** The first fix after the version on the same line, when affected. */
  nextFix?: VersionEvent;
}

/**
 * Walks a line's events (oldest first) up to a version, in the manner of OSV:
 * `introduced` opens an affected range, `fixed` closes it at that version,
 * `last_affected` closes it just after that version.
 */
export function statusOnLine(events: readonly VersionEvent[], version: SemVer): LineState {
  const first = events[0];
  // A line that starts with a fix was affected before it.
  let state: LineState = { status: first && first.kind !== 'introduced' ? 'affected' : 'not-affected' };
  for (const e of events) {
    const cmp = semver.compare(version, e.version);
    if (e.kind === 'last_affected') {
      if (cmp > 0) state = { status: 'fixed', decidedBy: e };
      else break;
    } else if (cmp >= 0) {
      state = { status: e.kind === 'introduced' ? 'affected' : 'fixed', decidedBy: e };
    } else break;
  }
  if (state.status === 'affected') {
    const fix = events.find((e) => e.kind === 'fixed' && semver.gt(e.version, version));
    if (fix) state.nextFix = fix;
  }
  return state;
}

/** The version from which a line stays fixed for good, if it does. */
export function finalFix(events: readonly VersionEvent[]): VersionEvent | undefined {
  const last = events[events.length - 1];
  return last?.kind === 'fixed' ? last : undefined;
}

/** The range a line's status holds over, as text: "2.13.18–2.13.33 affected". */
export function describeLine(events: readonly VersionEvent[]): string[] {
  const parts: string[] = [];
  const first = events[0];
  if (!first) return parts;
  if (first.kind === 'introduced' && first.version.patch > 0) parts.push(`before ${first.version.version} not affected`);
  if (first.kind !== 'introduced') parts.push(`before ${first.version.version} affected`);
  events.forEach((e, i) => {
    const next = events[i + 1];
    const upTo = next ? (next.kind === 'last_affected' ? next.version.version : previousPatch(next.version)) : null;
    if (e.kind === 'introduced') parts.push(`${span(e.version.version, upTo)} affected`);
    else if (e.kind === 'fixed') parts.push(`${span(e.version.version, upTo)} fixed`);
    else if (!next) parts.push(`after ${e.version.version} fixed`);
  });
  return parts;
}

function span(from: string, to: string | null): string {
  if (to === null) return `${from} and later`;
  return to === from ? from : `${from}–${to}`;
}

function previousPatch(v: SemVer): string {
  return v.patch > 0 ? `${v.major}.${v.minor}.${v.patch - 1}` : `before ${v.version}`;
}
