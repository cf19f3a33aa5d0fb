import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/slack-harness.ts';
import { eventBody, interactionBody } from '../src/playground/slack-requests.ts';
import { answer } from '../src/core/answer/answer.ts';
import { realKb } from './support/kb.ts';
import type { SlackCall } from '../src/playground/fake-slack-api.ts';

const kb = realKb();
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const opened = (user: string, channel: string, tab: 'home' | 'messages') => eventBody({ type: 'app_home_opened', user, channel, tab, event_ts: `${Date.now() / 1000}` });
const threadStarted = (user: string, channel: string, threadTs: string) =>
  eventBody({ type: 'assistant_thread_started', assistant_thread: { user_id: user, channel_id: channel, thread_ts: threadTs, context: {} }, event_ts: threadTs });
const buttonsOf = (c: SlackCall) =>
  (c.args.blocks as { type: string; elements?: { action_id: string; value?: string; text: { text: string } }[] }[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);

describe('what the DM offers before the first question', () => {
  it('an assistant thread gets suggested prompts from the live knowledge, each of which kb-bot can answer', async () => {
    const before = h.fake.of('assistant.threads.setSuggestedPrompts').length;
    await h.send(threadStarted('U0WELC1', 'D0WELC1', '1700008001.000100'));
    const [call] = (await h.fake.waitFor('assistant.threads.setSuggestedPrompts', before + 1)).slice(before);
    expect(call?.args).toMatchObject({ channel_id: 'D0WELC1', thread_ts: '1700008001.000100' });
    const prompts = call?.args.prompts as { title: string; message: string }[];
    expect(prompts.length).toBeGreaterThanOrEqual(2);
    expect(prompts.length).toBeLessThanOrEqual(4);
    for (const p of prompts) {
      expect(p.title.length).toBeGreaterThan(0);
      const a = answer(kb, p.message);
      expect([a.intent, a.articles.length > 0]).toEqual([expect.not.stringMatching(/^none$/), true]);
    }
    // A version prompt names a release line an article lists.
    expect(prompts.map((p) => p.message).join('\n')).toMatch(/is TAS \d+\.\d+\.\d+ affected\?/);
  });

  it('without an assistant thread, the first opening of the DM gets one welcome message with example buttons; later openings none', async () => {
    const before = h.fake.of('chat.postMessage').length;
    await h.send(opened('U0WELC2', 'D0WELC2', 'messages'));
    const [welcome] = (await h.fake.waitFor('chat.postMessage', before + 1)).slice(before);
    expect(welcome?.args.channel).toBe('D0WELC2');
    expect(String(welcome?.args.text)).toMatch(/^Hi, I'm kb-bot/);
    const buttons = buttonsOf(welcome!);
    expect(buttons.map((b) => b.action_id)).toEqual(buttons.map((_, i) => `kb_example_${i}`));
    expect(buttons.length).toBeGreaterThanOrEqual(2);
    // Opened again (and App Home opened, the positive control): App Home is published, no second welcome.
    const views = h.fake.of('views.publish').length;
    await h.send(opened('U0WELC2', 'D0WELC2', 'messages'));
    await h.send(opened('U0WELC2', 'D0WELC2', 'home'));
    await h.fake.waitFor('views.publish', views + 1);
    expect(h.fake.of('chat.postMessage').slice(before).filter((c) => c.args.channel === 'D0WELC2')).toHaveLength(1);
  });

  it('a user who got suggested prompts gets no welcome message as well', async () => {
    const prompts = h.fake.of('assistant.threads.setSuggestedPrompts').length;
    await h.send(threadStarted('U0WELC3', 'D0WELC3', '1700008003.000100'));
    await h.fake.waitFor('assistant.threads.setSuggestedPrompts', prompts + 1);
    const views = h.fake.of('views.publish').length;
    await h.send(opened('U0WELC3', 'D0WELC3', 'messages'));
    await h.send(opened('U0WELC3', 'D0WELC3', 'home'));
    await h.fake.waitFor('views.publish', views + 1);
    expect(h.fake.of('chat.postMessage').filter((c) => c.args.channel === 'D0WELC3')).toEqual([]);
  });

  it('an example button is answered in the DM', async () => {
    const before = h.fake.of('chat.postMessage').length;
    await h.send(opened('U0WELC4', 'D0WELC4', 'messages'));
    const [welcome] = (await h.fake.waitFor('chat.postMessage', before + 1)).slice(before);
    const version = buttonsOf(welcome!).find((b) => /affected\?$/.test(b.value ?? ''))!;
    await h.send(
      interactionBody({
        type: 'block_actions',
        user: { id: 'U0WELC4' },
        channel: { id: 'D0WELC4' },
        container: { type: 'message', channel_id: 'D0WELC4', message_ts: String(welcome?.result?.ts), is_ephemeral: false },
        actions: [{ type: 'button', action_id: version.action_id, value: version.value, block_id: 'kb_welcome', action_ts: '1' }],
      }),
    );
    const [reply] = (await h.fake.waitFor('chat.postMessage', before + 2)).slice(before + 1);
    expect(reply?.args.channel).toBe('D0WELC4');
    const product = /is (\w+ [\d.]+) affected\?/.exec(version.value ?? '')?.[1] ?? '';
    expect(String(reply?.args.text)).toContain(product);
    expect(JSON.stringify(reply?.args.blocks)).toContain(`asked: ${version.value}`);
  });
});
