import { randomUUID } from 'node:crypto';
import type { Answer } from '../core/model/answer.ts';
import type { Store } from '../store/memory-store.ts';

/** Answers kept for their buttons ("Show all", "Share in channel"): a day is plenty for a click. */
export const SAVED_TTL_MS = 24 * 60 * 60 * 1000;

export interface SavedAnswer {
  answer: Answer;
  /** Who may use the button and where (a share is tied to the asker and the channel). */
  user?: string;
  channel?: string;
  threadTs?: string;
}

/**
 * Keeps an answer under a fresh id, so a button can show it again or share it
 * exactly as it was given — the Answer is self-contained, nothing is re-asked.
 */
export async function saveAnswer(store: Store, saved: SavedAnswer, answerJson?: string): Promise<string> {
  const id = randomUUID();
  // `answerJson`: the answer already serialised (the answer cache keeps it), spliced in rather than serialised again.
  const json = answerJson === undefined ? JSON.stringify(saved) : JSON.stringify({ ...saved, answer: 0 }).replace('"answer":0', `"answer":${answerJson}`);
  await store.set(`answer:${id}`, json, SAVED_TTL_MS);
  return id;
}

export async function loadAnswer(store: Store, id: string): Promise<SavedAnswer | null> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const raw = await store.get(`answer:${id}`);
  if (!raw) return null;
  try {
    const saved = JSON.parse(raw) as SavedAnswer;
    return saved && typeof saved === 'object' && saved.answer && Array.isArray(saved.answer.cards) ? saved : null;
  } catch {
    return null;
  }
}
