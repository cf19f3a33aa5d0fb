import { CHANGED_FROM, type SpecMention } from './find-ranges.ts';

/**
 * Words that say a version is one the asker has left: "we're not on 2.13
 * anymore", "moved off 2.11.51", "upgraded from 2.13.20 to 2.13.34". Such a
 * version is context, not a question: answering it would bury the verdicts
 * for the version they run now under ones for the version they left.
 * `text` has product names blanked, so "not on TAS 2.13" reads "not on 2.13".
 */
const LEFT_BEFORE = new RegExp(
  String.raw`\b(?:(?:(?:are|is|am|'re|'s|'m)\s+)?(?:not|no\s+longer)\s+(?:on|running|using|at)|moved\s+(?:off|away\s+from)|off\s+of|${CHANGED_FROM}|instead\s+of|used\s+to\s+(?:be\s+on|run))\s+(?:(?:version|v|the)\s+)*$`,
  'i',
);
const LEFT_AFTER = /^\s*(?:(?:line|release|tile)\s+)?(?:any\s?more|no\s+more|no\s+longer)\b/i;
const NOT_BEFORE = /\b(?:not|no\s+longer)\s+(?:on|running|using)\s+(?:(?:version|v|the)\s+)*$/i;

/** Marks the versions the asker has left; everything else stays as it is. */
export function markFormer(text: string, specs: SpecMention[]): SpecMention[] {
  return specs.map((s) => {
    const before = text.slice(Math.max(0, s.start - 60), s.start);
    const after = text.slice(s.end, s.end + 24);
    if (/^\s*yet\b/i.test(after)) return s; // "not on 2.13.34 yet": a version they do not run, asked about
    const left = LEFT_BEFORE.test(before) || (LEFT_AFTER.test(after) && !/\bstill\b/i.test(before.slice(-20))) || NOT_BEFORE.test(before);
    return left ? { ...s, former: true } : s;
  });
}
