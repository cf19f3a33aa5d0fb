import { argumentListStart } from './normalize-frame.ts';

/** One line of a paste, read as a piece of a Go traceback. */
export type TraceLine =
  | { kind: 'header'; text: string; prefix: string }
  | { kind: 'goroutine'; id: string; state: string }
  /** `goArgs`: the argument list looks like a Go traceback's (hex words, `...`, `{…}`), not a call in prose or another language. */
  | { kind: 'fn'; text: string; truncated: boolean; goArgs: boolean }
  | { kind: 'file'; file: string; line: number }
  | { kind: 'created'; text: string }
  | { kind: 'elided' }
  | { kind: 'signal'; text: string }
  | { kind: 'blank' }
  /** The second half of a wrapped line, joined to the one before. */
  | { kind: 'continued' }
  | { kind: 'other' };

const MAX_LINE = 4096;
const MAX_PREFIX = 400;
const HEADERS = ['fatal error: ', 'panic: '];
const GOROUTINE = /^goroutine (\d+)(?: gp=\S+)?(?: m=\S+)?(?: mp=\S+)?\s*\[([^\]]{1,200})\]:?$/;
const FILE = /^(\S{1,2000}?\.(?:go|s)):(\d{1,7})(?:\s+\+0x[0-9a-fA-F]{1,16})?(?:\s+fp=0x[0-9a-f]+\s+sp=0x[0-9a-f]+\s+pc=0x[0-9a-f]+)?$/;
const GO_ARGS = /^\((?:\.\.\.|[0-9a-fA-Fx?,{}. ]*)\)$/;
const ELIDED = /^\.\.\.(?:additional frames elided|\d+ frames elided)\.\.\.$/;
// A log line prefix: timestamps, [RTR/0]-style tags, stream names, syslog headers, quote marks.
// `[^\][]*` (not `[^\]]*`): an innermost pair, so a run of `[` is not rescanned from each one.
const LOG_PREFIX = /\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}|\[[^\][]*\]|\.log:?$|\b(?:ERR|OUT|INFO|WARN|WARNING|ERROR|FATAL|stderr|stdout)\b|^<\d+>|^>+$|:$|\|$/;

/**
 * Classifies one line, looking past a log shipper's prefix: the trace part may
 * start after any run of white space or a `]`, `:` or `|` in the first few
 * hundred characters. The first reading that is a trace element wins.
 */
export function classifyLine(raw: string): TraceLine {
  const line = raw.length > MAX_LINE ? raw.slice(0, MAX_LINE) : raw;
  const trimmed = line.trim();
  if (trimmed === '' || trimmed === '```') return { kind: 'blank' };
  const header = findHeader(line);
  if (header) return header;
  for (const start of candidateStarts(line)) {
    const found = classifyContent(line.slice(start).trim().replace(/^`{3}/, '').replace(/`{3}$/, '').trim());
    if (found) return found;
  }
  return { kind: 'other' };
}

function findHeader(line: string): TraceLine | null {
  for (const h of HEADERS) {
    const at = line.indexOf(h);
    if (at < 0 || at > MAX_PREFIX) continue;
    const prefix = line.slice(0, at).replace(/`+/g, '').trim();
    if (prefix === '' || LOG_PREFIX.test(prefix)) {
      const text = trimTrailing(line.slice(at).trim(), 96 /* ` */).trim();
      if (text.length > h.length) return { kind: 'header', text, prefix };
    }
  }
  return null;
}

function* candidateStarts(line: string): Generator<number> {
  yield 0;
  const end = Math.min(line.length, MAX_PREFIX);
  let count = 0;
  for (let i = 1; i < end && count < 24; i++) {
    const prev = line.charCodeAt(i - 1);
    const cur = line.charCodeAt(i);
    const prevBreak = prev === 32 || prev === 9 || prev === 93 /* ] */ || prev === 124 /* | */ || prev === 58 /* : */;
    if (prevBreak && cur !== 32 && cur !== 9) {
      count++;
      yield i;
    }
  }
}

function classifyContent(s: string): TraceLine | null {
  if (s === '') return null;
  const g = GOROUTINE.exec(s);
  if (g) return { kind: 'goroutine', id: g[1] as string, state: g[2] as string };
  if (s.startsWith('created by ')) {
    const text = s.slice('created by '.length);
    return isFunctionName(text.replace(/ in goroutine \d+$/, '')) ? { kind: 'created', text } : null;
  }
  if (ELIDED.test(s)) return { kind: 'elided' };
  if (s.startsWith('[signal ')) return { kind: 'signal', text: s };
  const f = FILE.exec(s);
  if (f) return { kind: 'file', file: f[1] as string, line: Number(f[2]) };
  return readFunctionLine(s);
}

/** `pkg.(*T).M(0xc0?, {…})`, `pkg.F(...)`, or a name cut short by a terminal (`pkg.(*T).Han…`). */
function readFunctionLine(s: string): TraceLine | null {
  if (s.endsWith(')')) {
    const open = argumentListStart(s);
    if (open > 0 && isFunctionName(s.slice(0, open))) return { kind: 'fn', text: s, truncated: false, goArgs: GO_ARGS.test(s.slice(open)) };
    return null;
  }
  const cut = cutShortAt(s);
  if (cut > 0) {
    const name = s.slice(0, cut).replace(/\($/, '');
    if (name.length >= 12 && isFunctionName(name)) return { kind: 'fn', text: name, truncated: true, goArgs: true };
  }
  return null;
}

/** A Go function name: a package path, a dot, a name; no spaces outside brackets. */
export function isFunctionName(name: string): boolean {
  if (name.length === 0 || name.length > 1000 || name.startsWith('/') || name.includes('://')) return false;
  const flat = flattenBrackets(name);
  if (!/^[\w$.\/*()\[\]~%-]+$/.test(flat)) return false;
  const lastSlash = flat.lastIndexOf('/');
  const tail = flat.slice(lastSlash + 1);
  return /^[\w$~%-]+\.\S/.test(tail) || tail === 'panic' || tail === 'main';
}

/**
 * Where a line cut short by a terminal ends its name: at an argument list
 * left open (the first `(` after the last `)`), else at a trailing `…` or
 * `...`; -1 when it is not cut. One pass, where a regex like
 * `\([^)]*$` rescans the rest of the line from every `(`.
 */
export function cutShortAt(s: string): number {
  const open = s.indexOf('(', s.lastIndexOf(')') + 1);
  if (open >= 0) return open;
  if (s.endsWith('...')) return s.length - 3;
  if (s.endsWith('…')) return s.length - 1;
  return -1;
}

/** `[…]` groups replaced by `[]`, in one pass (an unclosed `[` ends the search). */
function flattenBrackets(name: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = name.indexOf('[', from);
    const close = open < 0 ? -1 : name.indexOf(']', open + 1);
    if (close < 0) return out + name.slice(from);
    out += `${name.slice(from, open)}[]`;
    from = close + 1;
  }
}

/** `s` without a trailing run of one character (a regex like /`+$/ retries from every character of the run). */
export function trimTrailing(s: string, code: number): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === code) end--;
  return s.slice(0, end);
}

export { HEADERS };
