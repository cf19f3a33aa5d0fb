import type { webApi } from '@slack/bolt';
import { renderBlocks, type RenderOptions } from '../render/render-blocks.ts';
import { nextConversation } from '../core/answer/next-conversation.ts';
import { loadThread, saveThread } from './thread-memory.ts';
import { saveAnswer } from './saved-answers.ts';
import type { Answer } from '../core/model/answer.ts';
import type { KnownBlock } from '../render/block-types.ts';
import type { Conversation, Query } from '../core/model/query.ts';
import type { Bot } from './bot.ts';

type WebClient = webApi.WebClient;

/** Stands for the saved answer's id in a cached rendering (a button value; never shown). */
const SHOW_ALL_TOKEN = 'kb-show-all-c0ffee5e';

/**
 * Renders an answer for Slack; when some articles had to be shown as compact
 * lines, the answer is kept so its "Show all" button can show it in full.
 */
export async function renderForSlack(bot: Bot, a: Answer, where: { user?: string; channel?: string; threadTs?: string }, options: RenderOptions = {}): Promise<ReturnType<typeof renderBlocks> & { blocksJson?: string }> {
  // Without per-message values (share) a rendering is the same for every equal answer: cached.
  const cacheable = Object.keys(options).length === 0;
  const version = bot.kb().knowledge.version;
  const first = cacheable ? bot.answers.render(version, a, {}, () => renderBlocks(a)) : renderBlocks(a, options);
  if (!first.compacted) return first;
  const id = await saveAnswer(bot.store, { answer: a, ...where }, bot.answers.json(a));
  if (!cacheable) return renderBlocks(a, { ...options, showAllValue: id });
  // The "Show all" id differs per message: rendered once with a placeholder, the id put in the JSON.
  const withToken = bot.answers.render(version, a, { showAllValue: SHOW_ALL_TOKEN }, () => renderBlocks(a, { showAllValue: SHOW_ALL_TOKEN }));
  const blocksJson = withToken.blocksJson.split(SHOW_ALL_TOKEN).join(id);
  return { text: withToken.text, compacted: true, blocksJson, get blocks() { return JSON.parse(blocksJson) as KnownBlock[]; } };
}

/**
 * Posts an answer in the thread of a message, then records what the thread
 * is about now (only what the bot was sure of changes its article).
 */
export async function replyInThread(bot: Bot, client: WebClient, channel: string, threadTs: string, reply: { answer: Answer; query: Query }, before: Conversation): Promise<void> {
  const message = await renderForSlack(bot, reply.answer, { channel, threadTs });
  // Remembered first: a follow-up sent the moment the reply shows is read against it.
  await saveThread(bot.store, channel, threadTs, nextConversation(before, reply.query, reply.answer));
  // Blocks go as the JSON string the Web API takes when there is one: serialised once (and cached), and the
  // client's always-on debug line (JSON.stringify(redact(body))) no longer walks every block.
  const blocks = message.blocksJson !== undefined ? (message.blocksJson as unknown as KnownBlock[]) : message.blocks;
  await client.chat.postMessage({ channel, thread_ts: threadTs, text: message.text, blocks, unfurl_links: false, unfurl_media: false });
}

/** What a thread is about, read before answering a message in it. */
export async function threadContext(bot: Bot, channel: string, threadTs: string | undefined): Promise<Conversation> {
  return loadThread(bot.store, channel, threadTs);
}

/** The article a thread is about, if the bot was sure of one (fleet questions such as "are we affected?" use it). */
export async function threadArticle(bot: Bot, channel: string, threadTs: string | undefined): Promise<string | undefined> {
  return (await loadThread(bot.store, channel, threadTs)).articles[0];
}
