import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS, section, context } from '../../render/render-blocks.ts';
import { renderBlocks } from '../../render/render-blocks.ts';
import { renderVersionTable } from '../../render/render-version-table.ts';
import { escapeMrkdwn as esc } from '../../render/escape-mrkdwn.ts';
import { answerForSlack } from '../answer-for-slack.ts';
import { takeShare } from '../take-share.ts';
import { feedbackArticle } from '../feedback-article.ts';
import type { Bot } from '../bot.ts';

/** Buttons: mitigation, version table, share, feedback, and the article link (acknowledged only). */
export function onActions(app: App, bot: Bot): void {
  app.action<BlockAction<ButtonAction>>(ACTIONS.mitigation, async ({ ack, action, respond }) => {
    await ack();
    const a = bot.kb().articles.get(action.value ?? '');
    if (!a) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: 'That article is no longer in the knowledge base.' }));
    const steps = a.mitigation.map((m, i) => `${i + 1}. ${esc(m)}`).join('\n');
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: `Mitigation for KB ${a.id}:\n${a.mitigation.map((m, i) => `${i + 1}. ${m}`).join('\n')}`,
      blocks: [section(`*Mitigation — <${a.url}|KB ${esc(a.id)}>*\n${steps}`), section(`*Fix*\n${esc(a.resolution)}`)],
    });
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.versions, async ({ ack, action, respond }) => {
    await ack();
    const table = renderVersionTable(bot.kb(), action.value ?? '');
    await respond({ response_type: 'ephemeral', replace_original: false, ...table });
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.share, async ({ ack, action, body, client, respond }) => {
    await ack();
    const channel = body.channel?.id;
    const share = await takeShare(bot, action.value, body.user?.id, channel);
    if ('refusal' in share || !channel) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: 'refusal' in share ? share.refusal : 'This answer has expired; ask again with /kb.' });
      return;
    }
    const { text } = share;
    const message = renderBlocks(bot.kb(), await answerForSlack(bot, text, 'share', undefined, body.user.id));
    await client.chat.postMessage({
      channel,
      text: message.text,
      blocks: [...message.blocks.slice(0, 48), context(`Shared by <@${body.user.id}> · /kb ${esc(text.slice(0, 200))}`)],
      unfurl_links: false,
    });
    await respond({ delete_original: true });
  });

  for (const [id, vote] of [[ACTIONS.feedbackUp, 'up'], [ACTIONS.feedbackDown, 'down']] as const) {
    app.action<BlockAction<ButtonAction>>(id, async ({ ack, action, body, respond }) => {
      await ack();
      const { article, intent } = feedbackArticle(bot, action.value);
      bot.metrics.feedback.inc({ article, vote });
      await bot.store.incr(`feedback:${article}:${vote}`);
      bot.logger.info({ event: 'feedback', article, intent, vote, user: body.user.id }, 'feedback');
      await respond({ response_type: 'ephemeral', replace_original: false, text: vote === 'up' ? 'Thanks — glad it helped.' : 'Thanks — noted. Tell the knowledge owners what was wrong or missing.' });
    });
  }

  app.action(ACTIONS.openArticle, async ({ ack }) => {
    await ack();
  });
}
