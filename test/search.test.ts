import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync, cpSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realKb, KNOWLEDGE_DIR, FIXTURES } from './support/kb.ts';
import { answer } from '../src/core/answer/answer.ts';
import { emptyQuery } from '../src/core/query/empty-query.ts';
import { searchTokens } from '../src/core/search/search-tokens.ts';
import { searchArticles, RELEVANCE_FLOOR } from '../src/core/search/search-articles.ts';
import { edits1 } from '../src/core/search/edits1.ts';
import { loadPrepared } from '../src/node/load-prepared.ts';

const kb = realKb();
const answerSearch = (_: unknown, text: string) => answer(kb, emptyQuery(text, 'search'));
const questions = JSON.parse(readFileSync(join(FIXTURES, 'search-questions.json'), 'utf8')) as { describes: [string, string][]; nothing: string[] };
const search = (text: string) => searchArticles(kb.index, kb.articles, text);

describe('search finds the right article first', () => {
  it.each(questions.describes.slice(0, 10))('%s → KB %s (through answer())', (text, id) => {
    const a = answer(kb, text);
    expect(a.intent).toBe('search');
    expect(a.articles[0]?.id).toBe(id);
  });

  it.each([
    ['what does KB 298173 say', '298173'],
    ['what does KB 298108 say', '297408'],
  ])('%s → KB %s (a named article or alias)', (text, id) => {
    expect(answer(kb, text).articles[0]?.id).toBe(id);
  });

  // Described as on-call engineers write in an incident channel: symptoms, log lines, typos.
  it.each(questions.describes)('%s → KB %s', (text, id) => {
    expect(search(text)[0]?.id).toBe(id);
  });
});

describe('search says nothing when nothing fits', () => {
  it.each(questions.nothing)('%s → no article', (text) => {
    expect(search(text)).toEqual([]);
    const a = answer(kb, text);
    expect(a.articles).toEqual([]);
    expect(a.intent).not.toBe('search');
  });

  it('an explicit search of nothing known says so', () => {
    expect(answerSearch(kb, 'kubernetes etcd quorum').intent).toBe('none');
  });
});

describe('what a hit says about itself', () => {
  it.each([
    // text, article, confident, a matched term [query word, index term, a field, typo]
    ['routers crashing with concurent map writes', '298398', true, ['concurent', 'concurr', 'head', true]],
    ['stale routes after disabling ssl validation', '298075', true, ['ssl', 'ssl', 'head', false]],
    ['router crash', '298398', false, ['crash', 'crash', 'head', false]],
    ['trasnfer encodings error', '297408', false, ['trasnfer', 'transfer', 'head', true]],
  ] as const)('%s → KB %s, confident %s', (text, id, confident, [term, matched, field, typo]) => {
    const [hit] = search(text);
    expect(hit).toMatchObject({ id, score: 1, confident });
    expect(hit?.relevance).toBeGreaterThanOrEqual(RELEVANCE_FLOOR);
    expect(hit?.relevance).toBeLessThanOrEqual(1);
    expect(hit?.title).toBe(kb.articles.get(id)?.title);
    const m = hit?.matchedTerms.find((x) => x.term === term);
    expect(m).toMatchObject({ matched, typo });
    expect(m?.fields).toContain(field);
  });

  it('scores are relative to the best hit, relevance is absolute', () => {
    const hits = search('apps get 400 bad request after upgrade');
    expect(hits.length).toBeGreaterThan(1);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    expect(hits[0]?.score).toBe(1);
    for (const h of hits) expect(h.relevance).toBeGreaterThanOrEqual(RELEVANCE_FLOOR);
  });

  it.each([
    ['503 responses', '297408'],
    ['404 on every route', '298336'],
  ])('never corrects a number: %s does not find KB %s through a neighbouring code', (text, id) => {
    expect(search(text).map((h) => h.id)).not.toContain(id);
  });

  it.each(['range', 'trasnfer', 'memroy'])('a correction alone never selects an article: %s', (text) => {
    expect(search(text)).toEqual([]);
  });

  it('never corrects a word the index has', () => {
    const hit = search('stale routes').find((h) => h.id === '298075');
    expect(hit?.matchedTerms.every((m) => !m.typo)).toBe(true);
  });
});

describe('query text', () => {
  it.each(['cpu +5x ~rapid reset^2 -foo *bar', 'title:gorouter', 'a:b:c ~~ ^^ ++ -- **', '"quoted" (parens) [brackets]', 'x'.repeat(5000), '🙂 ü ß 中文 \u0000 \uffff'])(
    'takes lunr query syntax and odd text without throwing: %s',
    (text) => {
      expect(() => answerSearch(kb, text)).not.toThrow();
      expect(() => answer(kb, text)).not.toThrow();
    },
  );

  it('a lone crash header with no frames still finds its article', () => {
    const a = answer(kb, 'fatal error: concurrent map writes');
    expect(a.traces[0]).toMatchObject({ article: '298398', level: 'partial' });
    expect(a.articles[0]?.id).toBe('298398');
  });

  it('tokens are lower-cased words, stop words, chatter and pasted noise out', () => {
    expect(searchTokens('Is the GoRouter crashing? ' + 'z'.repeat(41))).toEqual(['gorouter', 'crashing']);
    expect(searchTokens('lots of 503s today, which version fixes it')).toEqual(['503s']);
  });

  it.each([
    ['abc', 'abcd', true],
    ['abc', 'ab', true],
    ['abc', 'acb', true],
    ['abc', 'xbc', true],
    ['abc', 'abc', false],
    ['abc', 'cba', false],
    ['abc', 'abcde', false],
  ])('edits1(%s) holds %s: %s', (word, other, holds) => {
    expect(edits1(word, 'abcdex').has(other)).toBe(holds);
  });
});

describe('the index cache', () => {
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-search-'));
    cpSync(KNOWLEDGE_DIR, join(dir, 'knowledge'), { recursive: true });
    return { dir, knowledge: join(dir, 'knowledge'), cache: join(dir, 'cache') };
  };
  const questions = ['gorouter keeps crashing and clients see connection resets', 'http2 rapdi reset', 'Java NullPointerException'];
  const hits = (p: ReturnType<typeof loadPrepared>['prepared']) => questions.map((q) => searchArticles(p.index, p.articles, q));

  it('answers from the cached index exactly as from a fresh one', () => {
    const t = fresh();
    try {
      const cold = loadPrepared(t.knowledge, { cacheDir: t.cache });
      const warm = loadPrepared(t.knowledge, { cacheDir: t.cache });
      expect(cold.timings).toContain('index built');
      expect(warm.timings).toContain('index cached');
      expect(hits(warm.prepared)).toEqual(hits(cold.prepared));
      expect(hits(warm.prepared)).toEqual(hits(kb));
    } finally {
      rmSync(t.dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['cut short', (f: string) => truncateSync(f, Math.floor(statSync(f).size / 2))],
    ['emptied', (f: string) => writeFileSync(f, '')],
    ['overwritten with JSON', (f: string) => writeFileSync(f, '{"version":"2.3.9"}')],
  ])('rebuilds an index file that was %s, and answers the same', (_, damage) => {
    const t = fresh();
    try {
      loadPrepared(t.knowledge, { cacheDir: t.cache });
      const file = join(t.cache, readdirSync(t.cache).find((n) => n.startsWith('search-index-')) as string);
      damage(file);
      const again = loadPrepared(t.knowledge, { cacheDir: t.cache });
      expect(again.timings).toContain('index built');
      expect(hits(again.prepared)).toEqual(hits(kb));
    } finally {
      rmSync(t.dir, { recursive: true, force: true });
    }
  });
});
