import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerFleet, findArticle } from '../core/fleet/answer-fleet.ts';
import { planImport } from '../core/fleet/plan-import.ts';
import { writeFoundation } from '../core/fleet/write-fleet-file.ts';
import { foundationData } from '../core/fleet/foundation-data.ts';
import { MAX_INVENTORY_CHARS } from '../core/fleet/inventory.ts';
import { buildFleet, FLEET_FILE } from '../core/knowledge/build-fleet.ts';
import { parseYamlFile } from '../core/knowledge/parse-yaml-file.ts';
import { renderFleetJson, renderFleetText } from '../render/render-fleet.ts';
import { describeImport } from '../render/render-fleet-import.ts';
import { formatProblem } from '../node/load-knowledge-dir.ts';
import { fleetHeadline } from '../render/view-fleet.ts';
import { usage } from './main.ts';
import { EXIT, type CliIo } from './io.ts';
import type { Fleet } from '../core/model/fleet.ts';
import type { Knowledge } from '../core/model/knowledge.ts';

export interface FleetFlags {
  json: boolean;
  article?: string | undefined;
  name?: string | undefined;
  /** Another fleet file than the knowledge folder's fleet.yml. */
  fleet?: string | undefined;
  environment?: string | undefined;
  channel?: string | undefined;
  dryRun?: boolean | undefined;
}

/** `kb-bot fleet [--json] [--article ID]` and `kb-bot fleet import --name NAME FILE|-`. */
export function runFleet(dir: string, knowledge: Knowledge, args: string[], flags: FleetFlags, io: CliIo): number {
  const path = flags.fleet ?? join(dir, FLEET_FILE);
  const current = readFleet(path, flags.fleet === undefined ? knowledge.fleet : undefined, knowledge);
  if ('error' in current) {
    io.err(`${current.error}\n`);
    return EXIT.usage;
  }
  if (args[0] === 'import') return runImport(path, current, knowledge, args.slice(1), flags, io);
  if (args.length > 0) {
    if (args.length === 1 && flags.article === undefined && findArticle(knowledge, args[0] as string)) flags.article = args[0];
    else return usage(io, `fleet takes no "${args.join(' ')}"; did you mean "kb-bot fleet --article ID" or "kb-bot fleet import --name NAME FILE"?`);
  }
  if (flags.article !== undefined && !findArticle(knowledge, flags.article)) {
    io.err(`KB ${flags.article} is not in kb-bot's knowledge base (kb-bot list shows the articles)\n`);
    return EXIT.usage;
  }
  const result = answerFleet(knowledge, current.fleet, flags.article !== undefined ? { article: flags.article } : {});
  io.out(flags.json ? renderFleetJson(result) : renderFleetText(knowledge, result));
  return EXIT.ok;
}

function runImport(path: string, current: { fleet: Fleet; text: string | undefined }, knowledge: Knowledge, args: string[], flags: FleetFlags, io: CliIo): number {
  const source = args[0];
  if (flags.name === undefined || source === undefined || args.length > 1) {
    return usage(io, 'fleet import needs a foundation name and one inventory file (or - for standard input): kb-bot fleet import --name prod-east om-products.json');
  }
  let text: string;
  try {
    if (source !== '-' && statSync(source).size > MAX_INVENTORY_CHARS) {
      io.err(`Nothing changed for ${flags.name}: ${source} is ${(statSync(source).size / 1024 / 1024).toFixed(1)} MB; kb-bot reads inventories of at most ${MAX_INVENTORY_CHARS / 1024 / 1024} MB (om and bosh print a few KB).\n`);
      return EXIT.usage;
    }
    text = source === '-' ? io.readStdin() : readFileSync(source, 'utf8');
  } catch (e) {
    io.err(`cannot read ${source}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return EXIT.usage;
  }
  const existing = current.fleet.foundations.find((f) => f.name === flags.name);
  const plan = planImport({ text, name: flags.name, existing: existing ? foundationData(existing) : undefined, products: knowledge.products, environment: flags.environment, channel: flags.channel });
  const report = describeImport(knowledge, plan, flags.dryRun ? 'would store' : 'stored').join('\n');
  if (plan.error !== undefined || !plan.data) {
    io.err(`${report}\n`);
    return EXIT.usage;
  }
  const written = writeFoundation(current.text, plan.name, plan.data, plan.sources);
  const check = readFleet(path, undefined, knowledge, written);
  if ('error' in check) {
    io.err(`Nothing changed: the updated fleet file would not validate:\n${check.error}\n`);
    return EXIT.usage;
  }
  if (!flags.dryRun) {
    // Through a temporary file: the bot watching the folder never reads half a file.
    writeFileSync(`${path}.${process.pid}.tmp`, written);
    renameSync(`${path}.${process.pid}.tmp`, path);
  }
  const exposure = answerFleet(knowledge, { foundations: check.fleet.foundations.filter((f) => f.name === plan.name) });
  io.out(`${report}\n${flags.dryRun ? `Dry run: ${path} was not written.` : `Wrote ${plan.name} to ${path}.`}\n${fleetHeadline(knowledge, exposure)}\n`);
  return EXIT.ok;
}

/** The fleet file, validated against the catalog (already loaded with the knowledge when it is the folder's own). */
function readFleet(path: string, loaded: Fleet | undefined, knowledge: Knowledge, text?: string): { fleet: Fleet; text: string | undefined } | { error: string } {
  let body = text;
  if (body === undefined) {
    if (!existsSync(path)) return { fleet: loaded ?? { foundations: [] }, text: undefined };
    try {
      body = readFileSync(path, 'utf8');
    } catch (e) {
      return { error: `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
    }
  }
  if (loaded && text === undefined) return { fleet: loaded, text: body };
  const parsed = parseYamlFile(path, body);
  const built = parsed.problems.length > 0 ? { fleet: { foundations: [] }, problems: parsed.problems } : buildFleet(path, parsed.data, new Map(knowledge.products.map((p) => [p.id, p])));
  if (built.problems.length > 0) return { error: `${built.problems.length} problem(s) in ${path}:\n${built.problems.map(formatProblem).join('\n')}` };
  return { fleet: built.fleet, text: body };
}
