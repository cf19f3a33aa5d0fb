import { mergeFleet, type StoredFoundation } from '../core/fleet/merge-fleet.ts';
import { foundationDigest } from '../core/fleet/foundation-data.ts';
import type { Fleet, FoundationData } from '../core/model/fleet.ts';
import type { Bot } from './bot.ts';

/** Store map of the foundations stored from Slack: name → StoredFoundation JSON. */
export const FLEET_KEY = 'fleet:foundations';

/**
 * The fleet in effect: fleet.yml (the reviewed source of truth, loaded with
 * the knowledge) with the foundations stored from Slack on top — in Redis
 * when replicas share it. A stored foundation whose file entry has changed
 * since is stale and dropped: the file wins.
 */
export async function currentFleet(bot: Bot): Promise<Fleet> {
  const kb = bot.kb();
  const raw = await bot.store.mapEntries(FLEET_KEY);
  const stored: StoredFoundation[] = [];
  for (const [name, json] of raw) {
    try {
      stored.push({ ...(JSON.parse(json) as StoredFoundation), name });
    } catch {
      bot.logger.warn({ code: 'KB_FLEET', name }, 'a stored foundation is not JSON; ignored');
    }
  }
  const { fleet, stale, invalid } = mergeFleet(kb.knowledge.fleet, stored, kb.products);
  for (const name of stale) {
    bot.logger.info({ code: 'KB_FLEET', name }, 'fleet.yml changed this foundation since it was stored from Slack; the file wins');
    await bot.store.mapDelete(FLEET_KEY, name).catch(() => false);
  }
  for (const name of invalid) bot.logger.warn({ code: 'KB_FLEET', name }, 'a foundation stored from Slack no longer validates against the catalog; the file\'s entry (if any) is used');
  return fleet;
}

/** Stores one foundation from Slack, over the file's entry of that name (throws StoreUnavailable when it cannot). */
export async function storeFoundation(bot: Bot, name: string, data: FoundationData, by: string, now: () => Date = () => new Date()): Promise<void> {
  const inFile = bot.kb().knowledge.fleet?.foundations.find((f) => f.name === name);
  const entry: StoredFoundation = { name, data, base: foundationDigest(inFile), by, at: now().toISOString() };
  await bot.store.mapSet(FLEET_KEY, name, JSON.stringify(entry));
}

/** Forgets a foundation stored from Slack (the file's entry, if any, counts again). */
export async function forgetFoundation(bot: Bot, name: string): Promise<boolean> {
  return bot.store.mapDelete(FLEET_KEY, name);
}
