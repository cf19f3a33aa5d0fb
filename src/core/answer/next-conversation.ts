import { parseVersion } from '../versions/parse-version.ts';
import type { Conversation, Query, VersionAsk } from '../model/query.ts';
import type { Answer } from '../model/answer.ts';

const MAX_REMEMBERED = 5;

/**
 * What a thread is about after a reply. Only what the bot was sure of sets
 * the thread's article — an exact or strong match, or an article the
 * question named — and a new one replaces the old; a search guess never
 * does. Products and versions asked are remembered, newest first; versions
 * asked replace the ones before.
 */
export function nextConversation(thread: Conversation, query: Query, a: Answer): Conversation {
  const prev = withoutFormer(thread, query);
  const sure = [
    ...a.traces.filter((t) => t.level !== 'partial').map((t) => t.article),
    ...query.articles.filter((id) => a.cards.some((c) => c.id === id)),
    ...(a.leadFrom === 'described' && a.lead !== null ? [a.lead] : []),
  ];
  const articles = sure.length > 0 ? unique(sure) : prev.articles;
  const asked = query.versions.map((v) => ({ product: v.product ?? query.products[0] ?? prev.products[0] ?? null, version: v.spec.text }));
  const products = unique([...query.products, ...query.versions.flatMap((v) => (v.product ? [v.product] : [])), ...prev.products]);
  return {
    articles: articles.slice(0, MAX_REMEMBERED),
    products: products.slice(0, MAX_REMEMBERED),
    versions: (asked.length > 0 ? asked : prev.versions).slice(0, MAX_REMEMBERED),
  };
}

/** The user confirmed an article with a button: it becomes the thread's article. */
export function confirmArticle(prev: Conversation, article: string): Conversation {
  return { ...prev, articles: unique([article, ...prev.articles]).slice(0, MAX_REMEMBERED) };
}

/** The thread's versions as asks again, each with the product it was asked for (null: a bare version). */
export function rememberedAsks(conversation: Conversation): VersionAsk[] {
  return conversation.versions.flatMap((v): VersionAsk[] => {
    const spec = parseVersion(v.version);
    return spec ? [{ product: v.product, spec }] : [];
  });
}

/** The thread without the versions the question says the asker has left. */
export function withoutFormer(conversation: Conversation, query: Query): Conversation {
  if (query.former.length === 0) return conversation;
  const left = new Set(query.former.map((v) => v.spec.text));
  return { ...conversation, versions: conversation.versions.filter((v) => !left.has(v.version)) };
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
