import { productMatcher, type ProductMention } from '../question/find-products.ts';
import { articleIdMap } from '../question/find-article-refs.ts';
import { buildSearchIndex } from '../search/build-search-index.ts';
import type { SearchIndex } from '../search/search-index.ts';
import { frameAnchor } from '../traces/frame-anchor.ts';
import type { Article, Knowledge, Product } from '../model/knowledge.ts';

/** Knowledge plus what is derived from it once: matchers, anchors, the search index. */
export interface Prepared {
  knowledge: Knowledge;
  products: Map<string, Product>;
  articles: Map<string, Article>;
  matchProducts: (text: string) => ProductMention[];
  /** Article ids and aliases (lower-case) to article id. */
  articleIds: Map<string, string>;
  /** Strings that find a known program frame in a huge input with no crash header. */
  anchors: string[];
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
    articleIds: articleIdMap(knowledge.articles),
    anchors,
    index: index ?? buildSearchIndex(knowledge.articles),
  };
}
