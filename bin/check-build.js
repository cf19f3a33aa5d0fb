// Whether dist/ was built from the sources that are here now. Plain JavaScript
// with no dependencies: bin/kb-bot.js runs it before anything is built, and
// scripts/build.mjs uses it to write dist/build-info.json.
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** What a build is made from: every file under src/, and the files that steer the build. */
const INPUT_DIRS = ['src'];
const INPUT_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build.mjs'];
export const BUILD_INFO = 'dist/build-info.json';
/** Written when a changed signature turned out to hold the same contents, so the next run is cheap again. */
const VERIFIED = 'dist/verified.json';

/** The inputs' paths (relative, sorted), with a cheap signature: how many, and the newest mtime of a file or folder. */
export function inputState(root) {
  const paths = [];
  let newest = 0;
  const walk = (dir) => {
    newest = Math.max(newest, statSync(dir).mtimeMs);
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else {
        newest = Math.max(newest, st.mtimeMs);
        paths.push(relative(root, full).split(sep).join('/'));
      }
    }
  };
  for (const d of INPUT_DIRS) if (existsSync(join(root, d))) walk(join(root, d));
  for (const f of INPUT_FILES) {
    if (!existsSync(join(root, f))) continue;
    newest = Math.max(newest, statSync(join(root, f)).mtimeMs);
    paths.push(f);
  }
  paths.sort();
  return { paths, signature: `${paths.length}:${newest}` };
}

/** A hash of the inputs' names and contents: what decides whether a build is stale. */
export async function hashInputs(root, paths) {
  const { createHash } = await import('node:crypto');
  const h = createHash('sha256');
  for (const p of paths) h.update(`${p}\0`).update(readFileSync(join(root, p))).update('\0');
  return h.digest('hex').slice(0, 32);
}

/**
 * Returns null when dist/ may run, or a sentence saying why not. Without a
 * src/ folder (an installed package, a container image) there is nothing to
 * compare and dist/ is what was shipped. Otherwise the cheap signature decides
 * when nothing was touched; when something was, the contents decide (a
 * checkout or a `touch` that changes nothing is not staleness).
 */
export async function checkBuild(root) {
  if (!existsSync(join(root, 'src'))) return existsSync(join(root, 'dist')) ? null : 'dist/ is missing and there is no src/ to build it from.';
  let info;
  try {
    info = JSON.parse(readFileSync(join(root, BUILD_INFO), 'utf8'));
  } catch {
    return 'dist/ is not built: run `npm run build` (npm ci does it too).';
  }
  const state = inputState(root);
  if (state.signature === info.signature || state.signature === readVerified(root, info.inputs)) return null;
  if ((await hashInputs(root, state.paths)) === info.inputs) {
    writeVerified(root, { signature: state.signature, inputs: info.inputs });
    return null;
  }
  const changed = changedInputs(root, state.paths, info);
  return `dist/ is older than the sources (${changed}): run \`npm run build\`.`;
}

function readVerified(root, inputs) {
  try {
    const v = JSON.parse(readFileSync(join(root, VERIFIED), 'utf8'));
    return v.inputs === inputs ? v.signature : undefined;
  } catch {
    return undefined;
  }
}

/** Best effort, through a temporary file: a read-only dist/ only costs the next run a hash. */
function writeVerified(root, value) {
  const tmp = join(root, `${VERIFIED}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, JSON.stringify(value));
    renameSync(tmp, join(root, VERIFIED));
  } catch {
    // ignored on purpose, see above
  }
}

/** Names what changed since the build, for the message: added, removed, or newer files. */
function changedInputs(root, paths, info) {
  const before = new Set(info.paths ?? []);
  const now = new Set(paths);
  const added = paths.filter((p) => !before.has(p));
  const removed = [...before].filter((p) => !now.has(p));
  const newer = paths.filter((p) => before.has(p) && statSync(join(root, p)).mtimeMs > (info.builtAt ?? 0));
  const parts = [...added.map((p) => `${p} added`), ...removed.map((p) => `${p} removed`), ...newer.map((p) => `${p} changed`)];
  if (parts.length === 0) return 'a source file changed';
  return parts.length > 3 ? `${parts.slice(0, 3).join(', ')} and ${parts.length - 3} more` : parts.join(', ');
}
