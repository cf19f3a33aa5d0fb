import type { RespondFn, SlashCommand, webApi } from '@slack/bolt';
import { answerFleet, findArticle } from '../core/fleet/answer-fleet.ts';
import { FOUNDATION_NAME } from '../core/knowledge/build-fleet.ts';
import { renderFleetBlocks } from '../render/render-fleet-blocks.ts';
import { escapeMrkdwn as esc } from '../render/escape-mrkdwn.ts';
import { currentFleet, forgetFoundation } from './current-fleet.ts';
import { storeFromSlack } from './store-from-slack.ts';
import { subscribe, unsubscribe } from './subscriptions.ts';
import { queueFleetCheck } from './notify-changes.ts';
import { slackPasteText } from './inventory-from-slack.ts';
import { fleetQuestionAnswer } from './fleet-question-answer.ts';
import { StoreUnavailable } from '../store/memory-store.ts';
import type { Bot } from './bot.ts';

type WebClient = webApi.WebClient;

const FLEET_COMMAND = /^\s*(fleet|subscribe|unsubscribe)(?=\s|$)/i;

export const FLEET_HELP = [
  '`/kb fleet` — which foundations are affected by which known issues, worst first',
  '`/kb fleet 298398` — every foundation\'s verdict for one article · `/kb fleet prod-east` — one foundation',
  '`/kb fleet set prod-east` + the output of `om deployed-products --format json` or `bosh deployments --json` — store a foundation (or "@kb-bot this is prod-east" with the paste or file)',
  '`/kb fleet forget prod-east` — drop what Slack stored for it (fleet.yml counts again)',
  '`/kb subscribe [foundation…]` / `/kb unsubscribe` — tell this channel when a foundation becomes affected or stops being',
].join('\n');

/**
 * `/kb fleet…`, `/kb subscribe`, `/kb unsubscribe`. Returns false for any
 * other /kb text, so the listener answers it as usual.
 */
export async function handleFleetCommand(bot: Bot, command: SlashCommand, respond: RespondFn, client: WebClient): Promise<boolean> {
  const m = FLEET_COMMAND.exec(command.text);
  if (!m) return answerFleetQuestion(bot, command, respond);
  const verb = (m[1] as string).toLowerCase();
  const rest = slackPasteText(command.text.slice(m[0].length)).trim();
  const reply = (text: string) => respond({ response_type: 'ephemeral', text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });
  await bot.track(async () => {
    try {
      if (verb === 'subscribe') await reply(await onSubscribe(bot, client, command, rest));
      else if (verb === 'unsubscribe') {
        await reply((await unsubscribe(bot, command.channel_id)) ? 'This channel is no longer told about fleet changes.' : 'This channel was not subscribed to fleet changes.');
      } else await onFleet(bot, client, command, rest, respond, reply);
    } catch (e) {
      if (!(e instanceof StoreUnavailable)) throw e;
      await reply(`Nothing was stored: ${esc(e.message)}. Try again in a minute.`);
    }
    bot.metrics.answers.inc({ kind: verb, via: 'command' });
  });
  return true;
}

/** `/kb which of our foundations are affected by KB 298398?` */
async function answerFleetQuestion(bot: Bot, command: SlashCommand, respond: RespondFn): Promise<boolean> {
  const answer = await fleetQuestionAnswer(bot, slackPasteText(command.text).replace(/[*_`~]/g, ''), async () => undefined);
  if (!answer) return false;
  await bot.track(async () => {
    bot.metrics.answers.inc({ kind: 'fleet', via: 'command' });
    await respond({ response_type: 'ephemeral', text: answer.text, blocks: answer.blocks });
  });
  return true;
}

async function onFleet(bot: Bot, client: WebClient, command: SlashCommand, rest: string, respond: RespondFn, reply: (t: string) => Promise<unknown>): Promise<void> {
  const set = /^(set|store|import)\s+(\S+)\s*([\s\S]*)$/i.exec(rest);
  if (set) {
    const text = await storeFromSlack(bot, client, { name: set[2] as string, text: set[3] as string, files: [], user: command.user_id });
    await reply(text);
    return;
  }
  const forget = /^(forget|remove|drop)\s+(\S+)\s*$/i.exec(rest);
  if (forget) {
    if (!bot.fleetWritable) return void (await reply('Changing the fleet from Slack is off on this kb-bot (an operator turns it on with `KB_FLEET_WRITABLE=true`).'));
    const name = forget[2] as string;
    const before = await currentFleet(bot);
    const gone = await forgetFoundation(bot, name);
    if (gone) void queueFleetCheck(bot, client, `${name} forgotten in Slack`, { foundation: name, before });
    await reply(gone ? `Forgot what Slack stored for *${esc(name)}*; fleet.yml's entry (if any) counts again.` : `Slack stored nothing for *${esc(name)}*.`);
    return;
  }
  if (/^(help|\?)$/i.test(rest)) return void (await reply(FLEET_HELP));
  const kb = bot.kb();
  const fleet = await currentFleet(bot);
  const ref = rest.replace(/^(?:--article|article)\s+/i, '').trim();
  let answer;
  if (ref === '') answer = answerFleet(kb.knowledge, fleet);
  else if (findArticle(kb.knowledge, ref)) answer = answerFleet(kb.knowledge, fleet, { article: ref });
  else if (FOUNDATION_NAME.test(ref) && fleet.foundations.some((f) => f.name === ref)) {
    answer = answerFleet(kb.knowledge, { foundations: fleet.foundations.filter((f) => f.name === ref) });
  } else {
    const known = fleet.foundations.map((f) => f.name).join(', ') || 'none yet';
    return void (await reply(`"${esc(ref.slice(0, 80))}" is neither an article kb-bot knows nor a foundation on record (foundations: ${esc(known)}).\n${FLEET_HELP}`));
  }
  const message = renderFleetBlocks(kb.knowledge, answer);
  if (fleet.foundations.length === 0) {
    message.blocks.push({ type: 'section', text: { type: 'mrkdwn', text: FLEET_HELP } });
  }
  await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
}

async function onSubscribe(bot: Bot, client: WebClient, command: SlashCommand, rest: string): Promise<string> {
  const names = rest.split(/[\s,]+/).filter(Boolean);
  const bad = names.filter((n) => !FOUNDATION_NAME.test(n));
  if (bad.length > 0) return `"${esc(bad[0]?.slice(0, 80) ?? '')}" is not a foundation name. \`/kb subscribe\` (every foundation) or \`/kb subscribe prod-east staging\`.`;
  const which = names.length > 0 ? names.join(', ') : 'any foundation';
  try {
    await client.chat.postMessage({
      channel: command.channel_id,
      text: `<@${command.user_id}> subscribed this channel to fleet changes: I will post here when ${which} becomes affected by a known issue, or stops being. /kb unsubscribe stops it.`,
    });
  } catch (e) {
    const code = (e as { data?: { error?: string } }).data?.error ?? (e as Error).message;
    return `I cannot post in this channel (${esc(code)}), so nothing was subscribed: invite me first (\`/invite @kb-bot\`), then \`/kb subscribe\` again.`;
  }
  await subscribe(bot, { channel: command.channel_id, by: command.user_id, at: new Date().toISOString(), foundations: names.length > 0 ? names : null });
  const fleet = await currentFleet(bot);
  const unknown = names.filter((n) => !fleet.foundations.some((f) => f.name === n));
  return `Subscribed: this channel hears when ${esc(which)} becomes affected or stops being.${unknown.length > 0 ? ` (Not on record yet: ${esc(unknown.join(', '))}.)` : ''}`;
}
