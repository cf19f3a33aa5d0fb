import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import { answerForSlack } from '../answer-for-slack.ts';
import { renderBlocks } from '../../render/render-blocks.ts';
import { TTL, type Bot } from '../bot.ts';

export const COMMAND = '/kb';

/**
 * `/kb <anything>`: acknowledged at once, answered ephemerally through the
 * response URL, with a "Share in channel" button that posts the same answer.
 */
export function onCommand(app: App, bot: Bot): void {
  app.command(COMMAND, async ({ command, ack, respond }) => {
    await ack();
    await bot.track(async () => {
      const text = command.text.trim() === '' ? 'help' : command.text;
      const result = await answerForSlack(bot, text, 'command', undefined, command.user_id);
      const shareId = randomUUID();
      await bot.store.set(`share:${shareId}`, JSON.stringify({ text, user: command.user_id, channel: command.channel_id }), TTL.share);
      const message = renderBlocks(bot.kb(), result, { shareValue: shareId });
      await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
    });
  });
}
