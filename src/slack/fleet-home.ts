import { answerFleet } from '../core/fleet/answer-fleet.ts';
import { renderFleetHome } from '../render/render-fleet-blocks.ts';
import { currentFleet } from './current-fleet.ts';
import type { KnownBlock } from '../render/block-types.ts';
import type { Bot } from './bot.ts';

/** App Home's fleet exposure table (nothing when no foundation is on record). */
export async function fleetHomeBlocks(bot: Bot): Promise<KnownBlock[]> {
  const fleet = await currentFleet(bot);
  if (fleet.foundations.length === 0) return [];
  return renderFleetHome(bot.kb().knowledge, answerFleet(bot.kb().knowledge, fleet));
}
