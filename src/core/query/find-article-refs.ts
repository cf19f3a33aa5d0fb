import type { Article } from '../model/knowledge.ts';

export interface ArticleIndex {
  /** Article ids and aliases, lower-cased, to the article id. */
  byId: Map<string, string>;
  /** Article URLs as `host/path` (the number of `?articleNumber=N` as a last segment), to the article id. */
  byUrl: Map<string, string>;
}

/** Built once per knowledge. */
export function articleIndex(articles: readonly Article[]): ArticleIndex {
  const byId = new Map<string, string>();
  const byUrl = new Map<string, string>();
  for (const a of articles) {
    for (const id of [a.id, ...a.aliases]) byId.set(id.toLowerCase(), a.id);
    const link = parseLink(a.url);
    const key = link ? `${link.host}${link.path}${idParam(link.query) ? `/${idParam(link.query)}` : ''}` : '';
    if (key && !byUrl.has(key)) byUrl.set(key, a.id);
  }
  return { byId, byUrl };
}

/** Query parameters under which a vendor's KB puts an article's number (`…/external/article?articleNumber=298398`). */
const ID_PARAMS = ['articleNumber', 'articleId', 'legacyId', 'id'];

/**
 * The article a link points to: any article's `url`, with or without `www.`,
 * http or https, a query string, a fragment, a trailing slash or more path
 * after it (`…/article/298398/gorouter-process-crash.html`), or the article's
 * number as a query parameter. A link that only starts like an article's
 * (`…/article/2983981`) is not that article.
 */
export function articleForUrl(index: ArticleIndex, raw: string): string | undefined {
  const link = parseLink(raw.replace(/&amp;/g, '&'));
  if (!link) return undefined;
  const id = idParam(link.query);
  if (id) return index.byUrl.get(`${link.host}${link.path}/${id}`);
  const segments = link.path.split('/');
  for (let i = segments.length; i > 0; i--) {
    const hit = index.byUrl.get(`${link.host}${segments.slice(0, i).join('/')}`);
    if (hit) return hit;
  }
  return undefined;
}

/** A link's host (lower-case, without `www.`), decoded path without trailing slashes, and query. */
export function parseLink(raw: string): { host: string; path: string; query: URLSearchParams } | null {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    path = u.pathname;
  }
  return { host: u.hostname.toLowerCase().replace(/^www\./, ''), path: path.replace(/\/+$/, ''), query: u.searchParams };
}

function idParam(query: URLSearchParams): string | undefined {
  for (const name of ID_PARAMS) {
    const v = query.get(name);
    if (v) return v;
  }
  return undefined;
}

const REF = /(?:\b(?:kb|article|kb\s+article)[\s#:-]*|#)?(?<![\w.-])([A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9])(?![\w-]|\.\w)/gi;
const GLUED = /\b(?:kb|article)[-_#]?(\d{5,8})\b/gi;
const LINK = /https?:\/\/[^\s<>|"')]+/gi;

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
  for (const m of text.matchAll(LINK)) {
    spans.push([m.index, m.index + m[0].length]);
    const id = articleForUrl(index, m[0]);
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
