import semver, { type SemVer } from 'semver';

/** A cleaned version as people write it: a full version, or a release line. */
export type ParsedVersion =
  | { kind: 'full'; version: SemVer; text: string }
  | { kind: 'line'; line: string; text: string };

// Tile file names: srt-10.0.5-build.2.pivotal, cf-2.13.20-build.3.pivotal,
// p-isolation-segment-2.13.15-build.1.pivotal.
const TILE_PREFIX = /^(?:[a-z][a-z-]*?-)(?=\d)/i;
const TILE_SUFFIX = /\.pivotal$/i;
// A build counter, not a pre-release: 10.0.5-build.2
const BUILD_COUNTER = /-build\.?\d+$/i;
// Build metadata: 4.0.16+LTS-T
const BUILD_METADATA = /\+[0-9A-Za-z.-]*$/;
const FULL = /^(\d{1,4})\.(\d{1,4})\.(\d{1,5})(-[0-9A-Za-z.-]+)?$/;
const LINE = /^(\d{1,4})\.(\d{1,4})(?:\.[xX*])?$/;

/**
 * Cleans and parses a version string. Returns null for anything that is not a
 * version. Never uses `semver.coerce`, which would turn the line "2.13" into
 * the version 2.13.0.
 */
export function parseVersion(raw: string): ParsedVersion | null {
  let text = raw.trim().replace(/^v(?=\d)/i, '');
  text = text.replace(TILE_SUFFIX, '').replace(TILE_PREFIX, '');
  text = text.replace(BUILD_METADATA, '').replace(BUILD_COUNTER, '');
  const full = FULL.exec(text);
  if (full) {
    const version = semver.parse(text);
    return version ? { kind: 'full', version, text: version.version } : null;
  }
  const line = LINE.exec(text);
  if (line) return { kind: 'line', line: `${Number(line[1])}.${Number(line[2])}`, text: `${Number(line[1])}.${Number(line[2])}` };
  return null;
}
