import { helpExamples } from '../../core/answer/help-examples.ts';
import { answer } from '../../core/answer/answer.ts';
import { emptyQuery } from '../../core/query/empty-query.ts';
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { EXAMPLE_ACTION, renderWelcome, suggestedPrompts } from '../../render/render-welcome.ts';
import { renderBlocks, context } from '../../render/render-blocks.ts';
import { escapeMrkdwn as esc } from '../../render/escape-mrkdwn.ts';
import { answerForSlack } from '../answer-for-slack.ts';
import type { Bot } from '../bot.ts';

/** A user is welcomed once; a year is "once" for a store with expiry. */
const WELCOMED_TTL = 365 * 24 * 60 * 60 * 1000;

/**
 * What the DM offers before the first question, built from the live knowledge:
 * - where kb-bot is an assistant (the manifest's `assistant_view`), each new
 *   assistant thread gets suggested prompts (assistant.threads.setSuggestedPrompts);
 * - otherwise, the first time a user opens the DM, a welcome message with the
 *   examples as buttons; a click answers that example in the DM.
 */
export function onWelcome(app: App, bot: Bot): void {
  app.event('assistant_thread_started', async ({ event, client }) => {
    const thread = event.assistant_thread;
    if (!thread?.channel_id || !thread.thread_ts) return;
    await bot.store.claim(`welcomed:${thread.user_id}`, WELCOMED_TTL);
    await client.assistant.threads.setSuggestedPrompts({ channel_id: thread.channel_id, thread_ts: thread.thread_ts, title: 'Try asking', prompts: suggestedPrompts(helpExamples(bot.kb())) });
  });

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'messages') return;
    if (!(await bot.store.claim(`welcomed:${event.user}`, WELCOMED_TTL))) return;
    await client.chat.postMessage({ channel: event.channel, ...renderWelcome(answer(bot.kb(), emptyQuery('', 'list'))), unfurl_links: false });
  });

  app.action<BlockAction<ButtonAction>>(new RegExp(`^${EXAMPLE_ACTION}_\\d+$`), async ({ ack, action, body, client }) => {
    await ack();
    const channel = body.channel?.id;
    const question = (action.value ?? '').trim();
    if (!channel || question === '') return;
    await bot.track(async () => {
      const message = renderBlocks((await answerForSlack(bot, { text: question, user: body.user.id }, 'example')).answer);
      await client.chat.postMessage({ channel, text: message.text, blocks: [context(`<@${body.user.id}> asked: ${esc(question)}`), ...message.blocks.slice(0, 49)], unfurl_links: false });
    });
  });
}
