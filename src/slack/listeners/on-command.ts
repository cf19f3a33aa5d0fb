import type { App } from '@slack/bolt';
import { answerForSlack } from '../answer-for-slack.ts';
import { isPublicChannel } from '../record-answer.ts';
import { renderForSlack } from '../reply-in-thread.ts';
import { saveAnswer } from '../saved-answers.ts';
import { slackToPlain } from '../slack-to-plain.ts';
import { handleFleetCommand } from '../fleet-commands.ts';
import type { Bot } from '../bot.ts';

export const COMMAND = '/kb';

/**
 * `/kb <anything>`: acknowledged at once, answered ephemerally through the
 * response URL, with a "Share in channel" button that posts the same answer
 * (kept, tied to the asker and the channel).
 */
export function onCommand(app: App, bot: Bot): void {
  app.command(COMMAND, async ({ command, ack, respond, client }) => {
    await ack();
    // Fleet: /kb fleet…, /kb subscribe, /kb unsubscribe (src/slack/fleet-commands.ts).
    if (await handleFleetCommand(bot, command, respond, client)) return;
    await bot.track(async () => {
      const text = command.text.trim() === '' ? 'help' : slackToPlain(command.text);
      const { answer } = await answerForSlack(bot, { text, user: command.user_id, textKept: isPublicChannel(command.channel_id, command.channel_name) }, 'command');
      const where = { user: command.user_id, channel: command.channel_id };
      const shareId = await saveAnswer(bot.store, { answer, ...where });
      const message = await renderForSlack(bot, answer, where, { shareValue: shareId });
      await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
    });
  });
}
