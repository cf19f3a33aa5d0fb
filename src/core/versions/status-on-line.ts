import semver, { type SemVer } from 'semver';
import type { VersionEvent } from '../model/knowledge.ts';

export type WalkStatus = 'affected' | 'fixed' | 'not-affected' | 'unknown';

export interface LineState {
  status: WalkStatus;
  /** The event that decided the status; undefined before the first event. */
  decidedBy?: VersionEvent;
  /** The first fix after the version on the same line, when affected. */
  nextFix?: VersionEvent;
  /** The `last_affected` event that closes the affected range holding the version. */
  closing?: VersionEvent;
  /** A `stage` passed since the deciding event: the behaviour changed there without a change of status. */
  stage?: VersionEvent;
  /** The condition of the stage the version is in (an introduction that holds only when …). */
  condition?: string;
}

const RANGE_KINDS = new Set(['introduced', 'introduced_after', 'fixed', 'last_affected', 'unknown']);

/** Events that move the status along a line (not enumerated versions, not stage notes). */
export function rangeEvents(events: readonly VersionEvent[]): VersionEvent[] {
  return events.filter((e) => RANGE_KINDS.has(e.kind));
}

/** The status a line has before its first range event. */
export function statusBefore(first: VersionEvent | undefined): WalkStatus {
  if (!first) return 'unknown';
  if (first.kind === 'introduced' || first.kind === 'introduced_after') return 'not-affected';
  if (first.kind === 'unknown') return 'unknown';
  return 'affected'; // a line that starts with a fix was affected before it
}

/**
 * Walks a line's events (oldest first) up to a version, in the manner of OSV:
 * `introduced` opens an affected range (`introduced_after`: just after its
 * version), `fixed` closes it at that version, `last_affected` just after it,
 * `unknown` starts a stretch the article cannot speak for. A version named by
 * an `affected` event is affected whatever the ranges say; a line with only
 * such events is unknown everywhere else. `stage` events change no status.
 */
export function statusOnLine(events: readonly VersionEvent[], version: SemVer): LineState {
  const ranges = rangeEvents(events);
  let state: LineState = { status: statusBefore(ranges[0]) };
  for (const e of ranges) {
    const cmp = semver.compare(version, e.version);
    const reached = e.kind === 'last_affected' || e.kind === 'introduced_after' ? cmp > 0 : cmp >= 0;
    if (!reached) break;
    state = { status: statusAfter(e), decidedBy: e };
  }
  const point = events.find((e) => e.kind === 'affected' && semver.eq(e.version, version));
  if (point) state = { status: 'affected', decidedBy: point };
  const by = state.decidedBy;
  if (by?.condition !== undefined) state.condition = by.condition;
  const stage = [...events].reverse().find((e) => e.kind === 'stage' && semver.lte(e.version, version));
  if (stage && (!by || semver.gt(stage.version, by.version))) state.stage = stage;
  if (state.status === 'affected') {
    const fix = ranges.find((e) => e.kind === 'fixed' && semver.gt(e.version, version));
    if (fix) state.nextFix = fix;
    const closing = ranges.find((e) => e.kind === 'last_affected' && semver.gte(e.version, version));
    if (closing && (!fix || semver.lt(closing.version, fix.version))) state.closing = closing;
  }
  return state;
}

function statusAfter(e: VersionEvent): WalkStatus {
  switch (e.kind) {
    case 'introduced':
    case 'introduced_after':
      return 'affected';
    case 'unknown':
      return 'unknown';
    default:
      return 'fixed';
  }
}

/** The version from which a line stays fixed for good, if it does. */
export function finalFix(events: readonly VersionEvent[]): VersionEvent | undefined {
  const last = rangeEvents(events).at(-1);
  return last?.kind === 'fixed' ? last : undefined;
}
