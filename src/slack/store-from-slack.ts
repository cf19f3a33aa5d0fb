import type { webApi } from '@slack/bolt';
import { planImport } from '../core/fleet/plan-import.ts';
import { answerFleet } from '../core/fleet/answer-fleet.ts';
import { foundationData } from '../core/fleet/foundation-data.ts';
import { describeImport } from '../render/render-fleet-import.ts';
import { fleetHeadline } from '../render/view-fleet.ts';
import { escapeMrkdwn as esc } from '../render/escape-mrkdwn.ts';
import { currentFleet, storeFoundation } from './current-fleet.ts';
import { queueFleetCheck } from './notify-changes.ts';
import { inventoryFromSlack } from './inventory-from-slack.ts';
import type { SlackFile } from './download-file.ts';
import type { Bot } from './bot.ts';

type WebClient = webApi.WebClient;

/**
 * Stores a foundation from an inventory pasted or uploaded in Slack, when
 * the operator allows it (KB_FLEET_WRITABLE); says what was stored and
 * skipped, or — when not allowed, or the inventory is bad — what would have
 * been, and that nothing changed. Returns the reply (mrkdwn).
 */
export async function storeFromSlack(bot: Bot, client: WebClient, input: { name: string; text: string; files: readonly SlackFile[]; user: string }): Promise<string> {
  const source = await inventoryFromSlack(bot, input.text, input.files);
  if ('error' in source) return `Nothing changed for ${esc(input.name)}: ${esc(source.error)}.`;
  const kb = bot.kb();
  const fleet = await currentFleet(bot);
  const existing = fleet.foundations.find((f) => f.name === input.name);
  const plan = planImport({ text: source.text, name: input.name, existing: existing ? foundationData(existing) : undefined, products: kb.knowledge.products });
  const allowed = bot.fleetWritable && plan.error === undefined && plan.data !== undefined;
  const lines = describeImport(kb.knowledge, plan, allowed ? 'stored' : 'would store').map(esc);
  if (plan.error !== undefined || !plan.data) return lines.join('\n');
  if (!allowed) {
    return [
      ...lines,
      '*Nothing was stored:* storing foundations from Slack is off on this kb-bot. An operator turns it on with `KB_FLEET_WRITABLE=true`,',
      `or commits the inventory to the reviewed fleet file: \`kb-bot fleet import --name ${esc(input.name)} inventory.json\`.`,
    ].join('\n');
  }
  await storeFoundation(bot, input.name, plan.data, input.user);
  void queueFleetCheck(bot, client, `${input.name} stored from Slack`, { foundation: input.name, before: fleet });
  const after = await currentFleet(bot);
  const exposure = answerFleet(kb.knowledge, { foundations: after.foundations.filter((f) => f.name === input.name) });
  return [...lines, `_Kept in kb-bot's store on top of fleet.yml (the reviewed file still wins once its entry for ${esc(input.name)} changes)._`, `*${esc(fleetHeadline(kb.knowledge, exposure))}* \`/kb fleet ${esc(input.name)}\` for the fixes.`].join('\n');
}
