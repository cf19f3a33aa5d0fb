#!/usr/bin/env node
// Runs the built code in dist/ (`npm run build`; `npm ci` builds it). In a
// source checkout it first makes sure dist/ was built from the src/ that is
// here now, and refuses to run a stale build rather than run it silently.
import { fileURLToPath } from 'node:url';
import { checkBuild } from './check-build.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const problem = await checkBuild(root);
if (problem !== null) {
  process.stderr.write(`kb-bot: ${problem}\n`);
  process.exit(2);
}
const { main, processIo } = await import('../dist/kb-bot.js');
process.exitCode = await main(process.argv.slice(2), processIo);
