/**
 * The search engines bench/knowledge-scale compares, behind one shape:
 *
 *   kb-bot     the production search (lunr's pipeline and weights, compact index, relevance floor)
 *   lunr       lunr.Index as kb-bot used it before (Index.query, fuzzy only when nothing matched)
 *   minisearch MiniSearch 7 with the same fields, boosts and text pipeline, fuzzy (one edit) on words of 5+ letters
 */
import { readFileSync, writeFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import lunr from 'lunr';
import { buildSearchIndex, pipelineTerm, searchDocument, SEPARATOR } from '../src/core/search/build-search-index.ts';
import { searchArticles } from '../src/core/search/search-articles.ts';
import { searchTokens } from '../src/core/search/search-tokens.ts';
import { encodeSearchIndex, readSearchIndex } from '../src/node/search-index-file.ts';
import type { SearchIndex } from '../src/core/search/search-index.ts';
import { buildLunrIndex, lunrSearch } from '../test/support/lunr-reference.ts';
import type { Article } from '../src/core/model/knowledge.ts';

export type EngineName = 'kb-bot' | 'lunr' | 'minisearch';
export const ENGINES: EngineName[] = ['kb-bot', 'lunr', 'minisearch'];

export interface Engine {
  name: EngineName;
  /** Article ids, best first. */
  search: (text: string) => string[];
  /** Writes the index as its cache would hold it. */
  save: (path: string) => void;
}

const MINI_OPTIONS = {
  fields: ['head', 'body'],
  idField: 'ref',
  tokenize: (s: string) => s.split(SEPARATOR),
  processTerm: (t: string) => (t === '' ? null : (pipelineTerm(t.toLowerCase()) ?? null)),
  searchOptions: { boost: { head: 5 }, fuzzy: (term: string) => (term.length >= 5 ? 1 : false), combineWith: 'OR' as const },
};

function kbEngine(index: SearchIndex, articles: ReadonlyMap<string, Article>): Engine {
  return {
    name: 'kb-bot',
    search: (text) => searchArticles(index, articles, text).map((h) => h.id),
    save: (path) => writeFileSync(path, encodeSearchIndex(index)),
  };
}

function lunrEngine(index: lunr.Index): Engine {
  return {
    name: 'lunr',
    search: (text) => lunrSearch(index, searchTokens(text)).map((r) => r.ref),
    save: (path) => writeFileSync(path, JSON.stringify(index)),
  };
}

function miniEngine(index: MiniSearch): Engine {
  return {
    name: 'minisearch',
    search: (text) => index.search(searchTokens(text).join(' ')).slice(0, 5).map((r) => String(r.id)),
    save: (path) => writeFileSync(path, JSON.stringify(index)),
  };
}

export function buildEngine(name: EngineName, articles: readonly Article[]): Engine {
  if (name === 'kb-bot') return kbEngine(buildSearchIndex(articles), new Map(articles.map((a) => [a.id, a])));
  if (name === 'lunr') return lunrEngine(buildLunrIndex(articles));
  const m = new MiniSearch(MINI_OPTIONS);
  m.addAll(articles.map(searchDocument));
  return miniEngine(m);
}

/** An engine from the file its `save` wrote (kb-bot's needs the articles, for their titles). */
export function loadEngine(name: EngineName, path: string, articles: readonly Article[]): Engine {
  if (name === 'kb-bot') {
    const index = readSearchIndex(path);
    if (!index) throw new Error(`bench: ${path} did not load`);
    return kbEngine(index, new Map(articles.map((a) => [a.id, a])));
  }
  if (name === 'lunr') return lunrEngine(lunr.Index.load(JSON.parse(readFileSync(path, 'utf8'))));
  return miniEngine(MiniSearch.loadJSON(readFileSync(path, 'utf8'), MINI_OPTIONS));
}
