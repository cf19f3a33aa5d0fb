import { describe, expect, it } from 'vitest';
import { realKb } from './support/kb.ts';
import { buildLunrIndex, fromLunr } from './support/lunr-reference.ts';
import { buildSearchIndex, indexTerms } from '../src/core/search/build-search-index.ts';
import type { Article } from '../src/core/model/knowledge.ts';

const kb = realKb();

/** More articles from the real ones: other ids, texts reworded by rotating their words, some fields emptied. */
function variations(count: number): Article[] {
  const base = kb.knowledge.articles;
  return Array.from({ length: count }, (_, i) => {
    const a = base[i % base.length] as Article;
    const words = `${a.summary} ${a.cause}`.split(' ');
    const k = (i * 7) % words.length;
    return {
      ...a,
      id: `${a.id}-v${i}`,
      aliases: [],
      title: `${a.title} ${words.slice(k, k + 3).join(' ')}`,
      summary: [...words.slice(k), ...words.slice(0, k)].join(' '),
      symptoms: i % 3 === 0 ? [] : a.symptoms,
      signatures: i % 4 === 0 ? [] : a.signatures,
    };
  });
}

describe('the compact index holds what lunr builds', () => {
  it.each([
    ['the real knowledge', () => kb.knowledge.articles],
    ['80 variations of it', () => variations(80)],
    ['one article', () => kb.knowledge.articles.slice(0, 1)],
  ])('%s: the same terms, postings and BM25 weights as lunr.Builder', (_, articles) => {
    const list = articles();
    const ours = buildSearchIndex(list).parts();
    const lunrs = fromLunr(buildLunrIndex(list), list).parts();
    expect(ours.terms).toEqual(lunrs.terms);
    expect([...ours.offsets]).toEqual([...lunrs.offsets]);
    expect([...ours.docs]).toEqual([...lunrs.docs]);
    expect([...ours.df]).toEqual([...lunrs.df]);
    expect([...ours.weights]).toEqual([...lunrs.weights]);
  });

  it.each([
    ['Gorouter crashes with "fatal error: concurrent map writes"', ['gorout', 'crash', 'fatal', 'error', 'concurr', 'map', 'write']],
    ['code.cloudfoundry.org/gorouter/proxy/round_tripper.(*ErrorHandler).HandleError', ['code', 'cloudfoundri', 'org', 'gorout', 'proxi', 'round', 'tripper', 'errorhandl', 'handleerror']],
    ['HTTP/2 rapid-reset CVE-2023-44487', ['http', '2', 'rapid', 'reset', 'cve', '2023', '44487']],
    ['', []],
  ])('index terms of %j', (text, terms) => {
    expect(indexTerms(text)).toEqual(terms);
  });
});
