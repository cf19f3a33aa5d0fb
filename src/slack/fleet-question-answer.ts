import { answerFleetAsk, readFleetAsk } from '../core/answer/fleet-ask.ts';
import { renderFleetBlocks } from '../render/render-fleet-blocks.ts';
import { currentFleet } from './current-fleet.ts';
import { mayAskFleet } from '../core/fleet/fleet-question.ts';
import type { KnownBlock } from '../render/block-types.ts';
import type { Bot } from './bot.ts';

/**
 * The fleet answer to a question about our own foundations ("which of our
 * foundations are affected by KB 298398?"; "are we affected?" takes the
 * thread's article), or null when the text is not such a question or no
 * foundation is on record.
 */
export async function fleetQuestionAnswer(bot: Bot, text: string, contextArticle: () => Promise<string | undefined>): Promise<{ text: string; blocks: KnownBlock[]; article: string | null } | null> {
  if (!mayAskFleet(text)) return null;
  const kb = bot.kb();
  const fleet = await currentFleet(bot);
  const ask = readFleetAsk(kb, fleet, text);
  if (!ask) return null;
  const article = ask.article ?? (await contextArticle());
  const answer = answerFleetAsk(kb, fleet, { ...ask, ...(article !== undefined ? { article } : {}) });
  return { ...renderFleetBlocks(kb.knowledge, answer), article: answer.article };
}
