import type { Prepared } from '../core/answer/prepare.ts';
import type { Article } from '../core/model/knowledge.ts';

/** Query parameters under which a vendor's KB puts an article's number (`…/external/article?articleNumber=298398`). */
const ID_PARAMS = ['articleNumber', 'articleId', 'legacyId', 'id'];

const indexes = new WeakMap<Prepared, Map<string, Article>>();

/**
 * The article a shared link points to: any article's `url`, with or without
 * `www.`, http or https, a query string, a fragment, a trailing slash or more
 * path after it (`…/article/298398/gorouter-process-crash.html`), or the
 * article's number as a query parameter of its parent path. A link that only
 * starts like an article's (`…/article/2983981`) is not that article.
 */
export function articleForUrl(kb: Prepared, raw: string): Article | undefined {
  const link = parse(raw.replace(/&amp;/g, '&'));
  if (!link) return undefined;
  const index = indexOf(kb);
  const segments = link.path.split('/');
  for (let i = segments.length; i > 0; i--) {
    const hit = index.get(`${link.host}${segments.slice(0, i).join('/')}`);
    if (hit) return hit;
  }
  for (const name of ID_PARAMS) {
    const id = link.query.get(name);
    const hit = id ? index.get(`${link.host}${link.path}/${id}`) : undefined;
    if (hit) return hit;
  }
  return undefined;
}

/** Hosts of everyone's links (code hosting): registering them would send kb-bot an event for every such link in the workspace. */
export const SHARED_HOSTS: readonly string[] = ['github.com', 'gitlab.com', 'bitbucket.org'];

/** The domains manifest.yml registers for unfurls: the hosts of the knowledge's article URLs, but for shared hosts. */
export function unfurlDomains(kb: Prepared): string[] {
  const hosts = kb.knowledge.articles.map((a) => parse(a.url)?.host).filter((h): h is string => !!h && !SHARED_HOSTS.includes(h));
  return [...new Set(hosts)].sort();
}

function indexOf(kb: Prepared): Map<string, Article> {
  let index = indexes.get(kb);
  if (!index) {
    index = new Map();
    for (const a of kb.knowledge.articles) {
      const u = parse(a.url);
      if (u && !index.has(`${u.host}${u.path}`)) index.set(`${u.host}${u.path}`, a);
    }
    indexes.set(kb, index);
  }
  return index;
}

function parse(raw: string): { host: string; path: string; query: URLSearchParams } | null {
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
