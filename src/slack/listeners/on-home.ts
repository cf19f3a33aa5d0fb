import type { App } from '@slack/bolt';
import { renderHome } from '../../render/render-home.ts';
import { answer } from '../../core/answer/answer.ts';
import { emptyQuery } from '../../core/query/empty-query.ts';
import type { Bot } from '../bot.ts';

/** App Home: the articles, how to ask, and recent activity. */
export function onHome(app: App, bot: Bot): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const kb = bot.kb();
    const list = answer(kb, emptyQuery('', 'list'));
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: renderHome(list, bot.activity.list(event.user), kb.knowledge.version) } });
  });
}
