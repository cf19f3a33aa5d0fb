import { answer } from '../core/answer/answer.ts';
import { parseQuery } from '../core/query/parse-query.ts';
import { EMPTY_CONVERSATION, type Conversation, type Query } from '../core/model/query.ts';
import type { Answer } from '../core/model/answer.ts';
import { slackToPlain } from './slack-to-plain.ts';
import type { Bot } from './bot.ts';

/** Slack caps a message at 40k characters; files are capped separately. Longer text is cut with a notice. */
export const MAX_INPUT_CHARS = 8 * 1024 * 1024;

/**
 * Answers text from Slack: Slack's markup is undone here (the core reads
 * plain text), parsed once into a Query, answered against what the thread
 * is about. Records metrics and activity; never throws on the input.
 */
export function answerForSlack(bot: Bot, raw: string, via: string, conversation: Conversation = EMPTY_CONVERSATION): { answer: Answer; query: Query } {
  const started = performance.now();
  const text = raw.length > MAX_INPUT_CHARS ? raw.slice(0, MAX_INPUT_CHARS) : raw;
  const kb = bot.kb();
  // Parsed and answered once per (knowledge, entry point, text, thread context); see answer-cache.ts.
  const { answer: result, query } = bot.answers.answer({ version: kb.knowledge.version, via, text, context: JSON.stringify(conversation) }, () => {
    const parsed = parseQuery(kb, slackToPlain(text));
    return { answer: answer(kb, parsed, conversation), query: parsed };
  });
  if (text.length < raw.length) result.notices.push(`The input was ${raw.length.toLocaleString('en-US')} characters; only the first ${MAX_INPUT_CHARS.toLocaleString('en-US')} were read.`);
  bot.metrics.answers.inc({ kind: result.intent, via });
  for (const t of result.traces) bot.metrics.matches.inc({ article: t.article, level: t.level });
  bot.metrics.latency.observe({ via }, (performance.now() - started) / 1000);
  const top = result.traces.find((t) => t.level !== 'partial');
  bot.activity.add(top ? `${via}: crash → KB ${top.article} (${top.level})` : `${via}: ${result.intent}${result.versions[0] ? ` (${result.versions[0].product} ${result.versions[0].version})` : ''}`);
  return { answer: result, query };
}
