import type { webApi } from '@slack/bolt';
import { storeFromSlack } from './store-from-slack.ts';
import { looksLikeInventory, slackPasteText } from './inventory-from-slack.ts';
import { StoreUnavailable } from '../store/memory-store.ts';
import { escapeMrkdwn as esc } from '../render/escape-mrkdwn.ts';
import { fleetQuestionAnswer } from './fleet-question-answer.ts';
import { threadArticle } from './reply-in-thread.ts';
import { rememberArticle } from './thread-memory.ts';
import type { SlackFile } from './download-file.ts';
import type { Bot } from './bot.ts';

type WebClient = webApi.WebClient;

// "this is prod-east", "here is the inventory of prod-east:", "this is foundation `lab`"
const THIS_IS = /^\s*(?:this|here)\s+is\s+(?:the\s+)?(?:(?:inventory|output)\s+(?:of|for)\s+)?(?:foundation\s+)?[`*_"']?([A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?)[`*_"']?(?:'s\s+inventory)?\s*[:,.—-]?(?=\s|$)([\s\S]*)$/i;

const NOT_A_NAME = new Set(['what', 'it', 'this', 'that', 'my', 'our', 'a', 'an', 'log', 'logs', 'crash', 'error', 'trace', 'stack', 'output', 'happening', 'weird', 'strange', 'bad', 'broken', 'why', 'how', 'where', 'when', 'all', 'everything', 'something']);

export interface MentionLike {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  user?: string;
  files?: SlackFile[];
}

/**
 * "@kb-bot this is prod-east" with a pasted or uploaded inventory: stores the
 * foundation (when allowed) and says what was stored, in the thread.
 * Returns false for every other mention — including "this is prod-east"
 * without an inventory — so the mention is answered as usual.
 */
export async function handleFleetMention(bot: Bot, client: WebClient, event: MentionLike): Promise<boolean> {
  // Slack links what looks like a host name (prod-east.example.com): undo its markup first.
  const text = slackPasteText((event.text ?? '').replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, ' '));
  const m = THIS_IS.exec(text);
  // "here is what we see: <crash>", "this is the log": words, not a foundation's name.
  if (!m || NOT_A_NAME.has((m[1] as string).toLowerCase())) return answerFleetMention(bot, client, event, text);
  const files = event.files ?? [];
  const paste = m[2] as string;
  if (files.length === 0 && !looksLikeInventory(paste)) return false;
  await bot.track(async () => {
    let reply: string;
    try {
      reply = await storeFromSlack(bot, client, { name: m[1] as string, text: paste, files, user: event.user ?? 'unknown' });
    } catch (e) {
      if (!(e instanceof StoreUnavailable)) throw e;
      reply = `Nothing was stored: ${esc(e.message)}. Try again in a minute.`;
    }
    bot.metrics.answers.inc({ kind: 'fleet-set', via: 'mention' });
    await client.chat.postMessage({ channel: event.channel, thread_ts: event.thread_ts ?? event.ts, text: reply, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: reply.slice(0, 3000) } }], unfurl_links: false });
  });
  return true;
}

/** "@kb-bot which of our foundations are affected by KB 298398?", "are we affected?" in a thread about an article. */
export async function answerFleetMention(bot: Bot, client: WebClient, event: MentionLike, text: string): Promise<boolean> {
  if ((event.files ?? []).length > 0) return false;
  const answer = await fleetQuestionAnswer(bot, plain(text), () => threadArticle(bot, event.channel, event.thread_ts));
  if (!answer) return false;
  await bot.track(async () => {
    bot.metrics.answers.inc({ kind: 'fleet', via: 'mention' });
    const threadTs = event.thread_ts ?? event.ts;
    // The article answered for becomes the thread's, so "which version fixes it?" follows on from it.
    if (answer.article !== null) await rememberArticle(bot.store, event.channel, threadTs, answer.article);
    await client.chat.postMessage({ channel: event.channel, thread_ts: threadTs, text: answer.text, blocks: answer.blocks, unfurl_links: false });
  });
  return true;
}

function plain(text: string): string {
  return text.replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1').replace(/[*_`~]/g, '');
}
