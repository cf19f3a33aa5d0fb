import type { App } from '@slack/bolt';
import { answerForSlack } from '../answer-for-slack.ts';
import { replyInThread, threadContext } from '../reply-in-thread.ts';
import { messageText } from '../message-text.ts';
import { withProgress } from '../progress.ts';
import { handleFleetMention } from '../fleet-mention.ts';
import { TTL, type Bot } from '../bot.ts';
import type { SlackFile } from '../download-file.ts';

interface MessageLike {
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  channel: string;
  channel_type?: string;
  files?: SlackFile[];
}

/**
 * Messages: in a DM, every message is a question; in a channel, a message,
 * snippet or file holding a crash that matches a known issue (exact or
 * strong) gets one threaded reply, once per thread per article. Bots, edits,
 * deletions and mentions (answered by app_mention) are left alone.
 */
export function onMessage(app: App, bot: Bot): void {
  app.event('message', async ({ event, client, context }) => {
    const m = event as unknown as MessageLike;
    if (m.bot_id || (m.subtype !== undefined && m.subtype !== 'file_share' && m.subtype !== 'thread_broadcast')) return;
    if (context.botUserId && m.user === context.botUserId) return;
    const isDm = m.channel_type === 'im';
    if (!isDm && context.botUserId && (m.text ?? '').includes(`<@${context.botUserId}>`)) return;
    if (!(await bot.store.claim(`answered:${m.channel}:${m.ts}`, TTL.event))) return;
    // In a DM, as in a mention: "this is prod-east" with an inventory, and questions about our foundations.
    if (isDm && (await handleFleetMention(bot, client, m))) return;
    await bot.track(async () => {
      const threadTs = m.thread_ts ?? m.ts;
      await withProgress(bot, client, { channel: m.channel, threadTs, files: m.files, textChars: m.text?.length, enabled: isDm }, async (progress) => {
        const { text, notices, sources, scanned } = await messageText(bot, m.text, m.files, progress);
        const before = await threadContext(bot, m.channel, threadTs);
        if (isDm) {
          const reply = await answerForSlack(bot, { text, sources, scanned, user: m.user }, 'dm', before);
          reply.answer.notices.push(...notices);
          await replyInThread(bot, client, m.channel, threadTs, reply, before);
          return;
        }
        const reply = await answerForSlack(bot, { text, sources, scanned }, 'passive', before);
        const fresh = [];
        // A generic log line ("Bad credentials") is answered when asked, never unasked.
        for (const t of reply.answer.traces.filter((x) => x.level !== 'partial' && x.specific !== false)) {
          if (await bot.store.claim(`passive:${m.channel}:${threadTs}:${t.article}`, TTL.thread)) fresh.push(t);
        }
        if (fresh.length === 0) return;
        // Only the crash: a passive reply does not answer version questions nobody asked it.
        const answer = { ...reply.answer, traces: fresh, versions: [], lead: fresh[0]?.article ?? null, leadFrom: 'match' as const, notices: [...reply.answer.notices, ...notices] };
        await replyInThread(bot, client, m.channel, threadTs, { answer, query: reply.query }, before);
      });
    });
  });
}
