import { RUN_CLASSES, SHAPE_FOLLOW, isSpace, type RunClass } from './log-classes.ts';
import type { LogPart, LogPattern } from '../model/knowledge.ts';

export interface PatternMatch {
  start: number;
  end: number;
  /** false: the text ended inside the pattern (a line cut short); `covered` says how much matched. */
  complete: boolean;
  /** Literal characters matched, out of the pattern's `literalLength`. */
  covered: number;
}

/** Work left for one search; every character looked at costs one. */
export interface Budget {
  steps: number;
}

const FAIL = -1;
const CUT = -2;
/** JSON and shell escapes put a backslash before these; the backslash is ignored. */
const ESCAPED = new Set([34, 39, 47, 92]);

/**
 * Finds a log pattern in `text[from, to)`: each `{any}`-separated segment at
 * its leftmost occurrence with the earliest end, in order (glob matching,
 * which needs no backtracking across segments). Inside a segment matching is
 * deterministic. With `allowCut`, a text that ends inside the pattern gives an
 * incomplete match. Linear in the window for a fixed pattern; stops when the
 * budget runs out.
 */
export function matchLogPattern(p: LogPattern, text: string, from: number, to: number, budget: Budget, allowCut = false): PatternMatch | null {
  let pos = from;
  let start = -1;
  let covered = 0;
  for (const seg of p.segments) {
    const found = findSegment(seg, text, pos, to, budget, allowCut);
    if (!found) return null;
    if (start < 0) start = found.start;
    covered += found.covered;
    if (!found.complete) return { start, end: to, complete: false, covered };
    pos = found.end;
  }
  return { start, end: pos, complete: true, covered };
}

interface SegmentHit {
  start: number;
  end: number;
  complete: boolean;
  covered: number;
}

function findSegment(seg: LogPart[], text: string, from: number, to: number, budget: Budget, allowCut: boolean): SegmentHit | null {
  const lead = leadText(seg);
  let best: SegmentHit | null = null;
  let cut: SegmentHit | null = null;
  let p = from;
  while (p < to && (best === null || p < best.end) && budget.steps > 0) {
    if (lead.length > 0) {
      const at = text.indexOf(lead, p);
      if (at < 0 || at >= to) {
        // The text may end inside the lead itself.
        if (allowCut && cut === null) cut = cutInLead(seg, lead, text, p, to);
        break;
      }
      p = at;
    }
    budget.steps -= 1;
    const r = matchAt(seg, text, p, to, budget);
    if (r.end >= 0 && (best === null || r.end < best.end)) best = { start: p, end: r.end, complete: true, covered: r.covered };
    else if (r.end === CUT && allowCut && cut === null) cut = { start: p, end: to, complete: false, covered: r.covered };
    p++;
  }
  return best ?? cut;
}

/**
 * Literal text at the start of a segment, up to the next character a log may
 * escape: found with indexOf. The first character may be one (`"message`):
 * an escaped quote still has the quote itself right there.
 */
function leadText(seg: LogPart[]): string {
  const first = seg[0];
  if (first?.t !== 'text') return '';
  let n = 1;
  while (n < first.text.length && !ESCAPED.has(first.text.charCodeAt(n))) n++;
  return first.text.slice(0, n);
}

function cutInLead(seg: LogPart[], lead: string, text: string, from: number, to: number): SegmentHit | null {
  // The longest suffix of the text that is a prefix of the lead (at least 8 characters, to mean something).
  for (let k = Math.min(lead.length - 1, to - from); k >= 8; k--) {
    if (text.startsWith(lead.slice(0, k), to - k) && seg.length > 0) return { start: to - k, end: to, complete: false, covered: k };
  }
  return null;
}

/** Matches one segment at `p`: the end, FAIL, or CUT (the text ended first), and the literal characters matched. */
function matchAt(seg: LogPart[], text: string, p: number, to: number, budget: Budget): { end: number; covered: number } {
  let i = p;
  let covered = 0;
  for (let k = 0; k < seg.length; k++) {
    const part = seg[k] as LogPart;
    if (i >= to) return { end: CUT, covered };
    if (part.t === 'text') {
      for (let j = 0; j < part.text.length; j++) {
        if (i >= to) return { end: CUT, covered };
        budget.steps -= 1;
        const want = part.text.charCodeAt(j);
        let c = text.charCodeAt(i);
        if (c === 92 && want !== 92 && ESCAPED.has(want) && i + 1 < to) c = text.charCodeAt(++i);
        if (c !== want) return { end: FAIL, covered };
        i++;
        covered++;
      }
    } else if (part.t === 'space') {
      if (!isSpace(text.charCodeAt(i))) return { end: FAIL, covered };
      while (i < to && isSpace(text.charCodeAt(i))) i++;
      budget.steps -= 1;
      covered++;
    } else {
      // A placeholder at the start of a segment must start a run, not sit inside one.
      if (k === 0 && i > 0 && startsInside(part.t, text.charCodeAt(i - 1))) return { end: FAIL, covered };
      const end = part.t === 'ip' ? matchIp(text, i, to) : part.t === 'guid' ? matchGuid(text, i, to) : matchRun(part.t, text, i, to);
      budget.steps -= Math.max(1, end - i);
      if (end === FAIL || end === CUT) return { end, covered };
      i = end;
    }
  }
  return { end: i, covered };
}

function startsInside(t: Exclude<LogPart['t'], 'text' | 'space'>, before: number): boolean {
  if (t === 'ip') return before >= 48 && before <= 57;
  if (t === 'guid') return SHAPE_FOLLOW.guid(before);
  return RUN_CLASSES[t].test(before);
}

function matchRun(t: RunClass, text: string, i: number, to: number): number {
  const cls = RUN_CLASSES[t];
  let j = i;
  while (j < to && cls.test(text.charCodeAt(j))) j++;
  if (j === i) return FAIL;
  if (j - i > cls.max) return FAIL;
  return j;
}

function matchIp(text: string, i: number, to: number): number {
  let j = i;
  for (let g = 0; g < 4; g++) {
    if (g > 0) {
      if (j >= to) return CUT;
      if (text.charCodeAt(j) !== 46) return FAIL;
      j++;
    }
    const s = j;
    while (j < to && j - s < 4 && RUN_CLASSES.int.test(text.charCodeAt(j))) j++;
    if (j === s) return j >= to ? CUT : FAIL;
    if (j - s > 3) return FAIL;
  }
  return j < to && SHAPE_FOLLOW.ip(text.charCodeAt(j)) ? FAIL : j;
}

const GUID_GROUPS = [8, 4, 4, 4, 12];

function matchGuid(text: string, i: number, to: number): number {
  let j = i;
  for (let g = 0; g < GUID_GROUPS.length; g++) {
    if (g > 0) {
      if (j >= to) return CUT;
      if (text.charCodeAt(j) !== 45) return FAIL;
      j++;
    }
    for (let n = 0; n < (GUID_GROUPS[g] as number); n++, j++) {
      if (j >= to) return CUT;
      if (!RUN_CLASSES.hex.test(text.charCodeAt(j))) return FAIL;
    }
  }
  return j < to && SHAPE_FOLLOW.guid(text.charCodeAt(j)) ? FAIL : j;
}
