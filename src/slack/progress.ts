import { escapeMrkdwn } from '../render/escape-mrkdwn.ts';
import type { webApi } from '@slack/bolt';
import { isTextLike, type SlackFile } from './download-file.ts';
import { sizeOf, type Progress } from './message-text.ts';
import type { Bot } from './bot.ts';

type WebClient = webApi.WebClient;

export interface ProgressWhere {
  channel: string;
  threadTs: string;
  /** The message's files: their sizes say whether the work will be long. */
  files?: SlackFile[] | undefined;
  /** The message's own text length, in characters. */
  textChars?: number | undefined;
  /** False where nobody is waiting for an answer (passive replies in channels). */
  enabled?: boolean;
}

/** When to show progress: inputs this large at once, anything else once it has taken `afterMs`. */
export const PROGRESS = { afterMs: 1000, atOnceBytes: 1024 * 1024, firstShownWaitMs: 1500 } as const;

/**
 * Runs `work` (which reads a message and posts the answer) while the thread
 * shows what kb-bot is doing ("is reading app.log (30.0 MB)…"), so a big
 * upload never means seconds of silence. Slack's thread status
 * (assistant.threads.setStatus) is used where the workspace allows it;
 * otherwise a message is posted, updated in place (chat.update) and deleted
 * once the answer is there. Inputs of `atOnceBytes` or more show progress
 * before the work starts; smaller ones only if the work is still running
 * after `afterMs`. Progress failures are logged, never fatal.
 */
export async function withProgress<T>(bot: Bot, client: WebClient, where: ProgressWhere, work: (progress: Progress) => Promise<T>): Promise<T> {
  if (where.enabled === false) return work(() => {});
  const files = (where.files ?? []).filter(isTextLike);
  const bytes = (where.textChars ?? 0) + files.reduce((n, f) => n + Math.min(f.size ?? 0, bot.fileMaxBytes), 0);
  let latest = files[0] ? `is reading ${files[0].name ?? 'a file'}${files.length > 1 ? ` and ${files.length - 1} more` : ''} (${sizeOf(bytes)})…` : `is reading your message (${sizeOf(bytes)})…`;
  let mode: 'none' | 'status' | 'message' = 'none';
  let messageTs: string | undefined;
  let started = false;
  let finished = false;
  let chain: Promise<void> = Promise.resolve();
  const step = (fn: () => Promise<void>) => {
    chain = chain.then(fn).catch((e: unknown) => bot.logger.warn({ code: 'KB_PROGRESS' }, 'showing progress failed', e));
    return chain;
  };
  const status = (text: string) => client.assistant.threads.setStatus({ channel_id: where.channel, thread_ts: where.threadTs, status: text });
  const start = () => {
    if (started || finished) return chain;
    started = true;
    return step(async () => {
      try {
        await status(latest);
        mode = 'status';
      } catch {
        const posted = await client.chat.postMessage({ channel: where.channel, thread_ts: where.threadTs, text: `⏳ kb-bot ${escapeMrkdwn(latest)}`, unfurl_links: false });
        messageTs = posted.ts;
        mode = 'message';
      }
    });
  };
  const progress: Progress = (text) => {
    if (text === latest) return;
    latest = text;
    if (!started || finished) return;
    void step(async () => {
      if (mode === 'status') await status(latest);
      else if (mode === 'message' && messageTs) await client.chat.update({ channel: where.channel, ts: messageTs, text: `⏳ kb-bot ${escapeMrkdwn(latest)}` });
    });
  };

  const timer = setTimeout(() => void start(), PROGRESS.afterMs);
  timer.unref();
  if (bytes >= PROGRESS.atOnceBytes) {
    // Shown before the work takes the event loop; a Slack that hangs delays the answer by at most this much.
    await Promise.race([start(), new Promise((r) => setTimeout(r, PROGRESS.firstShownWaitMs).unref())]);
  }
  try {
    return await work(progress);
  } finally {
    finished = true;
    clearTimeout(timer);
    await step(async () => {
      if (mode === 'status') await status('');
      else if (mode === 'message' && messageTs) await client.chat.delete({ channel: where.channel, ts: messageTs });
    });
  }
}
