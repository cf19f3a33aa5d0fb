import { EMPTY_CONVERSATION, type Conversation } from '../core/model/query.ts';
import { confirmArticle } from '../core/answer/next-conversation.ts';
import type { Store } from '../store/memory-store.ts';

/** A thread's memory lives as long as people usually keep talking in an incident thread. */
export const THREAD_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const key = (channel: string, threadTs: string) => `thread:${channel}:${threadTs}`;

/** What the thread is about so far (nothing for a new thread, or an unreadable entry). */
export async function loadThread(store: Store, channel: string, threadTs: string | undefined): Promise<Conversation> {
  if (!threadTs) return EMPTY_CONVERSATION;
  const raw = await store.get(key(channel, threadTs));
  if (!raw) return EMPTY_CONVERSATION;
  try {
    const c = JSON.parse(raw) as Partial<Conversation>;
    return {
      articles: Array.isArray(c.articles) ? c.articles.filter((x): x is string => typeof x === 'string') : [],
      products: Array.isArray(c.products) ? c.products.filter((x): x is string => typeof x === 'string') : [],
      versions: Array.isArray(c.versions) ? c.versions.filter((v): v is Conversation['versions'][number] => typeof v?.version === 'string') : [],
    };
  } catch {
    return EMPTY_CONVERSATION;
  }
}

/** Remembers what the thread is about; every write renews its time to live. */
export async function saveThread(store: Store, channel: string, threadTs: string, c: Conversation): Promise<void> {
  await store.set(key(channel, threadTs), JSON.stringify(c), THREAD_TTL_MS);
}

/** The thread is about this article now (a "this is it" click, a fleet answer for it); the rest of its memory stays. */
export async function rememberArticle(store: Store, channel: string, threadTs: string, article: string): Promise<void> {
  await saveThread(store, channel, threadTs, confirmArticle(await loadThread(store, channel, threadTs), article));
}
