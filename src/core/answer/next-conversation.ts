import type { Conversation, Query } from '../model/query.ts';
import type { Answer } from '../model/answer.ts';

const MAX_REMEMBERED = 5;

/**
 * What a thread is about after a reply. Only what the bot was sure of sets
 * the thread's article — an exact or strong match, or an article the
 * question named — and a new one replaces the old; a search guess never
 * does. Products and versions asked are remembered, newest first; versions
 * asked replace the ones before.
 */
export function nextConversation(prev: Conversation, query: Query, a: Answer): Conversation {
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

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
