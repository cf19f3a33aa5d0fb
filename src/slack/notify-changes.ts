import type { webApi } from '@slack/bolt';
import { answerFleet } from '../core/fleet/answer-fleet.ts';
import { exposureSnapshot, type ExposureSnapshot } from '../core/fleet/exposure-snapshot.ts';
import { diffExposure, type ExposureChange } from '../core/fleet/diff-exposure.ts';
import { hashText } from '../core/knowledge/hash-text.ts';
import { renderFleetChanges } from '../render/render-fleet-changes.ts';
import { currentFleet } from './current-fleet.ts';
import { subscriptions } from './subscriptions.ts';
import { StoreUnavailable } from '../store/memory-store.ts';
import type { Bot } from './bot.ts';
import type { Fleet } from '../core/model/fleet.ts';
import type { Knowledge } from '../core/model/knowledge.ts';

type WebClient = webApi.WebClient;

/** Store map holding the last exposure snapshot every replica compares with. */
export const STATE_KEY = 'fleet:state';
const CLAIM_TTL = 30 * 24 * 60 * 60 * 1000;

export type CheckResult = 'initialized' | 'unchanged' | 'posted' | 'claimed-elsewhere' | 'failed';

interface State {
  /** Bumped with every announced change, so the same change coming back later is a new one. */
  gen: number;
  entries: ExposureSnapshot;
}

const queues = new WeakMap<Bot, Promise<unknown>>();
/** The last snapshot this replica saw: the comparison when the store has none (Redis was down at start-up). */
const seen = new WeakMap<Bot, State>();

/**
 * Checks fleet exposure now and after every change, one check at a time per
 * bot. The composition root calls the returned function after each good
 * knowledge reload; Slack's fleet writes call `queueFleetCheck` themselves.
 */
export function startFleetNotifier(bot: Bot, client: WebClient, retryMs = 1000): (reason: string) => Promise<CheckResult> {
  // Redis may not be connected yet at start-up: record the snapshot once it is.
  const first = async (attempt: number): Promise<void> => {
    if ((await queueFleetCheck(bot, client, 'start-up')) === 'failed' && attempt < 10) setTimeout(() => void first(attempt + 1), retryMs).unref();
  };
  void first(1);
  return (reason) => queueFleetCheck(bot, client, reason);
}

/**
 * A change to one foundation made in Slack: its exposure before and after is
 * compared with this replica's knowledge only, so a replica still on older
 * knowledge (a rolling deploy) never announces the knowledge's difference.
 */
export interface FleetScope {
  foundation: string;
  /** The fleet in effect before the change. */
  before: Fleet;
}

/** Resolves when every fleet check queued so far has run. */
export async function fleetChecksDone(bot: Bot): Promise<void> {
  await queues.get(bot);
}

export function queueFleetCheck(bot: Bot, client: WebClient, reason: string, scope?: FleetScope): Promise<CheckResult> {
  const run = (queues.get(bot) ?? Promise.resolve()).then(() => bot.track(() => checkFleetChanges(bot, client, reason, scope)));
  queues.set(bot, run.catch(() => undefined));
  return run;
}

/**
 * Compares the fleet's exposure with the snapshot in the store; when
 * foundations became affected (or stopped being), posts once to each
 * subscribed channel. "Once" holds across replicas sharing Redis: the change
 * id (the snapshot's generation and the changes) is claimed before posting,
 * and only the replica that claims it posts. The first check with no
 * snapshot only records one. Never throws.
 */
export async function checkFleetChanges(bot: Bot, client: WebClient, reason: string, scope?: FleetScope): Promise<CheckResult> {
  const kb = bot.kb();
  const log = (result: CheckResult, extra: Record<string, unknown> = {}) => {
    bot.logger.info({ code: 'KB_FLEET_NOTIFY', result, reason, knowledge: kb.knowledge.version, ...extra }, `fleet check: ${result}`);
    return result;
  };
  try {
    const fleet = await currentFleet(bot);
    const now = exposureSnapshot(answerFleet(kb.knowledge, fleet));
    const stored = readState(await bot.store.mapGet(STATE_KEY, 'snapshot'));
    const state = stored ?? seen.get(bot);
    if (!state && !scope) {
      seen.set(bot, { gen: 0, entries: now });
      await writeState(bot, { gen: 0, entries: now });
      return log('initialized', { exposures: Object.keys(now).length });
    }
    const { changes, after } = scope ? scopedChanges(kb.knowledge, scope, state?.entries ?? now, now) : { changes: diffExposure((state as State).entries, now), after: now };
    if (!state) {
      seen.set(bot, { gen: 0, entries: after });
      await writeState(bot, { gen: 0, entries: after });
    }
    const gen = state?.gen ?? 0;
    if (changes.length === 0) {
      seen.set(bot, { gen, entries: after });
      if (!stored || JSON.stringify(state?.entries) !== JSON.stringify(after)) await writeState(bot, { gen, entries: after });
      return log('unchanged');
    }
    const id = changeId(gen, changes);
    const won = await bot.store.claim(`fleet-change:${id}`, CLAIM_TTL);
    seen.set(bot, { gen: gen + 1, entries: after });
    await writeState(bot, { gen: gen + 1, entries: after });
    if (!won) return log('claimed-elsewhere', { change: id });
    let posted = 0;
    for (const s of await subscriptions(bot)) {
      const mine = s.foundations === null ? changes : changes.filter((c) => s.foundations?.includes(c.foundation));
      if (mine.length === 0) continue;
      const now = (c: ExposureChange) =>
        answerFleet(kb.knowledge, { foundations: fleet.foundations.filter((f) => f.name === c.foundation) }, { article: c.article }).foundations[0]?.exposures.filter((e) => e.product === c.product) ?? [];
      const message = renderFleetChanges(kb.knowledge, fleet, mine, reason, now);
      try {
        await client.chat.postMessage({ channel: s.channel, text: message.text, blocks: message.blocks, unfurl_links: false });
        posted++;
      } catch (e) {
        bot.metrics.errors.inc({ where: 'listener' });
        bot.logger.error({ code: 'KB_FLEET_NOTIFY', channel: s.channel }, 'could not post a fleet change; /kb subscribe again after inviting kb-bot', e);
      }
    }
    return log('posted', { change: id, changes: changes.length, channels: posted });
  } catch (e) {
    bot.logger[e instanceof StoreUnavailable ? 'warn' : 'error']({ code: 'KB_FLEET_NOTIFY', result: 'failed', reason, knowledge: kb.knowledge.version }, 'fleet check failed; the next reload or fleet change checks again', e);
    return 'failed';
  }
}

/**
 * One foundation's changes (before and after on this replica's knowledge),
 * and the stored snapshot with just those entries updated: entries of
 * articles this replica does not know stay as they were.
 */
function scopedChanges(knowledge: Knowledge, scope: FleetScope, stored: ExposureSnapshot, now: ExposureSnapshot): { changes: ExposureChange[]; after: ExposureSnapshot } {
  const mineOf = (snap: ExposureSnapshot) => Object.fromEntries(Object.entries(snap).filter(([, e]) => e.foundation === scope.foundation));
  const before = mineOf(exposureSnapshot(answerFleet(knowledge, { foundations: scope.before.foundations.filter((f) => f.name === scope.foundation) })));
  const mine = mineOf(now);
  const after: ExposureSnapshot = { ...stored };
  for (const key of new Set([...Object.keys(before), ...Object.keys(mine)])) {
    const e = mine[key];
    if (e) after[key] = e;
    else delete after[key];
  }
  return { changes: diffExposure(before, mine), after };
}

function changeId(gen: number, changes: readonly ExposureChange[]): string {
  return hashText(JSON.stringify([gen, changes.map((c) => [c.kind, c.foundation, c.article, c.product, c.after?.status ?? null, c.after?.version ?? null, c.after?.fix ?? []])]));
}

function readState(raw: string | null): State | null {
  if (raw === null) return null;
  try {
    const s = JSON.parse(raw) as State;
    return typeof s.gen === 'number' && typeof s.entries === 'object' && s.entries !== null ? s : null;
  } catch {
    return null;
  }
}

async function writeState(bot: Bot, state: State): Promise<void> {
  await bot.store.mapSet(STATE_KEY, 'snapshot', JSON.stringify(state));
}
