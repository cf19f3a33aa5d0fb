import { articleLabel } from '../src/core/model/article-label.ts';
import { SHOWN } from '../src/slack/knowledge-gaps.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogLevel } from '@slack/bolt';
import { startHarness, type Harness } from './support/slack-harness.ts';
import { commandBody, eventBody, interactionBody } from '../src/playground/slack-requests.ts';
import { BOT_USER_ID, type SlackCall } from '../src/playground/fake-slack-api.ts';
import { createBot } from '../src/app/create-bot.ts';
import { jsonLogger } from '../src/observe/json-logger.ts';
import { MemoryStore } from '../src/store/memory-store.ts';
import { noteGap, readGaps, scrub, PRIVATE_QUESTION, WEEKS } from '../src/slack/knowledge-gaps.ts';
import { realKb } from './support/kb.ts';
import { answer } from '../src/core/answer/answer.ts';

let h: Harness;
let n = 0;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const ts = () => `1700009${String(++n).padStart(3, '0')}.000100`;

/** Asks and waits for the answer (a response_url post for /kb, a threaded reply otherwise). */
async function ask(how: 'command' | 'command-private' | 'dm' | 'mention', user: string, text: string): Promise<void> {
  const before = h.fake.calls.length;
  if (how.startsWith('command')) {
    const id = `gap${++n}`;
    const body = commandBody({ text, user_id: user, channel_id: 'C0GAPS', response_url: `${h.fake.url}/response/${id}` });
    await h.send({ ...body, body: body.body.replace('channel_name=incidents', `channel_name=${how === 'command' ? 'incidents' : 'privategroup'}`) });
    while (!h.fake.calls.slice(before).some((c) => c.path === `/response/${id}`)) await nextCall();
    return;
  }
  const t = ts();
  const channel = how === 'dm' ? 'D0GAPS' : 'C0GAPS';
  await h.send(eventBody(how === 'dm' ? { type: 'message', channel_type: 'im', user, text, ts: t, channel } : { type: 'app_mention', user, text: `<@${BOT_USER_ID}> ${text}`, ts: t, channel }));
  while (!h.fake.calls.slice(before).some((c) => c.method === 'chat.postMessage' && c.args.thread_ts === t)) await nextCall();
}

const nextCall = () => new Promise<void>((resolve) => h.fake.once('call', () => resolve()));

async function home(user: string): Promise<{ all: string; activity: string; gaps: string }> {
  const before = h.fake.of('views.publish').length;
  await h.send(eventBody({ type: 'app_home_opened', user, channel: 'D0GAPS', tab: 'home' }));
  const views = await h.fake.waitFor('views.publish', before + 1);
  const view = views.slice(before).find((c: SlackCall) => c.args.user_id === user)!;
  const blocks = (view.args.view as { blocks: { text?: { text: string }; elements?: { text: string }[] }[] }).blocks.map((b) => b.text?.text ?? b.elements?.map((e) => e.text).join(' ') ?? '');
  const at = (title: string) => blocks.findIndex((t) => t.includes(title));
  return {
    all: blocks.join('\n'),
    activity: blocks.slice(at('*Your recent activity*'), at('*Your recent activity*') + 2).join('\n'),
    gaps: blocks.slice(at('*Knowledge gaps*'), at('*Your recent activity*')).join('\n'),
  };
}

describe('App Home: knowledge gaps for the maintainers, and only your own activity', () => {
  beforeAll(async () => {
    await ask('command', 'U0GAP1', 'how do I resize the blobstore volume on 10.0.16.5?');
    await ask('command', 'U0GAP3', 'how do I resize the blobstore volume on 10.0.16.9?');
    await ask('dm', 'U0GAP1', 'is TAS 2.12.4 affected?');
    await ask('dm', 'U0GAP2', "does acme-bank's merger need the quota bumped");
    await ask('command-private', 'U0GAP1', 'what does our zebra unicorn do');
    await ask('mention', 'U0GAP2', 'fatal error: out of memory\n\ngoroutine 1 [running]:\nmain.(*Cache).grow(0xc000010000)\n\t/app/cache.go:88 +0x1f\nmain.main()\n\t/app/main.go:12 +0x25\n');
    await h.send(interactionBody({ type: 'block_actions', user: { id: 'U0GAP3' }, channel: { id: 'C0GAPS' }, container: { type: 'message', channel_id: 'C0GAPS', message_ts: '1700009999.000100' }, response_url: `${h.fake.url}/response/gapvote`, actions: [{ type: 'button', action_id: 'kb_feedback_down', value: '298173:version', block_id: 'b', action_ts: '1' }] }));
    while (!h.fake.calls.some((c) => c.path === '/response/gapvote')) await nextCall();
  });

  it('counts questions that found nothing, with the text only of those asked in public channels', async () => {
    const { gaps } = await home('U0GAP1');
    expect(gaps).toContain('how do I resize the blobstore volume on &lt;ip&gt;? — 2×');
    expect(gaps).toContain(`${PRIVATE_QUESTION} — 2×`);
    expect(gaps).toMatch(/crash: .*in main\.\(\*Cache\)\.grow — 1×/);
  });

  it('counts release lines an article leaves out, and the most 👎 answers (people, not names)', async () => {
    const { gaps } = await home('U0GAP1');
    const unknown = answer(realKb(), 'is TAS 2.12.4 affected?').versions.filter((v) => v.status === 'unknown');
    expect(unknown.length).toBeGreaterThan(0);
    // Each row names an article whose table leaves TAS 2.12 out; as many rows as fit the section (SHOWN).
    const rows = [...gaps.matchAll(/TAS 2\.12, not in <[^|]+\|([^>]+)>'s table — 1×/g)].map((m) => m[1]);
    expect(rows.length).toBe(Math.min(unknown.length, SHOWN));
    for (const row of rows) expect(unknown.map((v) => articleLabel(v.article))).toContain(row);
    expect(gaps).toMatch(/KB 298173>? .*\(version answers\) — 1 person/);
  });

  it('never shows text from DMs or private channels, nor who asked', async () => {
    for (const user of ['U0GAP1', 'U0GAP2', 'U0GAP3']) {
      const { all } = await home(user);
      expect(all).not.toMatch(/acme|merger|zebra|unicorn/);
      expect(all).not.toMatch(/U0GAP\d/);
    }
  });

  it('shows each viewer only their own recent activity', async () => {
    const [one, two, nobody] = [await home('U0GAP1'), await home('U0GAP2'), await home('U0GAP9')];
    expect(one.activity).toContain('DM: versions of TAS 2.12.4');
    expect(one.activity).toContain('/kb: found nothing');
    expect(one.activity).not.toContain('mention');
    expect(two.activity).toContain('mention: a crash no article matches');
    expect(two.activity).toContain('DM: found nothing');
    expect(two.activity).not.toContain('TAS 2.12.4');
    expect(nobody.activity).toContain('Nothing yet');
  });
});

describe('gaps are kept for a few weeks', () => {
  const week = 7 * 24 * 60 * 60 * 1000;
  it.each([
    ['this week', 1, 0],
    [`${WEEKS - 1} weeks ago`, 1, WEEKS - 1],
    [`${WEEKS} weeks ago`, 0, WEEKS],
  ])('a gap noted %s is shown %i time(s)', async (_, shown, weeksAgo) => {
    let now = 1_800_000_000_000;
    const store = new MemoryStore(() => now);
    const bot = createBot({ kb: realKb, logger: jsonLogger(() => {}, LogLevel.ERROR), botToken: 'xoxb-x', store });
    await noteGap(bot, 'uncovered', 'TAS 2.12.4', 1, now - weeksAgo * week);
    expect((await readGaps(bot, now)).uncovered.length).toBe(shown);
    now += (WEEKS + 1) * week;
    expect((await readGaps(bot, now)).uncovered).toEqual([]);
  });

  it.each([
    ['<@U0ABC123> is <https://x.example/a|this> known?', 'is <link> known?'],
    ['ping ops@example.com about 10.1.2.3:8443', 'ping <email> about <ip>'],
    ['trace id 4bf92f3577b34da6a3ce929d0e0e4736 and 12345678', 'trace id <id> and <id>'],
    ['is TAS 2.13.20 affected by KB 298398?', 'is TAS 2.13.20 affected by KB 298398?'],
  ])('an example is scrubbed: %s', (text, scrubbed) => {
    expect(scrub(text)).toBe(scrubbed);
  });
});
