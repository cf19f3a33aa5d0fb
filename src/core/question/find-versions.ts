import { parseVersion, type ParsedVersion } from '../versions/parse-version.ts';

export interface VersionMention {
  parsed: ParsedVersion;
  start: number;
  end: number;
  text: string;
}

// 2.13.20, v4.0.16+LTS-T, 10.0.5-build.2, 2.13.x, 2.13, 0.288.0, 5.0.0-rc.1
const VERSION = /(?<![\w./:@#$])v?(\d{1,4}\.\d{1,4}(?:\.(?:\d{1,5}|[xX*]))?)(-build\.?\d+|-[A-Za-z][0-9A-Za-z]*(?:\.[0-9A-Za-z]+)*)?(\+[0-9A-Za-z.-]+)?(?:\.pivotal)?(?![\w]|\.\d|\/)/g;
// Words that make the number that follows them something else than a product version.
const NOT_A_PRODUCT_VERSION = /(?:\bgo|\bgolang|\bgo\s+version|\bhttp\/?|\btls\s*v?|\bjava|\bnode|\bpython|\bruby|\bspring(?:\s+boot)?|\bubuntu|\bjammy|\bbionic|\bstemcell|\bcve-?\d*-?)[\s-]*v?$/i;

/** Every version-like token in plain text, cleaned; Go/HTTP/TLS versions are not product versions. */
export function findVersions(text: string): VersionMention[] {
  const out: VersionMention[] = [];
  for (const m of text.matchAll(VERSION)) {
    const before = text.slice(Math.max(0, m.index - 16), m.index);
    if (NOT_A_PRODUCT_VERSION.test(before)) continue;
    const major = Number(m[1]?.split('.')[0]);
    if (major > 99) continue; // 2024.01.25 is a date
    const parsed = parseVersion(m[0]);
    if (parsed) out.push({ parsed, start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}
