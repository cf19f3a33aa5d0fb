import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS, section, context } from '../../render/render-blocks.ts';
import { renderBlocks } from '../../render/render-blocks.ts';
import { renderVersionTable } from '../../render/render-version-table.ts';
import { escapeMrkdwn as esc } from '../../render/escape-mrkdwn.ts';
import { answerForSlack } from '../answer-for-slack.ts';
import { recordVote, registerFeedbackMetric } from '../record-vote.ts';
import type { Bot } from '../bot.ts';

const FEEDBACK_REPLY = {
  new: { up: 'Thanks — glad it helped.', down: 'Thanks — noted. Tell the knowledge owners what was wrong or missing.' },
  changed: { up: 'Changed your vote to 👍 — thanks.', down: 'Changed your vote to 👎 — noted. Tell the knowledge owners what was wrong or missing.' },
  same: { up: 'You already voted 👍 on this answer.', down: 'You already voted 👎 on this answer.' },
} as const;

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
    const saved = await bot.store.get(`share:${action.value ?? ''}`);
    const channel = body.channel?.id;
    if (!saved || !channel) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: 'This answer has expired; ask again with /kb.' });
      return;
    }
    const { text } = JSON.parse(saved) as { text: string };
    const message = renderBlocks(bot.kb(), answerForSlack(bot, text, 'share', { user: body.user.id }));
    await client.chat.postMessage({
      channel,
      text: message.text,
      blocks: [...message.blocks.slice(0, 48), context(`Shared by <@${body.user.id}> · /kb ${esc(text.slice(0, 200))}`)],
      unfurl_links: false,
    });
    await respond({ delete_original: true });
  });

  registerFeedbackMetric(bot);
  for (const [id, vote] of [[ACTIONS.feedbackUp, 'up'], [ACTIONS.feedbackDown, 'down']] as const) {
    app.action<BlockAction<ButtonAction>>(id, async ({ ack, action, body, respond }) => {
      await ack();
      const [article = '', intent = 'unknown'] = (action.value ?? '').split(':');
      if (!bot.kb().articles.has(article)) {
        await respond({ response_type: 'ephemeral', replace_original: false, text: 'Thanks — that answer is about an article that is no longer in the knowledge base, so the vote was not counted.' });
        return;
      }
      // The answer is the message the buttons are on; one vote per user per answer and article.
      const container = body.container as { channel_id?: string; message_ts?: string } | undefined;
      const answer = `${container?.channel_id ?? body.channel?.id ?? 'unknown'}:${container?.message_ts ?? body.message?.ts ?? action.value ?? 'unknown'}`;
      const result = await recordVote(bot, { answer, article, intent, user: body.user.id, vote });
      bot.logger.info({ event: 'feedback', article, intent, vote, result }, 'feedback');
      await respond({ response_type: 'ephemeral', replace_original: false, text: FEEDBACK_REPLY[result][vote] });
    });
  }

  app.action(ACTIONS.openArticle, async ({ ack }) => {
    await ack();
  });
}
