import type { Conversation, Query } from '../core/model/query.ts';

const MAX_CHARS = 300;
const QUESTION = /\?\s*$|^\s*(?:which|what|how|is|are|does|do|did|can|could|any|and|so|where|when|why|should|shall)\b/i;

/**
 * Whether a channel message in a thread the bot has answered is a follow-up
 * for the bot though it does not mention it: "which version fixes it?",
 * "and IST?", "how do we mitigate?". Only a short question that asks what
 * the bot answers (a fix, a mitigation, a version, a product, an article);
 * never a message to someone else (it mentions a person or a group), a
 * statement, or small talk. `raw` is the message as Slack sent it.
 */
export function isUnmentionedFollowUp(raw: string, query: Query, thread: Conversation): boolean {
  if (thread.articles.length === 0 && thread.versions.length === 0) return false;
  if (/<[@!]/.test(raw) || raw.length > MAX_CHARS * 2 || query.text.length > MAX_CHARS || query.paste !== null) return false;
  if (query.kind !== 'ask' || !QUESTION.test(query.text)) return false;
  return query.wants.length > 0 || query.versions.length > 0 || query.products.length > 0 || query.articles.length > 0;
}
