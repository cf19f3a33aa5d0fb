import type { App } from '@slack/bolt';
import { renderHome } from '../../render/render-home.ts';
import { readActivity } from '../user-activity.ts';
import { readGaps, WEEKS } from '../knowledge-gaps.ts';
import type { Bot } from '../bot.ts';

/** App Home: how to ask, the articles, knowledge gaps, and the viewer's own recent activity. */
export function onHome(app: App, bot: Bot): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const [activity, gaps] = await Promise.all([readActivity(bot, event.user), readGaps(bot)]);
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: renderHome(bot.kb(), { activity, gaps: { ...gaps, weeks: WEEKS } }) } });
  });
}
