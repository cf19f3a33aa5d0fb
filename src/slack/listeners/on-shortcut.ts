import type { App, MessageShortcut } from '@slack/bolt';
import { answerForSlack } from '../answer-for-slack.ts';
import { renderForSlack, threadContext } from '../reply-in-thread.ts';
import { fileNotices, messageText } from '../message-text.ts';
import { isPublicChannel } from '../record-answer.ts';
import type { Bot } from '../bot.ts';
import type { SlackFile } from '../download-file.ts';

export const SHORTCUT = 'kb_check_message';

/** "Check with kb-bot" on any message: the answer is shown to whoever asked, in that message's thread. */
export function onShortcut(app: App, bot: Bot): void {
  app.shortcut<MessageShortcut>(SHORTCUT, async ({ ack, shortcut, client }) => {
    await ack();
    await bot.track(async () => {
      const msg = shortcut.message as { text?: string; ts: string; thread_ts?: string; files?: SlackFile[] };
      const read = await messageText(bot, msg.text, msg.files);
      const { text, sources, scanned } = read;
      const threadTs = msg.thread_ts ?? msg.ts;
      const asked = { text, sources, user: shortcut.user.id, textKept: isPublicChannel(shortcut.channel.id, shortcut.channel.name) };
      const { answer } = await answerForSlack(bot, { ...asked, scanned }, 'shortcut', await threadContext(bot, shortcut.channel.id, threadTs));
      answer.notices.push(...fileNotices(read, answer));
      const message = await renderForSlack(bot, answer, { user: shortcut.user.id, channel: shortcut.channel.id, threadTs });
      await client.chat.postEphemeral({
        channel: shortcut.channel.id,
        user: shortcut.user.id,
        thread_ts: threadTs,
        text: message.text,
        blocks: message.blocks,
      });
    });
  });
}
