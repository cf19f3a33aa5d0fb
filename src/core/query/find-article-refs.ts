import type { Article } from '../model/knowledge.ts';

export interface ArticleIndex {
  /** Article ids and aliases, lower-cased, to the article id. */
  byId: Map<string, string>;
  /** Article URLs without scheme, query and trailing slash, to the article id. */
  byUrl: Map<string, string>;
}

/** Built once per knowledge. */
export function articleIndex(articles: readonly Article[]): ArticleIndex {
  const byId = new Map<string, string>();
  const byUrl = new Map<string, string>();
  for (const a of articles) {
    for (const id of [a.id, ...a.aliases]) byId.set(id.toLowerCase(), a.id);
    byUrl.set(urlKey(a.url), a.id);
  }
  return { byId, byUrl };
}

/** `https://Host/path/?q#f` → `host/path`: how two links to one article compare. */
export function urlKey(url: string): string {
  return url.replace(/^[a-z]+:\/\//i, '').replace(/[?#].*$/, '').replace(/\/+$/, '').toLowerCase().replace(/^www\./, '');
}

const REF = /(?:\b(?:kb|article|kb\s+article)[\s#:-]*|#)?(?<![\w.-])([A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9])(?![\w-]|\.\w)/gi;
const GLUED = /\b(?:kb|article)[-_#]?(\d{5,8})\b/gi;
const URL = /https?:\/\/[^\s<>|"')]+/gi;

/**
 * Articles the text names: "KB 298398", "kb298398", "KB-298336", "article
 * 298173", "#298398", an id or alias on its own ("CVE-2024-22279"), or a link
 * to an article's page. Returns ids (aliases resolved), numbers that look like
 * KB ids but are unknown, and the spans to leave out when looking for versions.
 */
export function findArticleRefs(text: string, index: ArticleIndex): { ids: string[]; unknown: string[]; spans: [number, number][] } {
  const ids: string[] = [];
  const unknown: string[] = [];
  const spans: [number, number][] = [];
  const add = (id: string) => {
    if (!ids.includes(id)) ids.push(id);
  };
  for (const m of text.matchAll(URL)) {
    spans.push([m.index, m.index + m[0].length]);
    const key = urlKey(m[0]);
    const id = index.byUrl.get(key) ?? [...index.byUrl.entries()].find(([u]) => key.startsWith(`${u}/`) || key.startsWith(`${u}-`))?.[1];
    if (id !== undefined) add(id);
  }
  const masked = mask(text, spans);
  for (const m of masked.matchAll(GLUED)) {
    const token = m[1] as string;
    const id = index.byId.get(token);
    spans.push([m.index, m.index + m[0].length]);
    if (id !== undefined) add(id);
    else if (!unknown.includes(token)) unknown.push(token);
  }
  for (const m of mask(text, spans).matchAll(REF)) {
    const token = (m[1] ?? '').toLowerCase();
    const id = index.byId.get(token);
    const prefixed = m[0].length > token.length;
    if (id !== undefined) {
      add(id);
      spans.push([m.index, m.index + m[0].length]);
    } else if (prefixed && /^\d{5,8}$/.test(token) && /^(?:kb|article)/i.test(m[0])) {
      spans.push([m.index, m.index + m[0].length]);
      if (!unknown.includes(token)) unknown.push(token);
    }
  }
  return { ids, unknown, spans };
}

function mask(text: string, spans: [number, number][]): string {
  let out = text;
  for (const [s, e] of spans) out = out.slice(0, s) + ' '.repeat(e - s) + out.slice(e);
  return out;
}
