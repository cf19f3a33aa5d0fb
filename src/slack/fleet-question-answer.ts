import { answerFleet } from '../core/fleet/answer-fleet.ts';
import { fleetQuestion } from '../core/fleet/fleet-question.ts';
import { renderFleetBlocks } from '../render/render-fleet-blocks.ts';
import { currentFleet } from './current-fleet.ts';
import type { KnownBlock } from '../render/block-types.ts';
import type { Bot } from './bot.ts';

/**
 * The fleet answer to a question about our own foundations ("which of our
 * foundations are affected by KB 298398?"; "are we affected?" takes the
 * thread's article), or null when the text is not such a question or no
 * foundation is on record.
 */
export async function fleetQuestionAnswer(bot: Bot, text: string, contextArticle: () => Promise<string | undefined>): Promise<{ text: string; blocks: KnownBlock[] } | null> {
  if (!/affected|exposed|exposure|vulnerable|impacted|\bhit\b|at risk/i.test(text)) return null;
  const kb = bot.kb();
  const fleet = await currentFleet(bot);
  // With no foundation on record, "are we affected?" is answered as any other question.
  if (fleet.foundations.length === 0) return null;
  const q = fleetQuestion(text, kb.knowledge, fleet.foundations.map((f) => f.name));
  if (!q) return null;
  const article = q.article ?? (await contextArticle());
  const scoped = q.foundation !== undefined ? { foundations: fleet.foundations.filter((f) => f.name === q.foundation) } : fleet;
  return renderFleetBlocks(kb.knowledge, answerFleet(kb.knowledge, scoped, article !== undefined ? { article } : {}));
}
