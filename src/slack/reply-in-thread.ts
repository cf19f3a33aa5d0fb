import type { webApi } from '@slack/bolt';

type WebClient = webApi.WebClient;
import { renderBlocks } from '../render/render-blocks.ts';
import type { Answer } from '../core/model/answer.ts';
import type { KnownBlock } from '../render/block-types.ts';
import type { Bot } from './bot.ts';

/** Posts an answer in the thread of a message, and remembers the thread's article. */
export async function replyInThread(bot: Bot, client: WebClient, channel: string, threadTs: string, a: Answer): Promise<void> {
  const kb = bot.kb();
  const message = bot.answers.render(kb.knowledge.version, a, {}, () => renderBlocks(kb, a));
  // Blocks go as the JSON string the Web API takes: serialised once (and cached), and the
  // client's always-on debug line (JSON.stringify(redact(body))) no longer walks every block.
  await client.chat.postMessage({ channel, thread_ts: threadTs, text: message.text, blocks: message.blocksJson as unknown as KnownBlock[], unfurl_links: false });
  const article = a.traces.find((t) => t.level !== 'partial')?.article ?? a.articles[0]?.id;
  if (article) await bot.store.set(`thread-article:${channel}:${threadTs}`, article, 24 * 60 * 60 * 1000);
}

/** The article last discussed in a thread, so a follow-up question puts it first. */
export async function threadArticle(bot: Bot, channel: string, threadTs: string | undefined): Promise<string | undefined> {
  if (!threadTs) return undefined;
  return (await bot.store.get(`thread-article:${channel}:${threadTs}`)) ?? undefined;
}
