import { articleForUrl as findArticle, parseLink } from '../core/query/find-article-refs.ts';
import type { Prepared } from '../core/answer/prepare.ts';
import type { Article } from '../core/model/knowledge.ts';

/** The article a shared link points to (see `articleForUrl` in the core): what an unfurl shows. */
export function articleForUrl(kb: Prepared, raw: string): Article | undefined {
  const id = findArticle(kb.articleIndex, raw);
  return id === undefined ? undefined : kb.articles.get(id);
}

/** Hosts of everyone's links (code hosting): registering them would send kb-bot an event for every such link in the workspace. */
export const SHARED_HOSTS: readonly string[] = ['github.com', 'gitlab.com', 'bitbucket.org'];

/** The domains manifest.yml registers for unfurls: the hosts of the knowledge's article URLs, but for shared hosts. */
export function unfurlDomains(kb: Prepared): string[] {
  const hosts = kb.knowledge.articles.map((a) => parseLink(a.url)?.host).filter((h): h is string => !!h && !SHARED_HOSTS.includes(h));
  return [...new Set(hosts)].sort();
}
