import { PLACEHOLDERS, RUN_CLASSES, SHAPE_FOLLOW, type RunClass } from './log-classes.ts';
import type { LogPart, LogPattern } from '../model/knowledge.ts';

export const MAX_PATTERN_LENGTH = 400;
export const MAX_PLACEHOLDERS = 12;
export const MIN_ANCHOR = 5;

export interface PatternProblem {
  message: string;
  tip: string;
}

/**
 * Compiles a log pattern: literal text with typed placeholders — `{int}`,
 * `{hex}`, `{word}` (letters, digits, `_`, `-`), `{ip}`, `{guid}` and
 * `{any}` (anything within the line); `{{` and `}}` are literal braces; a run
 * of white space matches any run of spaces or tabs. There is no user-written
 * regular expression: placeholders take their whole run and must be followed
 * by text they cannot contain, so matching is linear and never backtracks
 * inside a segment. Returns every problem found.
 */
export function compileLogPattern(source: string): { pattern: LogPattern | null; problems: PatternProblem[] } {
  const problems: PatternProblem[] = [];
  const fail = (message: string, tip: string) => problems.push({ message, tip });
  if (source.length > MAX_PATTERN_LENGTH) fail(`the pattern is ${source.length} characters long`, `keep it under ${MAX_PATTERN_LENGTH}: the distinctive part of the line is enough`);
  if (source.includes('\\')) fail('the pattern contains a backslash', 'write quotes without escapes: JSON escaping in the log is ignored when matching');
  if (/[\r\n]/.test(source)) fail('the pattern spans lines', 'a log signature is one line; give a second signature for another line');

  const segments: LogPart[][] = [[]];
  let text = '';
  let placeholders = 0;
  const current = () => segments[segments.length - 1] as LogPart[];
  const flushText = () => {
    if (text.length > 0) current().push({ t: 'text', text });
    text = '';
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (c === '{' && source[i + 1] === '{') {
      text += '{';
      i++;
    } else if (c === '}' && source[i + 1] === '}') {
      text += '}';
      i++;
    } else if (c === '{') {
      const close = source.indexOf('}', i);
      const name = close < 0 ? '' : source.slice(i + 1, close);
      if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
        fail(close < 0 ? 'an unclosed {' : `unknown placeholder {${name}}`, `placeholders are ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}; write {{ for a literal brace`);
        if (close < 0) break;
        i = close;
        continue;
      }
      flushText();
      placeholders++;
      if (name === 'any') {
        if (current().length > 0) segments.push([]);
      } else {
        const prev = current().at(-1);
        if (prev && prev.t !== 'text' && prev.t !== 'space') fail(`{${name}} follows another placeholder`, 'put literal text between two placeholders');
        current().push({ t: name as Exclude<LogPart['t'], 'text' | 'space'> } as LogPart);
      }
      i = close;
    } else if (c === '}') {
      fail('a } with no {', 'write }} for a literal brace');
    } else if (c === ' ' || c === '\t') {
      flushText();
      while (source[i + 1] === ' ' || source[i + 1] === '\t') i++;
      if (current().at(-1)?.t !== 'space') current().push({ t: 'space' });
    } else {
      text += c;
    }
  }
  flushText();
  if (placeholders > MAX_PLACEHOLDERS) fail(`${placeholders} placeholders`, `use at most ${MAX_PLACEHOLDERS}; literal text is what makes a line recognisable`);
  const kept = segments.map(trimSpace).filter((s) => s.length > 0);
  for (const seg of kept) {
    seg.forEach((part, j) => {
      const next = seg[j + 1];
      if (part.t === 'text' || part.t === 'space' || !next) return;
      const first = next.t === 'text' ? next.text.charCodeAt(0) : next.t === 'space' ? 32 : -1;
      if (next.t !== 'text' && next.t !== 'space') return; // reported above
      const clash = part.t === 'ip' || part.t === 'guid' ? SHAPE_FOLLOW[part.t](first) : RUN_CLASSES[part.t as RunClass].test(first);
      if (clash) fail(`{${part.t}} is followed by "${String.fromCharCode(first)}", which it would take too`, `a placeholder takes every ${part.t === 'ip' || part.t === 'guid' ? 'character of its shape' : RUN_CLASSES[part.t as RunClass].says} it can; follow it with text it cannot contain`);
    });
  }
  const anchor = longestAnchor(kept);
  if (kept.length === 0) fail('the pattern has no text', 'write the line as the program logs it');
  else if (anchor.length < MIN_ANCHOR) fail(`the longest literal run is "${anchor}"`, `include literal text of at least ${MIN_ANCHOR} characters with no spaces or quotes, so that big inputs can be searched fast`);
  if (problems.length > 0) return { pattern: null, problems };
  const literalLength = kept.flat().reduce((n, p) => n + (p.t === 'text' ? p.text.length : p.t === 'space' ? 1 : 0), 0);
  return { pattern: { source, segments: kept, anchor, literalLength }, problems };
}

function trimSpace(seg: LogPart[]): LogPart[] {
  let s = 0;
  let e = seg.length;
  while (s < e && seg[s]?.t === 'space') s++;
  while (e > s && seg[e - 1]?.t === 'space') e--;
  return seg.slice(s, e);
}

/** The longest run of literal characters that are never escaped, decoded or spaced differently in a log. */
function longestAnchor(segments: LogPart[][]): string {
  let best = '';
  for (const seg of segments) {
    for (const part of seg) {
      if (part.t !== 'text') continue;
      for (const run of part.text.split(/["'`&<>/]+/)) if (run.length > best.length) best = run;
    }
  }
  return best;
}
