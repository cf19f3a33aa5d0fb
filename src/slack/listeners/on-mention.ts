import type { App } from '@slack/bolt';
import { answerForSlack } from '../answer-for-slack.ts';
import { replyInThread, threadContext } from '../reply-in-thread.ts';
import { TTL, type Bot } from '../bot.ts';
import { fileNotices, messageText } from '../message-text.ts';
import { withProgress } from '../progress.ts';
import { handleFleetMention } from '../fleet-mention.ts';

/** @kb-bot mentions: answered in the thread of the message, once per message, read against the thread. */
export function onMention(app: App, bot: Bot): void {
  app.event('app_mention', async ({ event, client }) => {
    if (!(await bot.store.claim(`answered:${event.channel}:${event.ts}`, TTL.event))) return;
    // Fleet: "@kb-bot this is prod-east" with an inventory (src/slack/fleet-mention.ts).
    if (await handleFleetMention(bot, client, event)) return;
    await bot.track(async () => {
      const threadTs = event.thread_ts ?? event.ts;
      await withProgress(bot, client, { channel: event.channel, threadTs, files: event.files, textChars: event.text?.length }, async (progress) => {
        const read = await messageText(bot, event.text, event.files, progress);
        const { text, sources, scanned } = read;
        const before = await threadContext(bot, event.channel, threadTs);
        const reply = await answerForSlack(bot, { text, sources, scanned, user: event.user }, 'mention', before);
        reply.answer.notices.push(...fileNotices(read, reply.answer));
        await replyInThread(bot, client, event.channel, threadTs, reply, before);
      });
    });
  });
}
