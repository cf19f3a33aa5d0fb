import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/slack-harness.ts';
import { eventBody, interactionBody } from '../src/playground/slack-requests.ts';
import { articleForUrl } from '../src/slack/article-for-url.ts';
import { realKb } from './support/kb.ts';
import type { SlackCall } from '../src/playground/fake-slack-api.ts';

const kb = realKb();
let h: Harness;
let n = 0;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('which article a shared link points to', () => {
  it.each([
    ['https://knowledge.broadcom.com/external/article/298398', '298398'],
    ['https://knowledge.broadcom.com/external/article/298398/', '298398'],
    ['https://knowledge.broadcom.com/external/article/298398/gorouter-process-crash-due-to-race-condition.html', '298398'],
    ['https://knowledge.broadcom.com/external/article/298398?utm_source=slack&amp;utm_medium=chat', '298398'],
    ['http://www.knowledge.broadcom.com/external/article/298398#resolution', '298398'],
    ['HTTPS://KNOWLEDGE.BROADCOM.COM/external/article/298165', '298165'],
    ['https://knowledge.broadcom.com/external/article?articleNumber=298173', '298173'],
    ['https://github.com/cloudfoundry/routing-release/releases/tag/v0.266.0', 'routing-0.262.0'],
    ['https://knowledge.broadcom.com/external/article/2983981', undefined],
    ['https://knowledge.broadcom.com/external/article/29839', undefined],
    ['https://knowledge.broadcom.com/external/article/999999', undefined],
    ['https://knowledge.broadcom.com/external/', undefined],
    ['https://github.com/cloudfoundry/routing-release/releases/tag/v0.266.0-rc.1', undefined],
    ['https://example.com/external/article/298398', undefined],
    ['ftp://knowledge.broadcom.com/external/article/298398', undefined],
    ['not a url', undefined],
  ])('%s → %s', (url, id) => {
    expect(articleForUrl(kb, url)?.id).toBe(id);
  });

  it("every article's own url is unfurled as that article", () => {
    for (const a of kb.knowledge.articles) expect(articleForUrl(kb, a.url)?.id).toBe(a.id);
  });
});

const linkShared = (links: string[], extra: Record<string, unknown> = {}) => {
  const ts = `1700007${String(++n).padStart(3, '0')}.000100`;
  const event = { type: 'link_shared', channel: 'C0UNFURL', is_bot_user_member: true, user: 'U0LINKS', message_ts: ts, source: 'conversations_history', links: links.map((url) => ({ domain: new URL(url).hostname, url })), ...extra };
  return { ts, event: eventBody(event) };
};

const unfurlsOf = (c: SlackCall) => c.args.unfurls as Record<string, { blocks: { type: string; text?: { text: string }; elements?: { action_id?: string; text?: string | { text: string }; value?: string }[] }[] }>;

describe('link_shared → chat.unfurl', () => {
  it('unfurls an article link once (however often Slack retries), with the card, and leaves other links alone', async () => {
    const article = 'https://knowledge.broadcom.com/external/article/298398?utm_source=slack';
    const other = 'https://knowledge.broadcom.com/external/article/100001';
    const { ts, event } = linkShared([article, other]);
    const before = h.fake.of('chat.unfurl').length;
    await h.send(event);
    await h.send(event, 1);
    const [call] = (await h.fake.waitFor('chat.unfurl', before + 1)).slice(before);
    expect(call?.args).toMatchObject({ channel: 'C0UNFURL', ts });
    const unfurls = unfurlsOf(call!);
    expect(Object.keys(unfurls)).toEqual([article]);
    const card = JSON.stringify(unfurls[article]);
    const a = kb.articles.get('298398')!;
    expect(card).toContain(a.title.replace(/"/g, '\\"'));
    expect(card).toContain('Gorouters built with Go 1.20 or later can exit with the runtime error');
    expect(card).toContain('KB 298398 is fixed in TAS 2.11.52, 2.13.34, 4.0.16, 5.0.6 (no fix on 3.0');
    const buttons = unfurls[article]!.blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []).map((e) => [e.action_id, e.value]);
    expect(buttons).toEqual([['kb_mitigation', '298398'], ['kb_versions', '298398']]);
    // The retry was the same event: still one unfurl once the next event has been handled.
    const next = linkShared(['https://knowledge.broadcom.com/external/article/298165']);
    await h.send(next.event);
    await h.fake.waitFor('chat.unfurl', before + 2);
    expect(h.fake.of('chat.unfurl').slice(before).map((c) => c.args.ts)).toEqual([ts, next.ts]);
  });

  it('unfurls a link still in the composer by its unfurl id', async () => {
    const url = 'https://knowledge.broadcom.com/external/article/298336';
    const { event } = linkShared([url], { source: 'composer', message_ts: 'U0LINKS-909b5454-75f8-4ac4-b325-1b40e230bbd8', unfurl_id: 'C0UNFURL.1700007999.000100.1b90fa1278528ce6e2f6c5c2bfa1abc9' });
    const before = h.fake.of('chat.unfurl').length;
    await h.send(event);
    const [call] = (await h.fake.waitFor('chat.unfurl', before + 1)).slice(before);
    expect(call?.args).toMatchObject({ unfurl_id: 'C0UNFURL.1700007999.000100.1b90fa1278528ce6e2f6c5c2bfa1abc9', source: 'composer' });
    expect(call?.args.ts).toBeUndefined();
    expect(Object.keys(unfurlsOf(call!))).toEqual([url]);
  });

  it('an unknown link gets no unfurl (a known one sent after it does)', async () => {
    const unknown = linkShared(['https://knowledge.broadcom.com/external/article/123456', 'https://knowledge.broadcom.com/search?q=gorouter']);
    const known = linkShared(['https://knowledge.broadcom.com/external/article/297408']);
    const before = h.fake.of('chat.unfurl').length;
    await h.send(unknown.event);
    await h.send(known.event);
    await h.fake.waitFor('chat.unfurl', before + 1);
    expect(h.fake.of('chat.unfurl').slice(before).map((c) => c.args.ts)).toEqual([known.ts]);
  });

  it("the card's buttons work: Mitigation from an unfurl shows the steps", async () => {
    await h.send(
      interactionBody({
        type: 'block_actions',
        user: { id: 'U0LINKS' },
        channel: { id: 'C0UNFURL' },
        container: { type: 'message_attachment', message_ts: '1700007001.000100', attachment_id: 1, channel_id: 'C0UNFURL', is_ephemeral: false, is_app_unfurl: true },
        response_url: `${h.fake.url}/response/unfurl-mit`,
        actions: [{ type: 'button', action_id: 'kb_mitigation', value: '298398', block_id: 'kb_unfurl_298398', action_ts: '1' }],
      }),
    );
    const reply = await new Promise<SlackCall>((resolve) => {
      const check = (c: SlackCall) => c.path === '/response/unfurl-mit' && (h.fake.off('call', check), resolve(c));
      h.fake.on('call', check);
    });
    expect(String(reply.args.text)).toContain('Shorten the interval');
  });
});
