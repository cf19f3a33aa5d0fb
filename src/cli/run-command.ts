import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG_FILE } from '../core/knowledge/load-knowledge.ts';
import { knowledgeDir, cacheDir } from '../node/knowledge-dir.ts';
import { loadKnowledgeDir, formatProblem } from '../node/load-knowledge-dir.ts';
import { loadPrepared } from '../node/load-prepared.ts';
import { runAsk } from './run-ask.ts';
import { runCheck } from './run-check.ts';
import { runMatch } from './run-match.ts';
import { runImport } from './run-import.ts';
import { runFleet, type FleetFlags } from './run-fleet.ts';
import { usage } from './usage.ts';
import { EXIT, type CliIo } from './io.ts';

export interface CommandOptions {
  json: boolean;
  knowledge: string | undefined;
  output: string | undefined;
  /** `kb-bot fleet`'s own options. */
  fleet: Omit<FleetFlags, 'json'>;
}

/** Runs one command that needs the knowledge (every command but --help and --version). */
export async function runCommand(command: string, rest: string[], options: CommandOptions, io: CliIo): Promise<number> {
  const { json } = options;
  const dir = command === 'validate' && rest[0] !== undefined ? rest[0] : knowledgeDir(options.knowledge, io.env);
  if (command === 'validate') {
    const { knowledge, problems } = loadKnowledgeDir(dir);
    if (problems.length > 0) {
      io.err(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${dir}:\n${problems.map(formatProblem).join('\n')}\n`);
      return EXIT.usage;
    }
    const fleet = knowledge.fleet ? `, ${knowledge.fleet.foundations.length} foundations` : '';
    io.out(`ok: ${knowledge.products.length} products, ${knowledge.articles.length} articles valid${fleet} (knowledge ${knowledge.version})\n`);
    return EXIT.ok;
  }
  const { prepared: kb, problems } = loadPrepared(dir, { cacheDir: cacheDir(io.env) });
  if (problems.length > 0) {
    io.err(`the knowledge in ${dir} is invalid (run "kb-bot validate ${dir}"):\n${problems.map(formatProblem).join('\n')}\n`);
    return EXIT.usage;
  }
  switch (command) {
    case 'ask':
      return runAsk(kb, rest, json, io);
    case 'search':
      return rest.length === 0 ? usage(io, 'search needs words') : runAsk(kb, rest, json, io, 'search');
    case 'list':
    case 'help':
      return runAsk(kb, [command], json, io);
    case 'check':
      return runCheck(kb, rest, json, io);
    case 'match':
      return runMatch(kb, rest, json, io);
    case 'import':
      return runImport(kb, rest, options.output, readCatalog(dir), io);
    case 'fleet':
      return runFleet(dir, kb.knowledge, rest, { json, ...options.fleet }, io);
    case 'start': {
      const { start } = await import('../app/start.ts');
      return start(kb, { env: io.env, knowledgeDir: dir, out: io.out, err: io.err });
    }
  }
  return EXIT.usage;
}

function readCatalog(dir: string) {
  try {
    return { path: CATALOG_FILE, text: readFileSync(join(dir, CATALOG_FILE), 'utf8') };
  } catch {
    return undefined;
  }
}
