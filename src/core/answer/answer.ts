import { parseQuery } from '../query/parse-query.ts';
import { answerVersions } from './answer-versions.ts';
import { answerPaste } from './answer-paste.ts';
import { describedArticle } from './described-article.ts';
import { followUpAsks } from './follow-up-asks.ts';
import { rememberedAsks, withoutFormer } from './next-conversation.ts';
import { withCards } from './answer-cards.ts';
import { articleFixes } from './article-fixes.ts';
import { helpExamples } from './help-examples.ts';
import { searchArticles } from '../search/search-articles.ts';
import { EMPTY_CONVERSATION, type Conversation, type Query } from '../model/query.ts';
import type { Answer, ArticleHit } from '../model/answer.ts';
import type { Article } from '../model/knowledge.ts';
import { articleLabel } from '../model/article-label.ts';
import type { Prepared } from './prepare.ts';

const MAX_SEARCHED_HEADERS = 20;

/**
 * The one entry point: a question (text, or a Query an adapter built) and
 * what the thread is already about, in; one self-contained Answer out. Pure.
 *
 * Context decides the order of an answer, never whether a verdict is in it:
 * the article the question leads with (a matched crash, a named, described
 * or remembered article) comes first; every other article's verdict for the
 * asked versions is still there.
 */
export function answer(kb: Prepared, input: string | Query, thread: Conversation = EMPTY_CONVERSATION): Answer {
  const query = typeof input === 'string' ? parseQuery(kb, input) : input;
  const conversation = withoutFormer(thread, query);
  const base: Answer = {
    intent: 'none', query: query.text, versions: [], traces: [], articles: [], unmatched: [], notices: [],
    focus: query.wants, lead: null, leadFrom: null, cards: [], products: [], examples: [], fixes: [], otherSoftware: query.otherSoftware,
  };
  if (query.kind === 'thanks') return withCards(kb, { ...base, notices: ["You're welcome. Ask me here again any time — a version, a crash, or \"which version fixes it?\"."] });
  if (query.kind === 'help') return withCards(kb, { ...base, intent: 'help', examples: helpExamples(kb) });
  if (query.kind === 'list') {
    return withCards(kb, { ...base, intent: 'list', examples: helpExamples(kb), articles: kb.knowledge.articles.map((a) => ({ id: a.id, title: a.title, score: 1 })) });
  }
  if (query.kind === 'search') {
    const articles = toHits(searchArticles(kb.index, kb.articles, query.text));
    return withCards(kb, { ...base, intent: articles.length > 0 ? 'search' : 'none', articles });
  }

  for (const id of query.unknownArticles) base.notices.push(`KB ${id} is not in kb-bot's knowledge base.`);
  const named = query.articles.filter((id) => kb.articles.has(id));
  if (query.paste) {
    const found = answerPaste(kb, query.paste);
    base.traces = found.traces;
    base.unmatched = found.unmatched;
    base.notices.push(...found.notices);
    // A crash is a trace answer even when it matches nothing; a log line only when it matches (a chat mention of an error is not).
    if (query.paste.crashes.length > 0 || found.traces.some((t) => t.kind === 'log' && t.level !== 'partial')) base.intent = 'trace';
  }
  const matched = base.traces.filter((t) => t.level !== 'partial').map((t) => t.article);
  // A paste that matched nothing is searched by its crash headers: "fatal error: …" alone still finds its article.
  // The headers searched are bounded (distinct, the first 20): a paste of thousands of distinct headers is not a query.
  const searchTerms = matched.length > 0 || named.length > 0 ? [] : [...query.terms, ...[...new Set(query.paste?.crashes.flatMap((c) => c.headers) ?? [])].slice(0, MAX_SEARCHED_HEADERS)];
  const described = describedArticle(kb, searchTerms);
  const remembered = conversation.articles.filter((id) => kb.articles.has(id));
  base.lead = matched[0] ?? named[0] ?? described.id ?? (base.intent === 'trace' ? null : remembered[0] ?? null);
  base.leadFrom = base.lead === null ? null : base.lead === matched[0] ? 'match' : base.lead === named[0] ? 'named' : base.lead === described.id ? 'described' : 'thread';

  const order = [...new Set([...matched, ...named, ...(described.id ? [described.id] : []), ...remembered])];
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  const asks = followUpAsks(kb, query, conversation, base.lead);
  // A crash pasted in a thread about a version that has its fix: the crash says otherwise, so the reply says so.
  const top = base.traces.find((t) => t.level !== 'partial');
  if (top && query.versions.length === 0 && conversation.versions.length > 0) {
    const remembered = rememberedAsks(conversation).filter((v) => v.product !== null);
    const clean = answerVersions(kb, remembered, () => 0, top.article, '').verdicts.filter((v) => v.status === 'fixed' || v.status === 'not-affected');
    for (const v of clean) {
      base.notices.push(`This thread asked about ${kb.products.get(v.product)?.short ?? v.product} ${v.version}, which ${articleLabel(top.article)} lists as ${v.status === 'fixed' ? 'fixed' : 'not affected'}, yet this crash is ${articleLabel(top.article)}${top.release ? ` from ${top.release}` : ''}: check the version actually deployed where it crashed.`);
    }
  }
  const forLead = base.lead !== null && asks.leadAsks.length > 0 ? answerVersions(kb, asks.leadAsks, rank, base.lead, query.text) : { verdicts: [], notices: [] };
  const forAll = answerVersions(kb, asks.asks, rank, undefined, query.text);
  // Remembered versions asked again for a follow-up: the thread's article in full, every other article when it is affected.
  const all = asks.remembered ? forAll.verdicts.filter((v) => v.article === base.lead || v.status === 'affected' || v.status === 'depends') : forAll.verdicts;
  base.versions = [...forLead.verdicts, ...all.filter((v) => !forLead.verdicts.some((l) => l.article === v.article && l.product === v.product && l.version === v.version))];
  base.notices.push(...asks.notices, ...forLead.notices, ...forAll.notices);
  // The named article, or the one the answer leads with, that does not cover the asked product says so, and what it is versioned by.
  for (const id of [...new Set([...named, ...(base.lead !== null ? [base.lead] : [])])]) {
    const article = kb.articles.get(id) as Article;
    const asked = [...new Set(asks.asks.flatMap((v) => (v.product ? [v.product] : [])))].filter((p) => !article.affected.has(p));
    const covers = [...article.affected.keys()].map((p) => kb.products.get(p)?.short ?? p);
    for (const p of asked) {
      const short = kb.products.get(p)?.short ?? p;
      base.notices.push(covers.length > 0
        ? `${articleLabel(id)} is versioned by ${covers.join(' and ')}, not ${short}: kb-bot cannot tell which ${covers.join(' or ')} your ${short} ships — check its release notes, or ask "${covers[0]} <version>".`
        : `${articleLabel(id)} lists no versions.`);
    }
  }
  if (query.former.length > 0) {
    // "not on 2.13.20 anymore, we upgraded IST from 2.13.20": one version left, said once, with its product when one was named.
    const withProduct = new Set(query.former.filter((v) => v.product !== null).map((v) => v.spec.text));
    const left = [...new Set(query.former.filter((v) => v.product !== null || !withProduct.has(v.spec.text)).map((v) => `${v.product ? `${kb.products.get(v.product)?.short ?? v.product} ` : ''}${v.spec.text}`))];
    base.notices.push(`Not answered for ${left.join(', ')}: you said you are no longer on ${left.length === 1 ? 'it' : 'them'}.`);
  }
  if (query.foreignTrace && !base.traces.some((t) => t.level !== 'partial')) {
    base.notices.unshift(`This is a ${query.foreignTrace.language} stack trace${query.foreignTrace.header ? ` (${query.foreignTrace.header.slice(0, 120)})` : ''}: kb-bot's articles describe the platform's Go crashes and log lines, and none matches it.`);
  }
  for (const o of query.otherSoftware) base.notices.push(`${o.name} ${o.version} is a version of ${o.name}, not of a product kb-bot knows: no verdict for it.`);

  if (base.intent === 'none' && base.versions.length > 0) base.intent = 'version';
  // Versions asked and none answerable ("is TASW 2.13.5 affected by …?"): the notice saying why is the answer, not the article's summary.
  const leadArticle = base.lead !== null ? kb.articles.get(base.lead) : undefined;
  const uncovered = leadArticle !== undefined && query.products.length > 0 && query.products.every((p) => !leadArticle.affected.has(p));
  const unanswered = (query.versions.length > 0 || uncovered) && base.versions.length === 0 && base.notices.length > 0;
  if (base.intent === 'none' && !unanswered && base.lead !== null && (query.wants.length > 0 || named.length > 0 || query.products.length > 0)) base.intent = 'article';
  if (base.intent === 'none' || (base.intent === 'trace' && matched.length === 0)) {
    // Other software's version and only a weak guess besides: the guess is noise.
    const guesses = described.hits.length > 0 && !(query.otherSoftware.length > 0 && !described.hits.some((h) => h.confident)) ? described.hits : [];
    base.articles = toHits(guesses, described.id === null);
    if (base.intent === 'none' && base.articles.length > 0 && !unanswered) base.intent = 'search';
  }
  // Every article the answer is about, for tools reading --json: matches, named articles, the ones with verdicts.
  for (const id of [...matched, ...named, ...base.versions.map((v) => v.article)]) {
    if (!base.articles.some((h) => h.id === id)) base.articles.push({ id, title: kb.articles.get(id)?.title ?? id, score: 1 });
  }
  const productOrder = [...query.products, ...query.versions.flatMap((v) => (v.product ? [v.product] : [])), ...conversation.products, ...kb.knowledge.products.map((p) => p.id)];
  base.fixes = [...new Set([...(base.lead ? [base.lead] : []), ...matched])].flatMap((id) => articleFixes(kb.articles.get(id) as Article, productOrder, kb.products));
  return withCards(kb, base);
}

function toHits(hits: readonly { id: string; title: string; score: number; confident: boolean }[], weak = false): ArticleHit[] {
  return hits.map((h) => (weak || !h.confident ? { id: h.id, title: h.title, score: h.score, weak: true } : { id: h.id, title: h.title, score: h.score }));
}
