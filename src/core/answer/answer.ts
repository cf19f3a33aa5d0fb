import { matchCrashes } from '../traces/match-crashes.ts';
import { readPaste, readScan, crashLineLabel, QUESTION_LIMIT, type Paste } from '../traces/read-paste.ts';
import type { ScanResult } from '../traces/scan-stream.ts';
import type { Crash } from '../traces/find-crashes.ts';
import { parseQuestion } from '../question/parse-question.ts';
import { searchArticles } from '../search/search-articles.ts';
import { answerVersions } from './answer-versions.ts';
import { detectCommand } from './detect-command.ts';
import type { Prepared } from './prepare.ts';
import type { Answer, ArticleHit } from '../model/answer.ts';

export { WHOLE_PARSE_LIMIT } from '../traces/read-paste.ts';

export interface AnswerOptions {
  /** The article already discussed in the thread: listed first. */
  contextArticle?: string;
}

/**
 * The one entry point: any text in, one Answer out. Pure. A Paste is an input
 * already read (readPaste: possibly off the event loop, for big inputs).
 */
export function answer(kb: Prepared, input: string | Paste, options: AnswerOptions = {}): Answer {
  return answerPaste(kb, typeof input === 'string' ? readPaste(input, kb.anchors) : input, options);
}

/**
 * The answer for a large input already scanned (a file read in chunks):
 * crashes come from the excerpts, the question from the start of the input.
 */
export function answerScan(kb: Prepared, scan: ScanResult, head: string, options: AnswerOptions = {}): Answer {
  return answerPaste(kb, readScan(scan, head), options);
}

function answerPaste(kb: Prepared, paste: Paste, options: AnswerOptions): Answer {
  const crashes = paste.crashes.map((c) => c.crash);
  const sites = new Map(paste.crashes.map((c) => [c.crash, c]));
  const where = (crash: Crash, line: number) => crashLineLabel(sites.get(crash) ?? { crash }, line);
  const result = answerText(kb, paste.question, crashes, where, options);
  result.notices.push(...paste.notices);
  return result;
}

function answerText(
  kb: Prepared,
  questionText: string,
  crashes: Crash[],
  where: (crash: Crash, line: number) => string,
  options: AnswerOptions,
): Answer {
  const q = parseQuestion(questionText, kb.articleIds, kb.matchProducts);
  const base: Answer = { intent: 'none', query: q.text, versions: [], traces: [], articles: [], unmatched: [], notices: [] };

  const command = crashes.length === 0 ? detectCommand(q.text) : null;
  if (command === 'help') return { ...base, intent: 'help' };
  if (command === 'list') {
    return { ...base, intent: 'list', articles: kb.knowledge.articles.map((a) => ({ id: a.id, title: a.title, score: 1 })) };
  }

  const named = q.articleIds.filter((id) => kb.articles.has(id));
  for (const id of q.articleIds.filter((i) => i.startsWith('unknown:'))) {
    base.notices.push(`KB ${id.slice('unknown:'.length)} is not in kb-bot's knowledge base.`);
  }
  if (crashes.length > 0) {
    const { matches, unmatched } = matchCrashes(kb.knowledge, crashes, where);
    base.traces = matches;
    base.unmatched = unmatched;
    base.intent = 'trace';
  }
  // With no known crash, the words (or the crash headers) are searched: "fatal error: …" alone still finds its article.
  const matched = base.traces.some((t) => t.level !== 'partial');
  // The crash headers searched are bounded: a paste of a million distinct headers is not a query.
  const searchText = crashes.length === 0 ? q.rest : matched ? '' : `${q.rest} ${[...new Set(crashes.flatMap((c) => c.headers))].join(' ').slice(0, QUESTION_LIMIT)}`;
  const searchHits = searchText.trim().length > 0 ? searchArticles(kb.index, kb.articles, searchText) : [];
  const order = rankOrder(options.contextArticle, named, searchHits);
  const versions = answerVersions(kb, q, named, order, searchHits);
  base.versions = versions.verdicts;
  base.notices.push(...versions.notices);
  if (base.intent === 'none' && base.versions.length > 0) base.intent = 'version';

  const hits: ArticleHit[] = [];
  const add = (id: string, score: number) => {
    const a = kb.articles.get(id);
    if (a && !hits.some((h) => h.id === id)) hits.push({ id, title: a.title, score });
  };
  for (const t of base.traces) if (t.level !== 'partial') add(t.article, t.score);
  for (const id of named) add(id, 1);
  if (base.intent === 'none' || (base.intent === 'trace' && !matched)) {
    for (const h of searchHits) add(h.id, h.score);
    if (base.intent === 'none' && hits.length > 0) base.intent = 'search';
  }
  for (const v of base.versions) add(v.article, 1);
  base.articles = hits;
  return base;
}

/** Article order for version answers: the thread's article, then named ones, then search hits. */
function rankOrder(context: string | undefined, named: string[], hits: ArticleHit[]): Map<string, number> {
  const order = new Map<string, number>();
  const put = (id: string) => {
    if (!order.has(id)) order.set(id, order.size);
  };
  if (context) put(context);
  named.forEach(put);
  hits.forEach((h) => put(h.id));
  return order;
}
