import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, SEED, type Harness } from './support/slack-harness.ts';
import { eventBody } from '../src/playground/slack-requests.ts';
import { BOT_USER_ID } from '../src/playground/fake-slack-api.ts';

/**
 * What a channel member pastes, uploads or names a file must never come back
 * as Slack markup: no @channel / @here ping, no user mention, no disguised
 * link — in the blocks, in the fallback text (notifications, previews), or
 * in the progress message. Through the real app over signed HTTP.
 */
const LIVE = /<!channel>|<!here>|<!everyone>|<@U0EVIL>|<https:\/\/evil\.example/;
const HOSTILE = '<!channel> <https://evil.example|click me> <@U0EVIL>';

let h: Harness;
let n = 0;
const ts = () => `1700009${String(++n).padStart(3, '0')}.000100`;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

/** Every message and update the bot sent to the channel, as JSON. */
const sent = (channel: string) => JSON.stringify(h.fake.calls.filter((c) => ['chat.postMessage', 'chat.update'].includes(c.method) && c.args.channel === channel).map((c) => c.args));

async function replied(channel: string, count = 1): Promise<void> {
  await h.fake.waitFor('chat.postMessage', 0);
  for (let i = 0; i < 200 && h.fake.of('chat.postMessage').filter((c) => c.args.channel === channel && !String(c.args.text).startsWith('⏳')).length < count; i++) await new Promise((r) => setTimeout(r, 25));
  expect(h.fake.of('chat.postMessage').filter((c) => c.args.channel === channel && !String(c.args.text).startsWith('⏳')).length).toBeGreaterThanOrEqual(count);
}

describe('what users paste is never posted back as markup', () => {
  it('a crash line carrying markup, pasted in a code block (Slack sends it escaped)', async () => {
    const escaped = `fatal error: concurrent map writes ${HOSTILE}`.replace(/</g, '&lt;').replace(/>/g, '&gt;');
    await h.send(eventBody({ type: 'app_mention', user: 'U1', text: `<@${BOT_USER_ID}> \`\`\`${escaped}\n${SEED.split('\n').slice(1).join('\n')}\`\`\``, ts: ts(), channel: 'CINJ1' }));
    await replied('CINJ1');
    expect(sent('CINJ1')).toContain('KB 298398');
    expect(sent('CINJ1')).not.toMatch(LIVE);
  });

  it('a file named with markup, big enough for a progress message, holding markup on its matched line', async () => {
    h.fake.failNext('assistant.threads.setStatus', { error: 'not_allowed_token_type' });
    const body = `${'x'.repeat(2 << 20)}\nfatal error: concurrent map writes ${HOSTILE}\n${SEED.split('\n').slice(1).join('\n')}`;
    const file = h.fake.addFile(`${HOSTILE}.log`, body);
    await h.send(eventBody({ type: 'message', channel_type: 'im', subtype: 'file_share', user: 'U1', text: 'what is this', ts: ts(), channel: 'DINJ2', files: [file] }));
    await replied('DINJ2');
    const all = sent('DINJ2');
    expect(all).toContain('⏳');
    expect(all).toContain('KB 298398');
    expect(all).not.toMatch(LIVE);
  });
});
