import { findCrashes, type Crash } from '../traces/find-crashes.ts';
import { scanStream, readString, type ScanResult } from '../traces/scan-stream.ts';
import { matchCrashes } from '../traces/match-crashes.ts';
import { classifyLine } from '../traces/classify-line.ts';
import { excerptLabel, lineLabel, type TextSource } from '../traces/source-label.ts';
import { parseQuestion } from '../question/parse-question.ts';
import { searchArticles } from '../search/search-articles.ts';
import { answerVersions } from './answer-versions.ts';
import { detectCommand } from './detect-command.ts';
import type { Prepared } from './prepare.ts';
import type { Answer, ArticleHit } from '../model/answer.ts';

export interface AnswerOptions {
  /** The article already discussed in the thread: listed first. */
  contextArticle?: string;
  /** The parts the text was joined from (a message and its files), so evidence names the file and its own line. */
  sources?: readonly TextSource[];
}

/** Inputs longer than this are scanned for crash sites instead of parsed whole. */
export const WHOLE_PARSE_LIMIT = 256 * 1024;
/** How much of a long input is read as the question around a paste. */
const QUESTION_LIMIT = 8 * 1024;

/** The one entry point: any text in, one Answer out. Pure. */
export function answer(kb: Prepared, input: string, options: AnswerOptions = {}): Answer {
  if (input.length > WHOLE_PARSE_LIMIT) {
    const scan = scanStream(readString(input), { anchors: kb.anchors });
    return answerScan(kb, scan, input.slice(0, QUESTION_LIMIT), options);
  }
  const sources = options.sources;
  return answerText(kb, input, findCrashes(input), (_, line) => (sources ? lineLabel(sources, line) : `line ${line}`), options);
}

/**
 * The answer for a large input already scanned (a file read in chunks):
 * crashes come from the excerpts, the question from the start of the input.
 */
export function answerScan(kb: Prepared, scan: ScanResult, head: string, options: AnswerOptions = {}): Answer {
  const crashes: Crash[] = [];
  const offsets = new Map<Crash, number>();
  for (const excerpt of scan.excerpts) {
    for (const c of findCrashes(excerpt.text)) {
      offsets.set(c, excerpt.offset);
      crashes.push(c);
    }
  }
  const where = (c: Crash, line: number) => excerptLabel(options.sources ?? [], offsets.get(c) ?? 0, line);
  const result = answerText(kb, head, crashes, where, options, true);
  result.notices.push(`Scanned ${scan.bytes.toLocaleString('en-US')} bytes for crashes.`);
  if (scan.capped) result.notices.push('More crash sites were found than kb-bot reads; the first ones were matched.');
  if (scan.headerless && crashes.length > 0) result.notices.push('No crash header was found; frames of known issues were looked up instead.');
  return result;
}

function answerText(
  kb: Prepared,
  text: string,
  crashes: Crash[],
  where: (crash: Crash, line: number) => string,
  options: AnswerOptions,
  scanned = false,
): Answer {
  const questionText = crashes.length > 0 || scanned ? nonTraceText(text) : text.slice(0, QUESTION_LIMIT);
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
  const searchText = crashes.length === 0 ? q.rest : matched ? '' : `${q.rest} ${crashes.flatMap((c) => c.headers).join(' ')}`;
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

/** The lines of a small paste that are not part of a trace: the question around it. */
function nonTraceText(text: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  const out: string[] = [];
  let size = 0;
  for (const l of lines) {
    if (size > QUESTION_LIMIT) break;
    if (classifyLine(l).kind === 'other') {
      out.push(l);
      size += l.length;
    }
  }
  return out.join('\n');
}
