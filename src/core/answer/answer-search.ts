import { searchArticles } from '../search/search-articles.ts';
import type { Prepared } from './prepare.ts';
import type { Answer } from '../model/answer.ts';

/** An explicit search ("/kb search …", `kb-bot search`): articles only, best first. */
export function answerSearch(kb: Prepared, text: string): Answer {
  const query = text.trim();
  const articles = searchArticles(kb.index, kb.articles, query);
  return { intent: articles.length > 0 ? 'search' : 'none', query, versions: [], traces: [], articles, unmatched: [], notices: [] };
}
