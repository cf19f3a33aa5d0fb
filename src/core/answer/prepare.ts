import { nameMatcher, productMatcher, type NameMention, type ProductMention } from '../query/find-products.ts';
import { articleIndex, type ArticleIndex } from '../query/find-article-refs.ts';
import { buildSearchIndex } from '../search/build-search-index.ts';
import type { SearchIndex } from '../search/search-index.ts';
import { frameAnchor } from '../traces/frame-anchor.ts';
import { logAnchors } from '../logs/log-anchors.ts';
import type { QueryParser } from '../query/parse-query.ts';
import type { Article, Knowledge, Product } from '../model/knowledge.ts';

/** Knowledge plus what is derived from it once: matchers, anchors, the search index. */
export interface Prepared extends QueryParser {
  knowledge: Knowledge;
  products: Map<string, Product>;
  articles: Map<string, Article>;
  /** Product names only (vendor-article import, `kb-bot check`). */
  matchProducts: (text: string) => ProductMention[];
  matchNames: (text: string) => NameMention[];
  articleIndex: ArticleIndex;
  /** Strings that find a known program frame in a huge input with no crash header. */
  anchors: string[];
  logAnchors: string[];
  index: SearchIndex;
}

const MAX_ANCHORS = 32;

export function prepare(knowledge: Knowledge, index?: SearchIndex): Prepared {
  const anchors = [...new Set(knowledge.articles.flatMap((a) => a.signatures.map((s) => frameAnchor(s.programFrames[0] ?? ''))))]
    .filter((a) => a.length >= 6)
    .slice(0, MAX_ANCHORS);
  return {
    knowledge,
    products: new Map(knowledge.products.map((p) => [p.id, p])),
    articles: new Map(knowledge.articles.map((a) => [a.id, a])),
    matchProducts: productMatcher(knowledge.products),
    matchNames: nameMatcher(knowledge.products, knowledge.otherSoftware),
    articleIndex: articleIndex(knowledge.articles),
    anchors,
    logAnchors: logAnchors(knowledge),
    index: index ?? buildSearchIndex(knowledge.articles),
  };
}
