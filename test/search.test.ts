import { describe, expect, it } from 'vitest';
import { realKb } from './support/kb.ts';
import { answer } from '../src/core/answer/answer.ts';
import { emptyQuery } from '../src/core/query/empty-query.ts';
import { searchTokens } from '../src/core/search/search-tokens.ts';

const kb = realKb();
const answerSearch = (_: unknown, text: string) => answer(kb, emptyQuery(text, 'search'));

describe('search finds the right article first', () => {
  it.each([
    ['gorouter keeps crashing and clients see connection resets', '298398'],
    ['502 too many transfer encodings', '297408'],
    ['100 continue twice', '298173'],
    ['what does KB 298173 say', '298173'],
    ['what does KB 298108 say', '297408'],
    ['high cpu on the routers with http2', '298165'],
    ['lots of 503 no_endpoints and prune-failed-endpoint', 'routing-0.262.0'],
    ['stale routes after disabling ssl validation', '298075'],
    ['apps get 400 bad request after upgrade', '298336'],
    ['routers crashing with concurent map writes', '298398'],
    ['java spring clients hang on expect continue', '298173'],
    ['rapid reset cve', '298165'],
  ])('%s → KB %s', (text, id) => {
    const a = answer(kb, text);
    // A named article is answered as that article; a description is a search.
    expect(a.intent).toBe(/KB \d/.test(text) ? 'article' : 'search');
    expect(a.articles[0]?.id).toBe(id);
  });

  it.each(['cpu +5x ~rapid reset^2 -foo *bar', 'title:gorouter', 'a:b:c ~~ ^^ ++ -- **', '"quoted" (parens) [brackets]', 'x'.repeat(5000)])(
    'takes lunr query syntax in user text without throwing: %s',
    (text) => {
      expect(() => answerSearch(kb, text)).not.toThrow();
      expect(() => answer(kb, text)).not.toThrow();
    },
  );

  it('an explicit search of nothing known says so', () => {
    expect(answerSearch(kb, 'kubernetes etcd quorum').intent).toBe('none');
  });

  it('a lone crash header with no frames still finds its article', () => {
    const a = answer(kb, 'fatal error: concurrent map writes');
    expect(a.traces[0]).toMatchObject({ article: '298398', level: 'partial' });
    expect(a.articles[0]?.id).toBe('298398');
  });

  it('tokens are lower-cased words, stop words and pasted noise out', () => {
    expect(searchTokens('Is the GoRouter crashing? ' + 'z'.repeat(41))).toEqual(['gorouter', 'crashing']);
  });
});
