import { answer } from '../../core/answer/answer.ts';
import { emptyQuery } from '../../core/query/empty-query.ts';
import type { App } from '@slack/bolt';
import { articleForUrl } from '../article-for-url.ts';
import { renderUnfurl } from '../../render/render-unfurl.ts';
import { TTL, type Bot } from '../bot.ts';

interface LinkShared {
  channel: string;
  message_ts: string;
  unfurl_id?: string;
  /** "composer" while the message is being written, "conversations_history" once posted. */
  source?: string;
  links?: { url?: string; domain?: string }[];
}

/** Slack unfurls at most this many links of one message. */
const MAX_LINKS = 5;

/**
 * A link to an article, pasted in a message or still in the composer, is
 * unfurled with the article's card: one chat.unfurl per message (or composer
 * draft), keyed by each link exactly as Slack sent it. Links that are no
 * article get nothing, so Slack shows its own preview.
 */
export function onLinkShared(app: App, bot: Bot): void {
  app.event('link_shared', async ({ event, client }) => {
    const e = event as unknown as LinkShared;
    const kb = bot.kb();
    const unfurls: Record<string, { blocks: ReturnType<typeof renderUnfurl>['blocks'] }> = {};
    for (const link of (e.links ?? []).slice(0, MAX_LINKS)) {
      const article = link.url ? articleForUrl(kb, link.url) : undefined;
      if (article && link.url) unfurls[link.url] = renderUnfurl(answer(kb, { ...emptyQuery(`KB ${article.id}`), articles: [article.id] }));
    }
    if (Object.keys(unfurls).length === 0) return;
    // The composer's preview has an unfurl id and no real message ts; a posted message has a channel and ts.
    const target = e.source === 'composer' && e.unfurl_id ? { unfurl_id: e.unfurl_id, source: 'composer' as const } : { channel: e.channel, ts: e.message_ts };
    if (!(await bot.store.claim(`unfurl:${'unfurl_id' in target ? target.unfurl_id : `${target.channel}:${target.ts}`}`, TTL.event))) return;
    await bot.track(() => client.chat.unfurl({ ...target, unfurls }));
  });
}
