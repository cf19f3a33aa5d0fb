import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { USAGE } from './usage.ts';
import { VERSION } from './version.ts';
import { EXIT, type CliIo } from './io.ts';

export { USAGE, usage } from './usage.ts';

const COMMANDS = new Set(['ask', 'check', 'match', 'search', 'list', 'help', 'validate', 'import', 'fleet', 'start']);

/**
 * The CLI adapter: arguments in, text or JSON out, an exit code back. This
 * file imports nothing heavy: `--help`, `--version` and bad usage answer
 * without loading knowledge, zod or lunr; commands are imported on demand.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        knowledge: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        output: { type: 'string', short: 'o' },
        // kb-bot fleet
        article: { type: 'string' },
        name: { type: 'string' },
        fleet: { type: 'string' },
        environment: { type: 'string' },
        channel: { type: 'string' },
        'dry-run': { type: 'boolean' },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.version) {
    io.out(`kb-bot ${VERSION}\n`);
    return EXIT.ok;
  }
  if (parsed.values.help || command === undefined) {
    io.out(USAGE);
    return command === undefined && !parsed.values.help ? EXIT.usage : EXIT.ok;
  }
  if (!COMMANDS.has(command)) {
    io.err(`unknown command "${command}"\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { runCommand } = await import('./run-command.ts');
  return runCommand(command, rest, { json: parsed.values.json ?? false, knowledge: parsed.values.knowledge, output: parsed.values.output, fleet: { article: parsed.values.article, name: parsed.values.name, fleet: parsed.values.fleet, environment: parsed.values.environment, channel: parsed.values.channel, dryRun: parsed.values['dry-run'] } }, io);
}

/** The real process's IO. */
export const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
  readStdin: () => readFileSync(0, 'utf8'),
  stdinFd: 0,
};
