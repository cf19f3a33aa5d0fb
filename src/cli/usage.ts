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
  --version         print kb-bot's version
`;

export function usage(io: CliIo, message: string): number {
  io.err(`${message}\n\n${USAGE}`);
  return EXIT.usage;
}
