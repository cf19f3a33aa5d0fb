import type { App } from '@slack/bolt';
import { renderHome } from '../../render/render-home.ts';
import { answer } from '../../core/answer/answer.ts';
import { emptyQuery } from '../../core/query/empty-query.ts';
import { readActivity } from '../user-activity.ts';
import { readGaps, WEEKS } from '../knowledge-gaps.ts';
import { fleetHomeBlocks } from '../fleet-home.ts';
import type { Bot } from '../bot.ts';

/** App Home: how to ask, the articles, knowledge gaps, and the viewer's own recent activity. */
export function onHome(app: App, bot: Bot): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const kb = bot.kb();
    const [activity, gaps] = await Promise.all([readActivity(bot, event.user), readGaps(bot)]);
    const list = answer(kb, emptyQuery('', 'list'));
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [...renderHome(list, { knowledgeVersion: kb.knowledge.version, activity, gaps: { ...gaps, weeks: WEEKS } }), ...(await fleetHomeBlocks(bot))] } });
  });
}
