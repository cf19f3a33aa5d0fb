#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so `npx kb-bot` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main, processIo } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), processIo);
