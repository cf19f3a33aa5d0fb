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
/** Windows read per pattern and source before giving up on a better level. */
export const MAX_WINDOWS = 400;
const SHOWN = 200;
const CUT_MARK = /(?:\s*(?:…|\.\.\.|\[truncated\]|\(truncated\)))+\s*$/;

/**
 * The best place a log signature matches in one source: `exact` (the whole
 * line), `strong` (a line cut short after most of it), `partial` (only the
 * signature's core, the bare error without its context). Only lines holding
 * the pattern's anchor are read, each once, in windows of at most 8 KiB, so
 * work is bounded whatever the input's shape.
 */
export function findLogLine(sig: LogSignature, source: LogSource, budget: Budget, lineAt: (pos: number) => number): LogHit | null {
  let best: LogHit | null = null;
  const consider = (hit: LogHit) => {
    if (!best || RANK[hit.level] > RANK[best.level]) best = hit;
  };
  eachWindow(source.text, sig.line.anchor, budget, (w, pos) => {
    const m = matchLogPattern(sig.line, w, 0, w.length, budget, true);
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
    eachWindow(source.text, core.anchor, budget, (w, pos) => {
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
function eachWindow(text: string, anchor: string, budget: Budget, visit: (window: string, pos: number) => boolean): void {
  let from = 0;
  for (let n = 0; n < MAX_WINDOWS && budget.steps > 0; n++) {
    const at = text.indexOf(anchor, from);
    if (at < 0) return;
    const nl = text.lastIndexOf('\n', at);
    const start = Math.max(nl + 1, at - WINDOW_HALF);
    const eol = text.indexOf('\n', at);
    const end = Math.min(eol < 0 ? text.length : eol, at + anchor.length + WINDOW_HALF);
    budget.steps -= 1 + Math.floor((end - start) / 64);
    let w = text.slice(start, end).replace(/\r$/, '');
    if (w.includes('&')) w = w.replace(/&(lt|gt|amp);/g, (_, e: string) => (e === 'lt' ? '<' : e === 'gt' ? '>' : '&'));
    w = w.replace(CUT_MARK, '');
    if (visit(w, at)) return;
    from = Math.max(end, at + anchor.length);
  }
}

function clip(w: string, start: number, end: number): string {
  const s = w.slice(start, end).trim();
  return s.length > SHOWN ? `${s.slice(0, SHOWN - 1)}…` : s;
}

/** 1-based line numbers by offset, from one pass over the text (built on first use). */
export function lineCounter(text: string): (pos: number) => number {
  let breaks: number[] | null = null;
  return (pos) => {
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
    return lo + 1;
  };
}
