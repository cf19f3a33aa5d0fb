import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startHarness, SEED, type Harness } from './support/slack-harness.ts';
import { eventBody } from '../src/playground/slack-requests.ts';
import { BOT_USER_ID, type SlackCall } from '../src/playground/fake-slack-api.ts';

const EXAMPLE = readFileSync(fileURLToPath(new URL('../examples/gorouter.stderr.log', import.meta.url)), 'utf8');
/** About `mb` megabytes of the example's gorouter stderr lines, ending in the seed crash. */
function bigLog(mb: number): string {
  const noise = `${EXAMPLE.split('\n').slice(0, 2001).join('\n')}\n`.repeat(Math.ceil((mb * 1024 * 1024) / EXAMPLE.length) + 1);
  const cut = noise.lastIndexOf('\n', mb * 1024 * 1024 - SEED.length) + 1;
  return noise.slice(0, cut) + SEED;
}

let h: Harness;
let n = 0;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const ts = () => `1700006${String(++n).padStart(3, '0')}.000100`;
const inThread = (channel: string, threadTs: string) => (c: SlackCall) =>
  (c.args.channel === channel || c.args.channel_id === channel) && (c.args.thread_ts === threadTs || c.method === 'chat.update' || c.method === 'chat.delete');

/** The calls about one thread, as "method status-or-text". */
function story(channel: string, threadTs: string, from: number): string[] {
  return h.fake.calls.slice(from).filter(inThread(channel, threadTs)).map((c) => {
    if (c.method === 'assistant.threads.setStatus') return `status "${String(c.args.status)}"`;
    if (c.method === 'chat.postMessage') return String(c.args.text).startsWith('⏳') ? `progress "${String(c.args.text)}"` : 'answer';
    return `${c.method} "${String(c.args.text ?? c.args.ts)}"`;
  });
}

async function answerIn(channel: string, threadTs: string): Promise<SlackCall> {
  for (;;) {
    const posts = await h.fake.waitFor('chat.postMessage', h.fake.of('chat.postMessage').length, 10_000);
    const answer = posts.find((c) => c.args.channel === channel && c.args.thread_ts === threadTs && !String(c.args.text).startsWith('⏳'));
    if (answer) return answer;
    await new Promise<void>((resolve) => h.fake.once('call', () => resolve()));
  }
}

/** Waits until the work is over: the thread's status cleared, or its progress message deleted. */
async function settled(channel: string, from: number): Promise<void> {
  const over = () => h.fake.calls.slice(from).some((c) => (c.method === 'assistant.threads.setStatus' && c.args.status === '' && c.args.channel_id === channel) || (c.method === 'chat.delete' && c.args.channel === channel));
  while (!over()) await new Promise<void>((resolve) => h.fake.once('call', () => resolve()));
}

describe('progress on long work', () => {
  it('a 2 MB upload in a DM: the thread status says what is read, then clears once the answer is posted', async () => {
    const t = ts();
    const from = h.fake.calls.length;
    const file = h.fake.addFile('gorouter.stderr.log', bigLog(2));
    await h.send(eventBody({ type: 'message', channel_type: 'im', subtype: 'file_share', user: 'U0PROG', text: 'what is this?', ts: t, channel: 'D0PROG1', files: [file] }));
    await answerIn('D0PROG1', t);
    await settled('D0PROG1', from);
    expect(story('D0PROG1', t, from)).toEqual([
      'status "is reading gorouter.stderr.log (2.0 MB)…"',
      'status "is looking for known crashes in 2.0 MB…"',
      'answer',
      'status ""',
    ]);
  });

  it('where the thread status is not available: a message, updated in place, deleted once the answer is there', async () => {
    h.fake.failNext('assistant.threads.setStatus', { error: 'not_allowed_token_type' });
    const t = ts();
    const from = h.fake.calls.length;
    const file = h.fake.addFile('router.log', bigLog(1.5));
    await h.send(eventBody({ type: 'app_mention', subtype: 'file_share', user: 'U0PROG', text: `<@${BOT_USER_ID}> seen this?`, ts: t, channel: 'C0PROG2', files: [file] }));
    await answerIn('C0PROG2', t);
    await settled('C0PROG2', from);
    const progress = h.fake.calls.slice(from).find((c) => c.method === 'chat.postMessage' && String(c.args.text).startsWith('⏳'));
    const progressTs = String(progress?.result?.ts);
    expect(story('C0PROG2', t, from)).toEqual([
      'progress "⏳ kb-bot is reading router.log (1.5 MB)…"',
      'chat.update "⏳ kb-bot is looking for known crashes in 1.5 MB…"',
      'answer',
      `chat.delete "${progressTs}"`,
    ]);
    expect(h.fake.of('chat.update').at(-1)?.args.ts).toBe(progressTs);
  });

  it('a small file whose download takes long shows progress once it has taken a second, and clears it', async () => {
    const release = h.fake.holdFiles();
    const t = ts();
    const from = h.fake.calls.length;
    const file = h.fake.addFile('app.log', SEED);
    await h.send(eventBody({ type: 'message', channel_type: 'im', subtype: 'file_share', user: 'U0PROG', text: '', ts: t, channel: 'D0PROG3', files: [file] }));
    const [status] = (await h.fake.waitFor('assistant.threads.setStatus', h.fake.of('assistant.threads.setStatus').length + 1)).slice(-1);
    expect(status?.args).toMatchObject({ channel_id: 'D0PROG3', thread_ts: t, status: 'is reading app.log (1 KB)…' });
    expect(story('D0PROG3', t, from)).not.toContain('answer');
    release();
    await answerIn('D0PROG3', t);
    await settled('D0PROG3', from);
    expect(story('D0PROG3', t, from).slice(-2)).toEqual(['answer', 'status ""']);
  });

  it.each([
    ['a quick question in a DM', { type: 'message', channel_type: 'im', text: 'is TAS 2.13.20 affected?', channel: 'D0PROG4' }],
    ['a big upload in a channel nobody asked about (a passive reply)', { type: 'message', channel_type: 'channel', subtype: 'file_share', text: '', channel: 'C0PROG5', big: true }],
  ])('%s shows no progress (the answer itself arrives)', async (_, fields) => {
    const { big, ...event } = fields as typeof fields & { big?: boolean };
    const t = ts();
    const from = h.fake.calls.length;
    const files = big ? [h.fake.addFile('gorouter.stderr.log', bigLog(1.2))] : undefined;
    await h.send(eventBody({ ...event, user: 'U0PROG', ts: t, ...(files ? { files } : {}) }));
    await answerIn(event.channel, t);
    expect(story(event.channel, t, from)).toEqual(['answer']);
  });
});
