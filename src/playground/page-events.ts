import type { SlackCall } from './fake-slack-api.ts';

/** Where a response_url's messages go, and which message it was given for (a button's message). */
export interface ResponseTarget {
  channel: string;
  threadTs?: string;
  messageTs?: string;
}

/** What the page is told happened, one event per Slack change it shows. */
export type PageEvent = Record<string, unknown> & { kind: 'message' | 'update' | 'delete' | 'unfurl' | 'status' | 'prompts' | 'home' };

/**
 * Turns one Web API call the bot made into what the page shows, as Slack
 * would: messages at the ts Slack gave them, edits and deletions in place
 * (a response_url's `delete_original` / `replace_original` acts on the
 * message whose button was clicked), unfurls under their message, the
 * thread's status line, suggested prompts, App Home.
 */
export function pageEvents(call: SlackCall, target: (responseId: string) => ResponseTarget | undefined, nextTs: () => string): PageEvent[] {
  const a = call.args;
  const r = call.result ?? {};
  switch (call.method) {
    case 'chat.postMessage':
      return [{ kind: 'message', from: 'bot', channel: a.channel, ts: r.ts ?? nextTs(), threadTs: a.thread_ts, text: a.text, blocks: a.blocks }];
    case 'chat.postEphemeral':
      return [{ kind: 'message', from: 'bot', ephemeral: true, channel: a.channel, ts: r.message_ts ?? nextTs(), threadTs: a.thread_ts, text: a.text, blocks: a.blocks }];
    case 'chat.update':
      return [{ kind: 'update', channel: a.channel, ts: a.ts, text: a.text, blocks: a.blocks }];
    case 'chat.delete':
      return [{ kind: 'delete', channel: a.channel, ts: a.ts }];
    case 'chat.unfurl':
      return [{ kind: 'unfurl', channel: a.channel, ts: a.ts, unfurls: a.unfurls }];
    case 'assistant.threads.setStatus':
      return [{ kind: 'status', channel: a.channel_id, threadTs: a.thread_ts, status: a.status }];
    case 'assistant.threads.setSuggestedPrompts':
      return [{ kind: 'prompts', channel: a.channel_id, threadTs: a.thread_ts, title: a.title, prompts: a.prompts }];
    case 'views.publish':
      return [{ kind: 'home', view: a.view }];
    case 'response_url': {
      const where = target(call.path.split('/').pop() ?? '');
      if (!where) return [];
      const original = where.messageTs;
      if (a.delete_original) return original ? [{ kind: 'delete', channel: where.channel, ts: original }] : [];
      if (a.replace_original === true && original) return [{ kind: 'update', channel: where.channel, ts: original, text: a.text, blocks: a.blocks }];
      return [{ kind: 'message', from: 'bot', ephemeral: a.response_type !== 'in_channel', channel: where.channel, threadTs: where.threadTs, ts: nextTs(), text: a.text, blocks: a.blocks }];
    }
    default:
      return [];
  }
}
