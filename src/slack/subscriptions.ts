import type { Bot } from './bot.ts';

/** Store map of the channels told about fleet changes: channel id → Subscription JSON. */
export const SUBSCRIPTIONS_KEY = 'fleet:subscriptions';

export interface Subscription {
  channel: string;
  by: string;
  at: string;
  /** Only these foundations; null for all. */
  foundations: string[] | null;
}

export async function subscribe(bot: Bot, s: Subscription): Promise<void> {
  await bot.store.mapSet(SUBSCRIPTIONS_KEY, s.channel, JSON.stringify(s));
}

/** True when the channel was subscribed. */
export async function unsubscribe(bot: Bot, channel: string): Promise<boolean> {
  return bot.store.mapDelete(SUBSCRIPTIONS_KEY, channel);
}

export async function subscriptions(bot: Bot): Promise<Subscription[]> {
  const out: Subscription[] = [];
  for (const [channel, json] of await bot.store.mapEntries(SUBSCRIPTIONS_KEY)) {
    try {
      const s = JSON.parse(json) as Partial<Subscription>;
      out.push({ channel, by: String(s.by ?? ''), at: String(s.at ?? ''), foundations: Array.isArray(s.foundations) ? s.foundations.map(String) : null });
    } catch {
      out.push({ channel, by: '', at: '', foundations: null });
    }
  }
  return out.sort((a, b) => a.channel.localeCompare(b.channel));
}
