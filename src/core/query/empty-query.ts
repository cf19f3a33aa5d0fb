import type { Query, QueryKind } from '../model/query.ts';

/** A Query with nothing in it, for adapters that build one directly (`kb-bot check`, `kb-bot match`). */
export function emptyQuery(text: string, kind: QueryKind = 'ask'): Query {
  return { kind, text, articles: [], unknownArticles: [], products: [], versions: [], former: [], wants: [], otherSoftware: [], terms: [], paste: null, foreignTrace: null, foundations: [] };
}
