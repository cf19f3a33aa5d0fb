import type { Basis } from '../model/answer.ts';
import type { VersionEvent } from '../model/knowledge.ts';

/** `inferred` when any event the verdict used is marked inferred (the fix it points to included). */
export function basisOf(events: readonly VersionEvent[]): Basis {
  return events.some((e) => e.inferred !== undefined) ? 'inferred' : 'stated';
}

const KIND_WORD: Record<VersionEvent['kind'], string> = {
  introduced: 'introduced',
  introduced_after: 'introduced after',
  fixed: 'fixed',
  last_affected: 'last affected',
  unknown: 'unknown from',
  affected: 'affected',
  stage: 'stage',
};

/** " Inferred — fixed 2.11.42: the patch after the last affected one." */
export function inferredText(events: readonly VersionEvent[]): string {
  const notes = [...new Set(events.flatMap((e) => (e.inferred ? [`${KIND_WORD[e.kind]} ${e.first ? 'the first release' : e.version.version}: ${e.inferred}`] : [])))];
  return notes.length > 0 ? ` Inferred — ${notes.join('; ')}.` : '';
}

export function noteOf(e: VersionEvent): string {
  return e.note ? ` (${e.note})` : '';
}

/** The table's condition and the stage's, joined: what must hold for an affected verdict. */
export function joinConditions(...conditions: (string | undefined)[]): string | null {
  const all = conditions.filter((c): c is string => c !== undefined && c.length > 0);
  return all.length > 0 ? all.join(', and ') : null;
}

export function conditionText(condition: string | null): string {
  return condition ? ` Only when ${condition}.` : '';
}

/** "0.220.0" or "the first release" for an `introduced: "0"`. */
export function versionWord(e: VersionEvent): string {
  return e.first ? 'the first release' : e.version.version;
}

export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
