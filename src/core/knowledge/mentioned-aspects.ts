import type { Article } from '../model/knowledge.ts';

/**
 * The aspects (symptoms) of an article a question mentions by one of their
 * terms ("access log" → KB 298173's access-log-status). For ordering rows,
 * never for hiding one: an unmentioned symptom's verdict is still given.
 */
export function mentionedAspects(article: Article, text: string): string[] {
  const lower = text.toLowerCase();
  return article.aspects.filter((a) => a.terms.some((t) => lower.includes(t.toLowerCase()))).map((a) => a.id);
}
