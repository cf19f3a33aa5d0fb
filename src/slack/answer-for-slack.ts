import { answer } from '../core/answer/answer.ts';
import { answerSearch } from '../core/answer/answer-search.ts';
import type { Answer } from '../core/model/answer.ts';
import type { TextSource } from '../core/traces/source-label.ts';
import { recordAnswer, type Asked } from './record-answer.ts';
import type { Bot } from './bot.ts';

/** Slack caps a message at 40k characters; files are capped separately. Longer text is cut with a notice. */
export const MAX_INPUT_CHARS = 8 * 1024 * 1024;

export interface SlackQuestion {
  /** The article the thread is about. */
  contextArticle?: string | undefined;
  /** The parts of `raw` (a message and its files), so evidence names the file. */
  sources?: readonly TextSource[] | undefined;
  user?: Asked['user'];
  textKept?: Asked['textKept'];
}

/**
 * Answers text from Slack: `search …` goes to search, everything else to
 * answer(). Records metrics, the asker's activity and knowledge gaps; never throws on the input.
 */
export function answerForSlack(bot: Bot, raw: string, via: string, question: SlackQuestion = {}): Answer {
  const { contextArticle, sources } = question;
  const started = performance.now();
  const text = raw.length > MAX_INPUT_CHARS ? raw.slice(0, MAX_INPUT_CHARS) : raw;
  const kb = bot.kb();
  const search = /^\s*search\s+(.+)$/is.exec(text);
  const result = search ? answerSearch(kb, search[1] as string) : answer(kb, text, { ...(contextArticle ? { contextArticle } : {}), ...(sources ? { sources } : {}) });
  if (text.length < raw.length) result.notices.push(`The input was ${raw.length.toLocaleString('en-US')} characters; only the first ${MAX_INPUT_CHARS.toLocaleString('en-US')} were read.`);
  bot.metrics.answers.inc({ kind: result.intent, via });
  for (const t of result.traces) bot.metrics.matches.inc({ article: t.article, level: t.level });
  bot.metrics.latency.observe({ via }, (performance.now() - started) / 1000);
  void recordAnswer(bot, { via, user: question.user, textKept: question.textKept }, result);
  return result;
}
