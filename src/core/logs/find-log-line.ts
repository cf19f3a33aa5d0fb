import { matchLogPattern, type Budget } from './match-log-pattern.ts';
import type { LogSignature } from '../model/knowledge.ts';
import type { MatchLevel } from '../model/answer.ts';

export interface LogHit {
  level: MatchLevel;
  /** 1-based line in the source text. */
  line: number;
  /** The matched text (decoded, clipped for display). */
  text: string;
}

/** The text a log search runs over, and how to name a line of it in evidence. */
export interface LogSource {
  text: string;
  where: (line: number) => string;
}

/** Half the widest window read around an anchor: lines longer than twice this are cut there. */
export const WINDOW_HALF = 4096;
/** Windows read per pattern and source before giving up on a better level (the step budget usually ends it first). */
export const MAX_WINDOWS = 100_000;
const SHOWN = 200;
const CUT_MARK = /(?:\s*(?:…|\.\.\.|\[truncated\]|\(truncated\)))+\s*$/;

/**
 * The best place a log signature matches in one source: `exact` (the whole
 * line), `strong` (a line cut short after most of it), `partial` (only the
 * signature's core, the bare error without its context). Only lines holding
 * the pattern's anchor are read, each once, in windows of at most 8 KiB, so
 * work is bounded whatever the input's shape.
 */
export function findLogLine(sig: LogSignature, source: LogSource, budget: Budget, index: LineIndex = lineIndex(source.text)): LogHit | null {
  const lineAt = index.lineAt;
  let best: LogHit | null = null;
  const consider = (hit: LogHit) => {
    if (!best || RANK[hit.level] > RANK[best.level]) best = hit;
  };
  eachWindow(source.text, index, sig.line.anchor, budget, (w, pos, lineEnds) => {
    const m = matchLogPattern(sig.line, w, 0, w.length, budget, lineEnds);
    if (m?.complete) consider({ level: 'exact', line: lineAt(pos), text: clip(w, m.start, m.end) });
    else if (m && m.covered >= Math.max(12, 0.6 * sig.line.literalLength)) consider({ level: 'strong', line: lineAt(pos), text: clip(w, m.start, m.end) });
    else if (sig.core && !best) {
      const c = matchLogPattern(sig.core, w, 0, w.length, budget);
      if (c?.complete) consider({ level: 'partial', line: lineAt(pos), text: clip(w, c.start, c.end) });
    }
    return best?.level === 'exact';
  });
  const core = sig.core;
  if (core && (best as LogHit | null) === null) {
    // The bare error may stand on a line without the full pattern's anchor.
    eachWindow(source.text, index, core.anchor, budget, (w, pos) => {
      const c = matchLogPattern(core, w, 0, w.length, budget);
      if (c?.complete) consider({ level: 'partial', line: lineAt(pos), text: clip(w, c.start, c.end) });
      return best !== null;
    });
  }
  return best;
}

const RANK: Record<MatchLevel, number> = { exact: 3, strong: 2, partial: 1 };

/**
 * Calls `visit` with the line (decoded, cut marks dropped, at most
 * 2 × WINDOW_HALF) around each occurrence of `anchor`, once per line, until
 * it returns true, the window cap or the budget is reached.
 */
function eachWindow(text: string, index: LineIndex, anchor: string, budget: Budget, visit: (window: string, pos: number, lineEnds: boolean) => boolean): void {
  let from = 0;
  for (let n = 0; n < MAX_WINDOWS && budget.steps > 0; n++) {
    const at = text.indexOf(anchor, from);
    if (at < 0) return;
    const [lineStart, lineEnd] = index.bounds(at);
    const start = Math.max(lineStart, at - WINDOW_HALF);
    const hi = at + anchor.length + WINDOW_HALF;
    const end = Math.min(lineEnd, hi);
    // A window that stops where the line does may end inside the pattern (a line cut short); one clipped by the window may not.
    const lineEnds = lineEnd <= hi;
    budget.steps -= 8 + Math.floor((end - start) / 32);
    let w = text.slice(start, end);
    if (w.endsWith('\r')) w = w.slice(0, -1);
    if (w.includes('&')) w = w.replace(/&(lt|gt|amp);/g, (_, e: string) => (e === 'lt' ? '<' : e === 'gt' ? '>' : '&'));
    const tail = w.slice(-40);
    const cut = CUT_MARK.exec(tail);
    if (cut) w = w.slice(0, w.length - tail.length + cut.index);
    if (visit(w, at, lineEnds)) return;
    from = Math.max(end, at + anchor.length);
  }
}

function clip(w: string, start: number, end: number): string {
  const s = w.slice(start, end).trim();
  return s.length > SHOWN ? `${s.slice(0, SHOWN - 1)}…` : s;
}

export interface LineIndex {
  /** 1-based line of an offset. */
  lineAt: (pos: number) => number;
  /** [start, end) of the line holding an offset, without its newline. */
  bounds: (pos: number) => [number, number];
}

/** Where the lines of a text start and end, from one pass over it (built on first use, shared by every signature). */
export function lineIndex(text: string): LineIndex {
  let breaks: number[] | null = null;
  const find = (pos: number): number => {
    if (!breaks) {
      breaks = [];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) breaks.push(i);
    }
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((breaks[mid] as number) < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo; // breaks before pos
  };
  return {
    lineAt: (pos) => find(pos) + 1,
    bounds: (pos) => {
      const i = find(pos);
      const b = breaks as number[];
      return [i === 0 ? 0 : (b[i - 1] as number) + 1, i < b.length ? (b[i] as number) : text.length];
    },
  };
}
