import { articleLabel } from '../../core/model/article-label.ts';
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS, context, renderBlocks } from '../../render/render-blocks.ts';
import { renderVersionTable } from '../../render/render-version-table.ts';
import { escapeMrkdwn as esc } from '../../render/escape-mrkdwn.ts';
import { answer } from '../../core/answer/answer.ts';
import { versionTable } from '../../core/answer/version-table.ts';
import { emptyQuery } from '../../core/query/empty-query.ts';
import { loadAnswer } from '../saved-answers.ts';
import { rememberArticle } from '../thread-memory.ts';
import { recordVote, registerFeedbackMetric } from '../record-vote.ts';
import type { Bot } from '../bot.ts';

const FEEDBACK_REPLY = {
  new: { up: 'Thanks — glad it helped.', down: 'Thanks — noted. Tell the knowledge owners what was wrong or missing.' },
  changed: { up: 'Changed your vote to 👍 — thanks.', down: 'Changed your vote to 👎 — noted. Tell the knowledge owners what was wrong or missing.' },
  same: { up: 'You already voted 👍 on this answer.', down: 'You already voted 👎 on this answer.' },
} as const;

/** The message a button sits on: its channel and thread, when Slack says. */
function whereClicked(body: BlockAction): { channel?: string; threadTs?: string } {
  const message = (body as { message?: { ts?: string; thread_ts?: string } }).message;
  const channel = body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
  const threadTs = message?.thread_ts ?? message?.ts;
  return { ...(channel ? { channel } : {}), ...(threadTs ? { threadTs } : {}) };
}

/** Buttons: mitigation, version table, show all, share, "this is it", feedback, and the article link (acknowledged only). */
export function onActions(app: App, bot: Bot): void {
  app.action<BlockAction<ButtonAction>>(ACTIONS.mitigation, async ({ ack, action, respond }) => {
    await ack();
    const id = action.value ?? '';
    if (!bot.kb().articles.has(id)) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: 'That article is no longer in the knowledge base.' }));
    const a = answer(bot.kb(), { ...emptyQuery(`how to mitigate ${articleLabel(id)}`), articles: [id], wants: ['mitigation'] });
    const message = renderBlocks(a);
    await respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.versions, async ({ ack, action, respond }) => {
    await ack();
    await respond({ response_type: 'ephemeral', replace_original: false, ...renderVersionTable(versionTable(bot.kb(), action.value ?? '')) });
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.showAll, async ({ ack, action, respond }) => {
    await ack();
    const saved = await loadAnswer(bot.store, action.value ?? '');
    if (!saved) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: 'This answer has expired; ask again.' }));
    const message = renderBlocks(saved.answer, { full: true });
    await respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.share, async ({ ack, action, body, client, respond }) => {
    await ack();
    const saved = await loadAnswer(bot.store, action.value ?? '');
    const channel = body.channel?.id;
    if (!saved || !channel || (saved.user !== undefined && saved.user !== body.user.id) || (saved.channel !== undefined && saved.channel !== channel)) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: 'This answer has expired or is not yours to share; ask again with /kb.' });
      return;
    }
    if (!(await bot.store.claim(`shared:${action.value}`, 24 * 60 * 60 * 1000))) return;
    // The answer stays saved under the same id: the shared copy's "Show all" opens it in full for whoever clicks.
    const message = renderBlocks(saved.answer, { showAllValue: action.value ?? '' });
    await client.chat.postMessage({
      channel,
      text: message.text,
      blocks: [...message.blocks.slice(0, 48), context(`Shared by <@${body.user.id}> · /kb ${esc(saved.answer.query.slice(0, 200))}`)],
      unfurl_links: false,
    });
    await respond({ delete_original: true });
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.pick, async ({ ack, action, body, respond }) => {
    await ack();
    const id = action.value ?? '';
    const { channel, threadTs } = whereClicked(body);
    if (!bot.kb().articles.has(id) || !channel || !threadTs) return;
    await rememberArticle(bot.store, channel, threadTs, id);
    await respond({ response_type: 'ephemeral', replace_original: false, text: `Noted: this thread is about ${articleLabel(id)}. Ask "which version fixes it?" or "how do we mitigate?".` });
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
      const answerId = `${container?.channel_id ?? body.channel?.id ?? 'unknown'}:${container?.message_ts ?? body.message?.ts ?? action.value ?? 'unknown'}`;
      const result = await recordVote(bot, { answer: answerId, article, intent, user: body.user.id, vote });
      bot.logger.info({ event: 'feedback', article, intent, vote, result }, 'feedback');
      await respond({ response_type: 'ephemeral', replace_original: false, text: FEEDBACK_REPLY[result][vote] });
    });
  }

  app.action(ACTIONS.openArticle, async ({ ack }) => {
    await ack();
  });
}
