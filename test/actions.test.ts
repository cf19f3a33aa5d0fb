import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, until, sleep, type Harness } from './support/slack-harness.ts';
import { commandBody, interactionBody } from '../src/playground/slack-requests.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

let n = 0;
async function askKb(user: string, channel: string): Promise<string> {
  const id = `share-src-${++n}`;
  await h.send(commandBody({ text: 'is TAS 2.13.20 affected?', user_id: user, channel_id: channel, response_url: `${h.fake.url}/response/${id}` }));
  await until(() => h.fake.calls.some((c) => c.path === `/response/${id}`));
  const reply = h.fake.calls.find((c) => c.path === `/response/${id}`)!;
  const blocks = reply.args.blocks as { elements?: { action_id: string; value: string }[] }[];
  return blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'kb_share')!.value;
}
const click = (user: string, channel: string, action: string, value: string, responseId: string) =>
  h.send(interactionBody({ type: 'block_actions', user: { id: user }, channel: { id: channel }, response_url: `${h.fake.url}/response/${responseId}`, actions: [{ type: 'button', action_id: action, value, block_id: 'b', action_ts: String(++n) }] }));
const postsIn = (channel: string) => h.fake.of('chat.postMessage').filter((c) => c.args.channel === channel);
const responseText = async (id: string) => {
  await until(() => h.fake.calls.some((c) => c.path === `/response/${id}`));
  return String(h.fake.calls.find((c) => c.path === `/response/${id}`)!.args.text);
};

describe('Share in channel', () => {
  it('posts only for the asker, in the channel asked in, and once however often it is clicked', async () => {
    const share = await askKb('UASKER', 'CSHARE1');
    await click('UOTHER', 'CSHARE1', 'kb_share', share, 'sh-other');
    expect(await responseText('sh-other')).toMatch(/not yours to share/);
    await click('UASKER', 'CELSEWHERE', 'kb_share', share, 'sh-elsewhere');
    expect(await responseText('sh-elsewhere')).toMatch(/not yours to share/);
    expect(postsIn('CELSEWHERE')).toEqual([]);
    await click('UASKER', 'CSHARE1', 'kb_share', share, 'sh-1');
    await until(() => postsIn('CSHARE1').length === 1);
    await click('UASKER', 'CSHARE1', 'kb_share', share, 'sh-2');
    await sleep(300);
    expect(postsIn('CSHARE1')).toHaveLength(1);
  });
});

describe('a shared answer', () => {
  it('keeps its "Show all" button, and anyone in the channel can open it in full', async () => {
    const share = await askKb('UASKER', 'CSHARE2');
    await click('UASKER', 'CSHARE2', 'kb_share', share, 'sh2-1');
    await until(() => postsIn('CSHARE2').length === 1);
    const posted = postsIn('CSHARE2')[0]!.args.blocks as { elements?: { action_id: string; value?: string }[] }[];
    const showAll = posted.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'kb_show_all');
    expect(showAll?.value).toBe(share);
    await click('UOTHER', 'CSHARE2', 'kb_show_all', showAll!.value!, 'sh2-all');
    await until(() => h.fake.calls.some((c) => c.path === '/response/sh2-all'));
    const full = h.fake.calls.find((c) => c.path === '/response/sh2-all')!;
    expect(JSON.stringify(full.args.blocks)).toContain('KB 298173');
    expect(String(full.args.text)).not.toMatch(/expired/);
  });
});

describe('feedback', () => {
  it('forged article values do not become metric labels', async () => {
    for (let i = 0; i < 5; i++) await click('U1', 'C1', 'kb_feedback_down', `forged-${i}-${'x'.repeat(50)}:trace`, `fb-${i}`);
    await click('U1', 'C1', 'kb_feedback_up', '298398:trace', 'fb-real');
    await responseText('fb-real');
    const metrics = await (await fetch(`${h.bot.url}/metrics`)).text();
    expect(metrics).not.toMatch(/forged/);
    expect(metrics).not.toMatch(/kb_feedback_total\{[^}]*vote="down"/);
    expect(metrics).toMatch(/kb_feedback_people\{article="298398",vote="up"\} 1/);
  });
});
