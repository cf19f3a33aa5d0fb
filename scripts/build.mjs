// `npm run build` (and `prepare`, so `npm ci` builds): bundles src/ into dist/ with esbuild.
//
// - One entry (src/cli/main.ts → dist/kb-bot.js), ES modules, code-split: each
//   command's dynamic import() becomes its own chunk, so `kb-bot --version`
//   loads a few kilobytes and `kb-bot ask` never loads Bolt.
// - Packages in "dependencies" stay in node_modules and are imported at run
//   time; everything else (zod, yaml, semver, lunr) is bundled.
// - The playground's page (src/playground/public/) is copied to dist/public/,
//   where the bundled code looks for it.
// - dist/build-info.json records what it was built from; bin/kb-bot.js refuses
//   a dist/ older than src/.
// `--if-stale` builds only when dist/ is missing or older than its inputs
// (`npm start` and `npm test` run it first). The new dist/ is assembled beside the old one and swapped in at the end.
import { cpSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_INFO, checkBuild, hashInputs, inputState } from '../bin/check-build.js';

/**
 * zod's classic API re-exports every locale (`z.locales`, ~300 KB that each
 * CLI start would parse); kb-bot writes its own messages and uses none of
 * them, so the locales index is replaced by English alone.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: join(args.resolveDir, '../locales/en.js') } : undefined,
    );
  },
};

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

if (!existsSync(join(root, 'src'))) {
  // A deployment that ships dist/ without its sources (cf push, an image): nothing to build.
  if (!existsSync(dist)) fail('there is neither src/ nor dist/ here');
  process.exit(0);
}
let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  // A production install (npm ci --omit=dev) has no esbuild: a fresh dist/ is fine, a stale one is not.
  const problem = await checkBuild(root);
  if (problem === null) process.exit(0);
  fail(`esbuild is not installed (a production install?) and ${problem.replace(': run `npm run build`.', '')}. Build with the dev dependencies: npm ci && npm run build`);
}

if (process.argv.includes('--if-stale') && (await checkBuild(root)) === null) process.exit(0);
const started = performance.now();
const before = inputState(root);
const next = join(root, `dist.next-${process.pid}`);
rmSync(next, { recursive: true, force: true });
try {
  await esbuild.build({
    absWorkingDir: root,
    // The paste pool's worker thread is a module of its own (src/node/paste-pool.ts starts dist/paste-worker.js).
    entryPoints: { 'kb-bot': 'src/cli/main.ts', 'paste-worker': 'src/node/paste-worker.ts' },
    outdir: next,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: Object.keys(pkg.dependencies ?? {}),
    // Bundled CommonJS packages may require() Node's built-ins.
    banner: { js: "import { createRequire as __kbCreateRequire } from 'node:module'; const require = __kbCreateRequire(import.meta.url);" },
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    legalComments: 'none',
    // Whitespace and syntax only: names stay, so stack traces stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    plugins: [zodEnglishOnly],
    logLevel: 'warning',
  });
  cpSync(join(root, 'src/playground/public'), join(next, 'chunks/public'), { recursive: true });
  const after = inputState(root);
  if (after.signature !== before.signature) fail('the sources changed while building; build again');
  const info = { version: pkg.version, builtAt: Date.now(), signature: after.signature, inputs: await hashInputs(root, after.paths), paths: after.paths };
  writeFileSync(join(next, 'build-info.json'), `${JSON.stringify(info, null, 1)}\n`);
  const old = join(root, `dist.old-${process.pid}`);
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(next, dist);
  rmSync(old, { recursive: true, force: true });
} finally {
  rmSync(next, { recursive: true, force: true });
}
if (!process.argv.includes('--quiet')) console.error(`built dist/ in ${(performance.now() - started).toFixed(0)} ms (${BUILD_INFO})`);

function fail(message) {
  console.error(`build: ${message}`);
  process.exit(1);
}
