import semver from 'semver';
import type { DeployedVersion } from '../model/fleet.ts';

const FULL = /^\d{1,5}\.\d{1,5}\.\d{1,5}(?:-[0-9A-Za-z.-]+)?$/;
const BUILD_COUNTER = /-build\.?\d+$/i;
const METADATA = /^([^+]*)(\+[0-9A-Za-z.-]+)?$/;

export interface DeployedVersionOptions {
  /**
   * BOSH release versions may be `34` or `0.280`: read them as 34.0.0 and
   * 0.280.0 (BOSH orders them that way). Tile versions are never padded.
   */
  padRelease?: boolean;
}

/**
 * A version as inventories print it: `2.13.20-build.3` (a build counter, not
 * a pre-release) is 2.13.20; `4.0.16+LTS-T` keeps its build metadata for the
 * reader (verdicts ignore it); `v0.280.0` is 0.280.0. Null for anything that
 * is not a full version.
 */
export function parseDeployedVersion(raw: string, options: DeployedVersionOptions = {}): DeployedVersion | null {
  if (raw.length > 100) return null;
  const m = METADATA.exec(raw.trim().replace(/^v(?=\d)/i, ''));
  if (!m) return null;
  let core = (m[1] as string).replace(BUILD_COUNTER, '');
  const meta = m[2] ?? '';
  if (options.padRelease) {
    if (/^\d{1,5}$/.test(core)) core = `${core}.0.0`;
    else if (/^\d{1,5}\.\d{1,5}$/.test(core)) core = `${core}.0`;
  }
  if (!FULL.test(core)) return null;
  const version = semver.parse(`${core}${meta}`);
  if (!version) return null;
  return { text: `${version.version}${meta}`, version };
}
