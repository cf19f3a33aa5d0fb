import type { App, MessageShortcut } from '@slack/bolt';
import { answerForSlack } from '../answer-for-slack.ts';
import { renderBlocks } from '../../render/render-blocks.ts';
import { messageText } from '../message-text.ts';
import type { Bot } from '../bot.ts';
import type { SlackFile } from '../download-file.ts';

export const SHORTCUT = 'kb_check_message';

/** "Check with kb-bot" on any message: the answer is shown to whoever asked, in that message's thread. */
export function onShortcut(app: App, bot: Bot): void {
  app.shortcut<MessageShortcut>(SHORTCUT, async ({ ack, shortcut, client }) => {
    await ack();
    await bot.track(async () => {
      const msg = shortcut.message as { text?: string; ts: string; thread_ts?: string; files?: SlackFile[] };
      const { text, notices } = await messageText(bot, msg.text, msg.files);
      const result = await answerForSlack(bot, text, 'shortcut', undefined, shortcut.user.id);
      result.notices.push(...notices);
      const message = renderBlocks(bot.kb(), result);
      await client.chat.postEphemeral({
        channel: shortcut.channel.id,
        user: shortcut.user.id,
        thread_ts: msg.thread_ts ?? msg.ts,
        text: message.text,
        blocks: message.blocks,
      });
    });
  });
}
