import type { App } from '@slack/bolt';
import { renderHome } from '../../render/render-home.ts';
import type { Bot } from '../bot.ts';

/** App Home: the articles, how to ask, and recent activity. */
export function onHome(app: App, bot: Bot): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: renderHome(bot.kb(), bot.activity.list(event.user)) } });
  });
}
