import { recordGaps } from './knowledge-gaps.ts';
import { recordActivity } from './user-activity.ts';
import type { Answer } from '../core/model/answer.ts';
import type { Bot } from './bot.ts';

export interface Asked {
  /** The entry point: command, mention, dm, shortcut, share, example, passive. */
  via: string;
  /** Who asked; their App Home shows their own answers. */
  user?: string | undefined;
  /** Whether the question's text may be kept as a knowledge-gap example (asked in a public channel). */
  textKept?: boolean | undefined;
}

/**
 * The one call the answer path makes after answering: the asker's own
 * activity and the knowledge gaps, both in the store. Passive replies are
 * neither (nobody asked). Never throws: a failing store costs a gap, not the answer.
 */
export async function recordAnswer(bot: Bot, asked: Asked, a: Answer, now = Date.now()): Promise<void> {
  if (asked.via === 'passive') return;
  try {
    if (asked.user) await recordActivity(bot, asked.user, asked.via, a, now);
    await recordGaps(bot, { via: asked.via, textKept: asked.textKept ?? false }, a, now);
  } catch (e) {
    bot.logger.warn({ code: 'KB_RECORD' }, 'recording activity or knowledge gaps failed', e);
  }
}

/**
 * Whether a slash command's or shortcut's channel is public, from what Slack
 * sends with it: DMs are "directmessage", group DMs "mpdm-…", private channels "privategroup".
 */
export function isPublicChannel(channelId: string | undefined, channelName: string | undefined): boolean {
  if (!channelId || !channelName || !channelId.startsWith('C')) return false;
  return channelName !== 'privategroup' && channelName !== 'directmessage' && !channelName.startsWith('mpdm-');
}
