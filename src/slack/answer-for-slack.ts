import { answer } from '../core/answer/answer.ts';
import { parseQuery } from '../core/query/parse-query.ts';
import { emptyQuery } from '../core/query/empty-query.ts';
import { mergePastes, type ReadInput } from '../core/query/merge-pastes.ts';
import { EMPTY_CONVERSATION, type Conversation, type Query } from '../core/model/query.ts';
import type { Answer } from '../core/model/answer.ts';
import type { TextSource } from '../core/model/crash.ts';
import { recordAnswer, type Asked } from './record-answer.ts';
import { readInput, ON_LOOP_LIMIT } from './read-input.ts';
import type { ScannedFile } from './message-text.ts';
import { BUSY, type Bot } from './bot.ts';

/** Slack caps a message at 40k characters; files are capped separately. Longer text is cut with a notice. */
export const MAX_INPUT_CHARS = 8 * 1024 * 1024;

export const BUSY_NOTICE = 'kb-bot is busy reading other large inputs and could not read this one; try again in a minute.';

/** What a listener asks: plain text (Slack's markup already undone, see `messageText`), and who asked. */
export interface SlackQuestion {
  /** Plain text: the message, then the text of its small files. */
  text: string;
  /** The parts `text` was joined from (a message and its files), so evidence names the file. */
  sources?: TextSource[] | undefined;
  /** Big files, scanned as they downloaded (see messageText). */
  scanned?: ScannedFile[] | undefined;
  user?: Asked['user'];
  textKept?: Asked['textKept'];
}

const isBusy = (e: unknown) => (e as { code?: unknown }).code === BUSY;

/**
 * Answers a question from Slack: parsed once into a Query, answered against
 * what the thread is about. A text over ON_LOOP_LIMIT, and every big file, is
 * read off the event loop first (the paste pool); smaller ones are answered
 * once per knowledge version and context (the answer cache). When the pool is full the
 * answer says "busy, try again" (a file it could not take is named). Records
 * metrics, the asker's activity and knowledge gaps; never throws on the input.
 */
export async function answerForSlack(bot: Bot, question: SlackQuestion, via: string, conversation: Conversation = EMPTY_CONVERSATION): Promise<{ answer: Answer; query: Query }> {
  const started = performance.now();
  const raw = question.text;
  const text = raw.length > MAX_INPUT_CHARS ? raw.slice(0, MAX_INPUT_CHARS) : raw;
  const kb = bot.kb();
  const sources = question.sources ? { sources: question.sources } : {};
  const notices: string[] = [];
  let query: Query;
  let result: Answer;
  try {
    if (!question.scanned?.length && text.length <= ON_LOOP_LIMIT) {
      // Parsed and answered once per (knowledge, entry point, text and its parts, thread context); see answer-cache.ts.
      const context = JSON.stringify([conversation, question.sources ?? null]);
      ({ answer: result, query } = bot.answers.answer({ version: kb.knowledge.version, via, text, context }, () => {
        const parsed = parseQuery(kb, text, sources);
        return { answer: answer(kb, parsed, conversation), query: parsed };
      }));
    } else {
      const reads: ReadInput[] = [await readInput(bot, text, question.sources)];
      for (const f of question.scanned ?? []) {
        try {
          reads.push(await readInput(bot, { scan: f.scan, head: f.head, source: f.name }));
        } catch (e) {
          if (!isBusy(e)) throw e;
          notices.push(`${f.name} was not read: kb-bot is busy reading other large files; try again in a minute.`);
        }
      }
      const read = reads.length === 1 ? (reads[0] as ReadInput) : mergePastes(reads);
      query = parseQuery(kb, read.question, { ...sources, read });
      result = answer(kb, query, conversation);
    }
  } catch (e) {
    if (!isBusy(e)) throw e;
    bot.metrics.errors.inc({ where: 'busy' });
    const busy = answer(kb, emptyQuery(''));
    busy.notices.push(BUSY_NOTICE);
    return { answer: busy, query: emptyQuery('') };
  }
  result.notices.push(...notices);
  if (notices.length > 0) bot.metrics.errors.inc({ where: 'busy' });
  if (text.length < raw.length) result.notices.push(`The input was ${raw.length.toLocaleString('en-US')} characters; only the first ${MAX_INPUT_CHARS.toLocaleString('en-US')} were read.`);
  bot.metrics.answers.inc({ kind: result.intent, via });
  for (const t of result.traces) bot.metrics.matches.inc({ article: t.article, level: t.level });
  bot.metrics.latency.observe({ via }, (performance.now() - started) / 1000);
  void recordAnswer(bot, { via, user: question.user, textKept: question.textKept }, result);
  return { answer: result, query };
}
