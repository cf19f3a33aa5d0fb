import type { Article } from '../model/knowledge.ts';

/** Article ids and aliases, lower-cased, to the article id: built once per knowledge. */
export function articleIdMap(articles: readonly Article[]): Map<string, string> {
  const byId = new Map<string, string>();
  for (const a of articles) for (const id of [a.id, ...a.aliases]) byId.set(id.toLowerCase(), a.id);
  return byId;
}

/**
 * Articles the text names: "KB 298398", "kb298398", "article 298173",
 * "#298398", or an article id on its own. Returns ids (aliases resolved) and
 * the spans to leave out when looking for versions.
 */
export function findArticleRefs(text: string, byId: ReadonlyMap<string, string>): { ids: string[]; spans: [number, number][] } {
  const ids: string[] = [];
  const spans: [number, number][] = [];
  const re = /(?:\b(?:kb|article|kb\s+article)\s*#?\s*|#)?(?<![\w.-])([A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9])(?![\w-]|\.\w)/gi;
  for (const m of text.matchAll(re)) {
    const token = (m[1] ?? '').toLowerCase();
    const id = byId.get(token);
    const prefixed = m[0].length > token.length;
    if (id !== undefined) {
      if (!ids.includes(id)) ids.push(id);
      spans.push([m.index, m.index + m[0].length]);
    } else if (prefixed && /^\d{5,8}$/.test(token) && /^(?:kb|article)/i.test(m[0])) {
      spans.push([m.index, m.index + m[0].length]);
      if (!ids.includes(`unknown:${token}`)) ids.push(`unknown:${token}`);
    }
  }
  return { ids, spans };
}
