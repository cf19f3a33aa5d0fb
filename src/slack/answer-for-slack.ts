import { answer } from '../core/answer/answer.ts';
import { parseQuery } from '../core/query/parse-query.ts';
import { EMPTY_CONVERSATION, type Conversation, type Query } from '../core/model/query.ts';
import type { Answer } from '../core/model/answer.ts';
import type { TextSource } from '../core/model/crash.ts';
import { recordAnswer, type Asked } from './record-answer.ts';
import type { Bot } from './bot.ts';

/** Slack caps a message at 40k characters; files are capped separately. Longer text is cut with a notice. */
export const MAX_INPUT_CHARS = 8 * 1024 * 1024;

/** What a listener asks: plain text (Slack's markup already undone, see `messageText`), and who asked. */
export interface SlackQuestion {
  /** Plain text: the message, then the text of its files. */
  text: string;
  /** The parts `text` was joined from (a message and its files), so evidence names the file. */
  sources?: TextSource[] | undefined;
  user?: Asked['user'];
  textKept?: Asked['textKept'];
}

/**
 * Answers a question from Slack: parsed once into a Query, answered against
 * what the thread is about. Records metrics, the asker's activity and
 * knowledge gaps; never throws on the input.
 */
export function answerForSlack(bot: Bot, question: SlackQuestion, via: string, conversation: Conversation = EMPTY_CONVERSATION): { answer: Answer; query: Query } {
  const started = performance.now();
  const raw = question.text;
  const text = raw.length > MAX_INPUT_CHARS ? raw.slice(0, MAX_INPUT_CHARS) : raw;
  const kb = bot.kb();
  // Parsed and answered once per (knowledge, entry point, text and its parts, thread context); see answer-cache.ts.
  const context = JSON.stringify([conversation, question.sources ?? null]);
  const { answer: result, query } = bot.answers.answer({ version: kb.knowledge.version, via, text, context }, () => {
    const parsed = parseQuery(kb, text, question.sources ? { sources: question.sources } : {});
    return { answer: answer(kb, parsed, conversation), query: parsed };
  });
  if (text.length < raw.length) result.notices.push(`The input was ${raw.length.toLocaleString('en-US')} characters; only the first ${MAX_INPUT_CHARS.toLocaleString('en-US')} were read.`);
  bot.metrics.answers.inc({ kind: result.intent, via });
  for (const t of result.traces) bot.metrics.matches.inc({ article: t.article, level: t.level });
  bot.metrics.latency.observe({ via }, (performance.now() - started) / 1000);
  void recordAnswer(bot, { via, user: question.user, textKept: question.textKept }, result);
  return { answer: result, query };
}
