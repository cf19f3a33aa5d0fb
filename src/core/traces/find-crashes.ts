import { classifyLine, type TraceLine } from './classify-line.ts';
import { normalizeFrame } from './normalize-frame.ts';
import { unwrapJsonLogs } from './unwrap-json-logs.ts';
import type { Crash, Frame } from '../model/crash.ts';

export type { Crash, Frame } from '../model/crash.ts';

const LOOKAHEAD_LINES = 80;
const MAX_FRAMES = 200;
const MAX_CRASHES = 200;
/** Headers kept for one crash: a run of nested panics is one crash, however long. */
const MAX_HEADERS = 20;

/**
 * Every Go crash in a text: each `fatal error:` / `panic:` header with the
 * goroutine that was running; with no header, `[running]` goroutines; with
 * neither, runs of frames. Robust to fences, log prefixes, JSON log records,
 * CRLF and tabs turned into spaces. Slack's entity escaping is undone by the
 * Slack adapter before text reaches the core.
 */
export function findCrashes(input: string): Crash[] {
  const split = input.split(/\r\n|\r|\n/);
  const unwrapped = unwrapJsonLogs(split);
  const rawLines = unwrapped?.lines ?? split;
  const crashes = findInLines(rawLines);
  return unwrapped ? crashes.map((c) => toInputLines(c, unwrapped.origin)) : crashes;
}

/** Line numbers of a crash found in unwrapped JSON records, as lines of the input. */
function toInputLines(c: Crash, origin: number[]): Crash {
  const at = (n: number) => origin[n - 1] ?? n;
  return {
    ...c,
    headerLine: c.headerLine === null ? null : at(c.headerLine),
    goroutine: c.goroutine ? { ...c.goroutine, line: at(c.goroutine.line) } : null,
    frames: c.frames.map((f) => ({ ...f, line: at(f.line) })),
  };
}

function findInLines(rawLines: string[]): Crash[] {
  const offsets: number[] = [];
  let pos = 0;
  for (const l of rawLines) {
    offsets.push(pos);
    pos += l.length + 1;
  }
  const lines = joinWrapped(rawLines.map(classifyLine), rawLines);
  const crashes: Crash[] = [];
  const at = (i: number) => offsets[i] ?? 0;
  // A crash loop repeats the same crash; identical ones are kept once, so they never crowd out a different one.
  const seen = new Set<string>();
  const keep = (c: Crash) => {
    const key = `${c.headers.join('|')}#${c.frames.map((f) => f.fn).join('|')}`;
    if (seen.has(key)) return;
    seen.add(key);
    crashes.push(c);
  };

  for (let i = 0; i < lines.length && crashes.length < MAX_CRASHES; i++) {
    const l = lines[i] as TraceLine;
    if (l.kind !== 'header') continue;
    const headers = [l.text];
    let j = i + 1;
    // Nested panics ("panic: A [recovered]" then "\tpanic: B") and signal lines belong to this crash.
    while (j < lines.length) {
      const n = lines[j] as TraceLine;
      if (n.kind === 'header' && n.text.startsWith('panic: ') && headers[headers.length - 1]?.startsWith('panic: ')) {
        if (headers.length < MAX_HEADERS) headers.push(n.text);
      }
      else if (n.kind !== 'signal' && n.kind !== 'blank') break;
      j++;
    }
    const crash: Crash = { headers, headerLine: i + 1, prefix: l.prefix, goroutine: null, frames: [], createdBy: null, elided: false, offset: at(i) };
    // Frames right after the header (a trimmed paste), or the first goroutine block.
    const direct = readFrames(lines, j, crash);
    if (direct.frames === 0) {
      for (let k = j; k < Math.min(lines.length, j + LOOKAHEAD_LINES); k++) {
        const n = lines[k] as TraceLine;
        if (n.kind === 'header') break;
        if (n.kind === 'goroutine') {
          crash.goroutine = { id: n.id, state: n.state, line: k + 1 };
          readFrames(lines, k + 1, crash);
          break;
        }
      }
    }
    keep(crash);
    i = j - 1; // nested panic lines belong to this crash
  }
  if (crashes.length > 0) return crashes;

  // No header: goroutines that were running, else runs of frames.
  for (let i = 0; i < lines.length && crashes.length < MAX_CRASHES; i++) {
    const l = lines[i] as TraceLine;
    if (l.kind === 'goroutine' && l.state.startsWith('running')) {
      const crash = emptyCrash(at(i));
      crash.goroutine = { id: l.id, state: l.state, line: i + 1 };
      readFrames(lines, i + 1, crash);
      if (crash.frames.length > 0) keep(crash);
    }
  }
  if (crashes.length > 0) return crashes;
  for (let i = 0; i < lines.length && crashes.length < MAX_CRASHES; i++) {
    if ((lines[i] as TraceLine).kind !== 'fn') continue;
    const crash = emptyCrash(at(i));
    const read = readFrames(lines, i, crash);
    if (looksLikeGo(crash.frames)) keep(crash);
    i = Math.max(i, read.end - 1);
  }
  return crashes;
}

/** Frames with no header are a Go trace only when they carry Go files or Go-style arguments. */
function looksLikeGo(frames: Frame[]): boolean {
  if (frames.some((f) => f.file !== undefined && /\.(?:go|s)$/.test(f.file))) return true;
  return frames.filter((f) => f.goArgs).length >= 2;
}

function emptyCrash(offset: number): Crash {
  return { headers: [], headerLine: null, prefix: '', goroutine: null, frames: [], createdBy: null, elided: false, offset };
}

/** Reads one goroutine's frames from line `start`; returns how many and where it stopped. */
function readFrames(lines: TraceLine[], start: number, crash: Crash): { frames: number; end: number } {
  let noise = 0;
  let count = 0;
  let i = start;
  for (; i < lines.length && crash.frames.length < MAX_FRAMES; i++) {
    const l = lines[i] as TraceLine;
    if (l.kind === 'fn') {
      crash.frames.push({ fn: normalizeFrame(l.text), line: i + 1, truncated: l.truncated, goArgs: l.goArgs });
      count++;
      noise = 0;
    } else if (l.kind === 'file') {
      const last = crash.frames[crash.frames.length - 1];
      if (last && last.file === undefined && count > 0) {
        last.file = l.file;
        last.fileLine = l.line;
      }
      noise = 0;
    } else if (l.kind === 'elided') {
      crash.elided = true;
    } else if (l.kind === 'continued') {
      continue;
    } else if (l.kind === 'created') {
      crash.createdBy = normalizeFrame(l.text);
      i++;
      break;
    } else if (l.kind === 'blank') {
      // Go ends a goroutine with a blank line; chat pastes add stray ones.
      const next = nextNonBlank(lines, i + 1);
      if (count === 0 || next === undefined || (next.kind !== 'fn' && next.kind !== 'file')) break;
    } else if (l.kind === 'header' || l.kind === 'goroutine') {
      break;
    } else if (++noise > 2 || count === 0) {
      break;
    }
  }
  return { frames: count, end: i };
}

function nextNonBlank(lines: TraceLine[], from: number): TraceLine | undefined {
  for (let i = from; i < lines.length && i < from + 3; i++) {
    const kind = (lines[i] as TraceLine).kind;
    if (kind !== 'blank' && kind !== 'continued') return lines[i];
  }
  return undefined;
}

/**
 * Long lines wrapped by a terminal or chat client: a function line that opens
 * its arguments without closing them, or a path with no `:line`, continues on
 * the next line. Joined lines keep the first line's number.
 */
function joinWrapped(classified: TraceLine[], raw: string[]): TraceLine[] {
  for (let i = 0; i + 1 < classified.length; i++) {
    const c = classified[i] as TraceLine;
    if (c.kind !== 'other' && !(c.kind === 'fn' && c.truncated)) continue;
    const here = (raw[i] as string).trimEnd();
    const next = (raw[i + 1] as string).trim();
    if (here.length < 40 || next === '' || here.length > 4096) continue;
    const looksOpen = opensArguments(here) || endsInPath(here);
    if (!looksOpen) continue;
    const joined = classifyLine(here + next);
    if (joined.kind === 'fn' || joined.kind === 'file') {
      classified[i] = joined;
      classified[i + 1] = { kind: 'continued' };
    }
  }
  return classified;
}

/** A `(` after the last `)`: an argument list the line leaves open. */
function opensArguments(s: string): boolean {
  return s.indexOf('(', s.lastIndexOf(')') + 1) >= 0;
}

/** The line ends in a path (`…/src/net/http/server.go`-like, cut before its `:line`): one pass from the end. */
function endsInPath(s: string): boolean {
  let start = s.length;
  while (start > 0 && /[\w./-]/.test(s[start - 1] as string)) start--;
  const slash = s.indexOf('/', start);
  return slash >= 0 && slash < s.length - 1;
}
