import type { Crash, Frame } from './find-crashes.ts';
import type { Signature } from '../model/knowledge.ts';
import type { MatchLevel } from '../model/answer.ts';

export interface SignatureMatch {
  level: MatchLevel;
  score: number;
  evidence: string[];
  /** The crash frames that matched signature frames, by signature frame. */
  matched: Map<string, Frame>;
}

/** Frames the runtime adds on top of the code that crashed (older Go, panics). */
const RUNTIME_FRAME = /^(?:runtime\.|runtime\/internal\/|internal\/runtime\/|panic$|sync\.fatal$)/;

/**
 * Scores one crash against one signature: the error line, the signature's
 * frames in order, and above all the program-specific frames.
 *
 * - exact: same error, every frame, in order, at the top of the stack;
 * - strong: every program frame in order and no contradicting error line;
 * - partial: only part matches (same error in another program, or the
 *   program's frames under another error): a "closest known issue", never a match.
 */
export function matchSignature(
  crash: Crash,
  sig: Signature,
  where: (line: number) => string,
  components: readonly string[] = [],
): SignatureMatch | null {
  const frames = dropRuntimeTop(crash.frames);
  const error = compareError(crash, sig);
  const matched = new Map<string, Frame>();
  const positions: number[] = [];
  let from = 0;
  for (const want of sig.frames) {
    const at = frames.findIndex((f, i) => i >= from && sameFrame(f, want));
    if (at >= 0) {
      matched.set(want, frames[at] as Frame);
      positions.push(at);
      from = at + 1;
    }
  }
  const program = sig.programFrames.filter((f) => matched.has(f)).length;
  const generic = sig.frames.filter((f) => !sig.programFrames.includes(f));
  const genericMatched = generic.filter((f) => matched.has(f)).length;
  const aligned = positions.length === sig.frames.length && positions.every((p, i) => p === i);
  const allProgram = program === sig.programFrames.length;

  if (error === 'different' && program === 0) return null;
  if (error !== 'same' && matched.size === 0) return null;

  const score = round(
    (error === 'same' ? 0.25 : error === 'absent' ? 0.1 : 0) +
      0.15 * (generic.length === 0 ? 1 : genericMatched / generic.length) +
      0.5 * (program / sig.programFrames.length) +
      (aligned ? 0.1 : 0),
  );
  let level: MatchLevel = 'partial';
  if (error === 'same' && aligned) level = 'exact';
  else if (error !== 'different' && allProgram) level = 'strong';
  else if (error === 'same' && program > 0 && genericMatched === generic.length) level = 'strong';
  // Only the header was pasted, from a log the program writes (`gorouter.stderr.log: fatal error: …`).
  const named = components.find((c) => crash.prefix.toLowerCase().includes(c.toLowerCase()));
  if (level === 'partial' && error === 'same' && crash.frames.length === 0 && named !== undefined) level = 'strong';

  const evidence: string[] = [];
  if (crash.headers.length > 0) {
    const header = crash.headers.join(' / ');
    evidence.push(error === 'same' ? `${where(crash.headerLine ?? 0)}: "${header}" is the article's error line` : `${where(crash.headerLine ?? 0)}: "${header}" is not the article's error line ("${sig.error}")`);
  } else {
    evidence.push('no crash header in the paste; matched on frames alone');
  }
  if (named !== undefined && crash.frames.length === 0) evidence.push(`the log prefix "${crash.prefix}" names ${named}; no frames were pasted`);
  for (const want of sig.frames) {
    const f = matched.get(want);
    const role = sig.programFrames.includes(want) ? 'program frame' : 'library frame';
    evidence.push(f ? `${where(f.line)}: ${f.fn}${f.truncated ? ' (cut short in the paste)' : ''} — ${role}` : `missing ${role}: ${want}`);
  }
  if (!aligned && matched.size > 0 && positions.length === sig.frames.length) evidence.push('the frames match, with other frames between or above them');
  return { level, score, evidence, matched };
}

function compareError(crash: Crash, sig: Signature): 'same' | 'different' | 'absent' {
  if (sig.error === undefined) return 'same';
  if (crash.headers.length === 0) return 'absent';
  const want = normalizeHeader(sig.error);
  return crash.headers.some((h) => normalizeHeader(h) === want) ? 'same' : 'different';
}

/** Crash headers carry values (`index out of range [5] with length 3`); compare their shape. */
export function normalizeHeader(h: string): string {
  return h
    .replace(/\s*\[recovered\]\s*$/, '')
    .replace(/0x[0-9a-fA-F]+/g, '0x?')
    .replace(/\d+/g, 'N')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function sameFrame(f: Frame, want: string): boolean {
  if (f.fn === want) return true;
  return f.truncated && f.fn.length >= 12 && want.startsWith(f.fn);
}

function dropRuntimeTop(frames: Frame[]): Frame[] {
  let i = 0;
  while (i < frames.length && RUNTIME_FRAME.test((frames[i] as Frame).fn)) i++;
  return frames.slice(i);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
