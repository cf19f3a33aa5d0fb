import { parseVersion, type ParsedVersion } from '../versions/parse-version.ts';

export interface VersionMention {
  parsed: ParsedVersion;
  start: number;
  end: number;
  text: string;
}

// 2.13.20, v4.0.16+LTS-T, 10.0.5-build.2, 2.13.x, 2.13, 0.288.0, 5.0.0-rc.1
const VERSION = /(?<![\w./:@#$])v?(\d{1,4}\.\d{1,4}(?:\.(?:\d{1,5}|[xX*]))?)(-build\.?\d+|-[A-Za-z][0-9A-Za-z]*(?:\.[0-9A-Za-z]+)*)?(\+[0-9A-Za-z.-]+)?(?:\.pivotal)?(?![\w]|\.\d|\/|:\d)/g;
// Protocols and formats whose version numbers follow their name: never product versions.
const PROTOCOL_BEFORE = /(?:\bhttp\/?|\bhttps\/?|\btls\s*v?|\bssl\s*v?|\bcve-?\d*-?|\bghsa-?|\bipv?)[\s-]*v?$/i;
// "started at 10.13", "since 9.45": a time of day, not a release line.
const TIME_BEFORE = /\b(?:at|since|around|about|until|till|by|before|after|from|~)\s*$/i;
const TIME_AFTER = /^\s*(?:am|pm|utc|gmt|cet|cest|est|edt|pst|pdt|h|hrs|uhr)\b/i;

/**
 * Every version-like token in plain text, cleaned. Not versions: protocol
 * versions (HTTP/1.1, TLS 1.2), IP addresses, dates (2024.01.25, 25.01.2024),
 * times of day ("at 10.13"), numbers with leading zeros, parts of paths and
 * identifiers.
 */
export function findVersions(text: string, knownLines: ReadonlySet<string> = new Set()): VersionMention[] {
  const out: VersionMention[] = [];
  for (const m of text.matchAll(VERSION)) {
    const core = m[1] as string;
    const before = text.slice(Math.max(0, m.index - 16), m.index);
    if (PROTOCOL_BEFORE.test(before)) continue;
    if (inPath(text, m.index)) continue; // /var/vcap/data/packages/golang-1.20-linux: part of a path
    const parts = core.split('.');
    if (parts.some((p) => p.length > 1 && p.startsWith('0'))) continue; // 01.12, 2.13.05: a date or a time
    const major = Number(parts[0]);
    if (major > 99) continue; // 2024.01.25 is a date
    if (parts.length === 3 && /^(?:19|20)\d\d$/.test(parts[2] ?? '') && Number(parts[1]) <= 12) continue; // 25.1.2024
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 6);
    if (parts.length === 2 && isClockTime(parts) && isTimeOfDay(core, before, after, knownLines)) continue;
    const parsed = parseVersion(m[0]);
    if (parsed) out.push({ parsed, start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

/**
 * "started at 10.13", "since 9.45", "10.13 UTC": a time. A release line the
 * catalog lists ("what about 2.13?", "moved from 2.11 to 2.13") is a time
 * only when a clock word follows it or "at" comes right before it.
 */
function isTimeOfDay(core: string, before: string, after: string, knownLines: ReadonlySet<string>): boolean {
  if (TIME_AFTER.test(after)) return true;
  if (!TIME_BEFORE.test(before) || /\b(?:what|how)\s+about\s*$/i.test(before)) return false;
  return !knownLines.has(core) || /\bat\s*$/i.test(before);
}

/** Whether the word holding the match (up to the whitespace before it) has a path separator before the match. */
function inPath(text: string, at: number): boolean {
  const start = Math.max(0, at - 200);
  const word = text.slice(start, at);
  const space = Math.max(word.lastIndexOf(' '), word.lastIndexOf('\n'), word.lastIndexOf('\t'));
  return word.slice(space + 1).includes('/');
}

function isClockTime(parts: string[]): boolean {
  return Number(parts[0]) <= 23 && (parts[1] ?? '').length === 2 && Number(parts[1]) <= 59;
}
