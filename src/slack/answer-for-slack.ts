import { answer } from '../core/answer/answer.ts';
import { parseQuery } from '../core/query/parse-query.ts';
import { emptyQuery } from '../core/query/empty-query.ts';
import { EMPTY_CONVERSATION, type Conversation, type Query } from '../core/model/query.ts';
import type { Answer } from '../core/model/answer.ts';
import type { ReadInput } from '../core/query/merge-pastes.ts';
import { readInput, ON_LOOP_LIMIT } from './read-input.ts';
import { slackToPlain } from './slack-to-plain.ts';
import { BUSY, type Bot } from './bot.ts';

/** Slack caps a message at 40k characters; files are capped separately. Longer text is cut with a notice. */
export const MAX_INPUT_CHARS = 8 * 1024 * 1024;

export const BUSY_NOTICE = 'kb-bot is busy reading other large inputs and could not read this one; try again in a minute.';

/**
 * Answers text from Slack: Slack's markup is undone here (the core reads
 * plain text), parsed once into a Query, answered against what the thread
 * is about. A text over ON_LOOP_LIMIT is read off the event loop first (the
 * paste pool); an input already read (a message with its files, see
 * messageText) is not read again. When the pool is full the answer says
 * "busy, try again". Records metrics and the asker's activity (facts, never
 * the text); never throws on the input.
 */
export async function answerForSlack(bot: Bot, raw: string | ReadInput, via: string, conversation: Conversation = EMPTY_CONVERSATION, user?: string): Promise<{ answer: Answer; query: Query }> {
  const started = performance.now();
  const kb = bot.kb();
  const cut = typeof raw === 'string' && raw.length > MAX_INPUT_CHARS;
  let query: Query;
  try {
    if (typeof raw !== 'string') query = parseQuery(kb, raw.question, raw);
    else {
      const plain = slackToPlain(cut ? raw.slice(0, MAX_INPUT_CHARS) : raw);
      if (plain.length <= ON_LOOP_LIMIT) query = parseQuery(kb, plain);
      else {
        const read = await readInput(bot, plain);
        query = parseQuery(kb, read.question, read);
      }
    }
  } catch (e) {
    if ((e as { code?: unknown }).code !== BUSY) throw e;
    bot.metrics.errors.inc({ where: 'busy' });
    const busy = answer(kb, emptyQuery(''));
    busy.notices.push(BUSY_NOTICE);
    return { answer: busy, query: emptyQuery('') };
  }
  const result = answer(kb, query, conversation);
  if (cut && typeof raw === 'string') result.notices.push(`The input was ${raw.length.toLocaleString('en-US')} characters; only the first ${MAX_INPUT_CHARS.toLocaleString('en-US')} were read.`);
  bot.metrics.answers.inc({ kind: result.intent, via });
  for (const t of result.traces) bot.metrics.matches.inc({ article: t.article, level: t.level });
  bot.metrics.latency.observe({ via }, (performance.now() - started) / 1000);
  const top = result.traces.find((t) => t.level !== 'partial');
  bot.activity.add(user, { via, intent: result.intent, articles: top ? [top.article] : result.articles.map((a) => a.id), ...(top ? { level: top.level } : {}) });
  return { answer: result, query };
}
