import type { App } from '@slack/bolt';
import { answerForSlack } from '../answer-for-slack.ts';
import { replyInThread, threadContext } from '../reply-in-thread.ts';
import { TTL, type Bot } from '../bot.ts';
import { messageText } from '../message-text.ts';

/** @kb-bot mentions: answered in the thread of the message, once per message, read against the thread. */
export function onMention(app: App, bot: Bot): void {
  app.event('app_mention', async ({ event, client }) => {
    if (!(await bot.store.claim(`answered:${event.channel}:${event.ts}`, TTL.event))) return;
    await bot.track(async () => {
      const threadTs = event.thread_ts ?? event.ts;
      const { text, notices } = await messageText(bot, event.text, event.files);
      const before = await threadContext(bot, event.channel, threadTs);
      const reply = await answerForSlack(bot, text, 'mention', before, event.user);
      reply.answer.notices.push(...notices);
      await replyInThread(bot, client, event.channel, threadTs, reply, before);
    });
  });
}
