import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import { answerForSlack } from '../answer-for-slack.ts';
import { renderBlocks } from '../../render/render-blocks.ts';
import { handleFleetCommand } from '../fleet-commands.ts';
import { TTL, type Bot } from '../bot.ts';

export const COMMAND = '/kb';

/**
 * `/kb <anything>`: acknowledged at once, answered ephemerally through the
 * response URL, with a "Share in channel" button that posts the same answer.
 */
export function onCommand(app: App, bot: Bot): void {
  app.command(COMMAND, async ({ command, ack, respond, client }) => {
    await ack();
    // Fleet: /kb fleet…, /kb subscribe, /kb unsubscribe (src/slack/fleet-commands.ts).
    if (await handleFleetCommand(bot, command, respond, client)) return;
    await bot.track(async () => {
      const text = command.text.trim() === '' ? 'help' : command.text;
      const result = answerForSlack(bot, text, 'command');
      const shareId = randomUUID();
      await bot.store.set(`share:${shareId}`, JSON.stringify({ text, user: command.user_id }), TTL.share);
      const message = renderBlocks(bot.kb(), result, { shareValue: shareId });
      await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
    });
  });
}
