import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG_FILE } from '../core/knowledge/load-knowledge.ts';
import { knowledgeDir } from '../node/knowledge-dir.ts';
import { loadKnowledgeDir, formatProblem } from '../node/load-knowledge-dir.ts';
import { loadPrepared } from '../node/load-prepared.ts';
import { cacheDir } from '../node/knowledge-dir.ts';
import { runAsk } from './run-ask.ts';
import { runCheck } from './run-check.ts';
import { runMatch } from './run-match.ts';
import { runImport } from './run-import.ts';
import { runFleet } from './run-fleet.ts';
import { EXIT, type CliIo } from './io.ts';

export const USAGE = `kb-bot — known issues for on-call engineers

Usage:
  kb-bot ask [--json] <question…|->    answer a question, a pasted crash, or search words
  kb-bot check <product> <version> [--json]
  kb-bot match [file|-] [--json]       match a crash log (exit 0 matched, 1 nothing known)
  kb-bot search <words…> [--json]
  kb-bot list | help
  kb-bot validate [dir]                validate a knowledge folder (exit 2 on any problem)
  kb-bot import <file|-> [-o FILE]     draft a knowledge article from a vendor article's text
  kb-bot fleet [--json] [--article ID] which foundations are affected by which known issues
  kb-bot fleet import --name NAME [--environment E] [--channel C] [--dry-run] <file|->
                                       write a foundation into fleet.yml from om or bosh output
  kb-bot start                         run the bot (Slack, or the local playground)

Options:
  --knowledge DIR   knowledge folder (default: KB_KNOWLEDGE_DIR, else the project's knowledge/)
  --json            print the answer as JSON
  --fleet FILE      fleet file (default: fleet.yml in the knowledge folder)
`;

const COMMANDS = new Set(['ask', 'check', 'match', 'search', 'list', 'help', 'validate', 'import', 'fleet', 'start']);

/** The CLI adapter: arguments in, text or JSON out, an exit code back. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, knowledge: { type: 'string' }, help: { type: 'boolean', short: 'h' }, output: { type: 'string', short: 'o' },
        // kb-bot fleet
        article: { type: 'string' }, name: { type: 'string' }, fleet: { type: 'string' }, environment: { type: 'string' }, channel: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const [command, ...rest] = parsed.positionals;
  const json = parsed.values.json ?? false;
  if (parsed.values.help || command === undefined) {
    io.out(USAGE);
    return command === undefined && !parsed.values.help ? EXIT.usage : EXIT.ok;
  }
  if (!COMMANDS.has(command)) {
    io.err(`unknown command "${command}"\n\n${USAGE}`);
    return EXIT.usage;
  }
  const dir = command === 'validate' && rest[0] !== undefined ? rest[0] : knowledgeDir(parsed.values.knowledge, io.env);
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
      return runImport(kb, rest, parsed.values.output, readCatalog(dir), io);
    case 'fleet': {
      const v = parsed.values;
      return runFleet(dir, kb.knowledge, rest, { json, article: v.article, name: v.name, fleet: v.fleet, environment: v.environment, channel: v.channel, dryRun: v['dry-run'] }, io);
    }
    case 'start': {
      const { start } = await import('../server/start.ts');
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

export function usage(io: CliIo, message: string): number {
  io.err(`${message}\n\n${USAGE}`);
  return EXIT.usage;
}

/** The real process's IO. */
export const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
  readStdin: () => readFileSync(0, 'utf8'),
  stdinFd: 0,
};
