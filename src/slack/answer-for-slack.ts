import { answer } from '../core/answer/answer.ts';
import { answerSearch } from '../core/answer/answer-search.ts';
import type { Answer } from '../core/model/answer.ts';
import type { Paste } from '../core/traces/read-paste.ts';
import { PoolBusyError } from '../node/paste-pool.ts';
import { readInput } from './read-input.ts';
import type { Bot } from './bot.ts';

/** Slack caps a message at 40k characters; files are capped separately. Longer text is cut with a notice. */
export const MAX_INPUT_CHARS = 8 * 1024 * 1024;

export const BUSY_NOTICE = 'kb-bot is busy reading other large inputs and could not read this one; try again in a minute.';

/**
 * Answers text from Slack: `search …` goes to search, everything else to
 * answer(); a big text is read off the event loop first, and when that is
 * full the answer says so ("busy, try again"). Records metrics and the
 * asker's activity (facts only, never the text); never throws on the input.
 */
export async function answerForSlack(bot: Bot, raw: string | Paste, via: string, contextArticle?: string, user?: string): Promise<Answer> {
  const started = performance.now();
  const text = typeof raw === 'string' && raw.length > MAX_INPUT_CHARS ? raw.slice(0, MAX_INPUT_CHARS) : raw;
  const kb = bot.kb();
  const search = typeof text === 'string' ? /^\s*search\s+(.+)$/is.exec(text.slice(0, 4096)) : null;
  let result: Answer;
  if (search) result = answerSearch(kb, search[1] as string);
  else {
    let input: string | Paste;
    try {
      input = typeof text === 'string' ? await readInput(bot, text) : text;
    } catch (e) {
      if (!(e instanceof PoolBusyError)) throw e;
      bot.metrics.errors.inc({ where: 'busy' });
      return { intent: 'none', query: '', versions: [], traces: [], articles: [], unmatched: [], notices: [BUSY_NOTICE] };
    }
    result = answer(kb, input, contextArticle ? { contextArticle } : {});
  }
  if (typeof raw === 'string' && typeof text === 'string' && text.length < raw.length) result.notices.push(`The input was ${raw.length.toLocaleString('en-US')} characters; only the first ${MAX_INPUT_CHARS.toLocaleString('en-US')} were read.`);
  bot.metrics.answers.inc({ kind: result.intent, via });
  for (const t of result.traces) bot.metrics.matches.inc({ article: t.article, level: t.level });
  bot.metrics.latency.observe({ via }, (performance.now() - started) / 1000);
  const top = result.traces.find((t) => t.level !== 'partial');
  bot.activity.add(user, { via, intent: result.intent, articles: top ? [top.article] : result.articles.map((a) => a.id), ...(top ? { level: top.level } : {}) });
  return result;
}
