import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerCache, cacheText, type AnswerKey } from '../src/slack/answer-cache.ts';
import { answer } from '../src/core/answer/answer.ts';
import { prepare, type Prepared } from '../src/core/answer/prepare.ts';
import { renderBlocks } from '../src/render/render-blocks.ts';
import { eventBody, interactionBody } from '../src/playground/slack-requests.ts';
import { BOT_USER_ID } from '../src/playground/fake-slack-api.ts';
import { realKb } from './support/kb.ts';
import { startHarness, SEED, type Harness } from './support/slack-harness.ts';

const kb = realKb();
const key = (over: Partial<AnswerKey> = {}): AnswerKey => ({ version: kb.knowledge.version, via: 'mention', text: '<@UKBBOT0001> is TAS 2.13.20 affected?', context: '', ...over });

/** Counts how often the cache had to compute. */
function counting(cache: AnswerCache) {
  let computed = 0;
  const ask = (k: AnswerKey) => cache.answer(k, () => (computed++, { answer: answer(kb, k.text) }));
  return { ask, computed: () => computed };
}

describe('the answer cache', () => {
  it.each<[string, AnswerKey, AnswerKey, boolean]>([
    ['the same question again', key(), key(), true],
    ['another knowledge version', key(), key({ version: 'v-next' }), false],
    ['another entry point', key(), key({ via: 'dm' }), false],
    ['another thread context', key(), key({ context: '298398' }), false],
    ['other text', key(), key({ text: '<@UKBBOT0001> is TAS 2.13.21 affected?' }), false],
    ['the same long paste', key({ text: SEED.repeat(8) }), key({ text: SEED.repeat(8) }), true],
    ['a long paste differing in its last byte', key({ text: `${SEED.repeat(8)}a` }), key({ text: `${SEED.repeat(8)}b` }), false],
  ])('%s', (_, first, second, hit) => {
    const c = counting(new AnswerCache(10));
    c.ask(first);
    c.ask(second);
    expect(c.computed()).toBe(hit ? 1 : 2);
  });

  it.each([2, 3, 10])('keeps at most %i answers, dropping the least recently used', (max) => {
    const c = counting(new AnswerCache(max));
    const texts = Array.from({ length: max + 1 }, (_, i) => `is TAS 2.13.${20 + i} affected?`);
    for (const t of texts.slice(0, max)) c.ask(key({ text: t }));
    c.ask(key({ text: texts[0] as string })); // used again: now the most recent
    c.ask(key({ text: texts[max] as string })); // one too many: the least recently used (texts[1]) goes
    expect(c.computed()).toBe(max + 1);
    c.ask(key({ text: texts[0] as string }));
    expect(c.computed()).toBe(max + 1);
    c.ask(key({ text: texts[1] as string }));
    expect(c.computed()).toBe(max + 2);
  });

  it('with 0 entries computes every time', () => {
    const c = counting(new AnswerCache(0));
    c.ask(key());
    c.ask(key());
    expect(c.computed()).toBe(2);
  });

  it('hands out answers equal to a fresh one, whose notices can be added to, and whose other parts cannot change', () => {
    const cache = new AnswerCache(10);
    const compute = () => ({ answer: answer(kb, key().text) });
    cache.answer(key(), compute);
    const a = cache.answer(key(), compute).answer;
    expect(a).toEqual(answer(kb, key().text));
    a.notices.push('a notice for this reply only');
    expect(cache.answer(key(), compute).answer.notices).not.toContain('a notice for this reply only');
    expect(() => a.versions.push(a.versions[0] as never)).toThrow(TypeError);
  });

  it('renders once per distinct answer, with the blocks serialised', () => {
    const cache = new AnswerCache(10);
    const a = answer(kb, SEED);
    let renders = 0;
    const render = (x: typeof a) => cache.render(kb.knowledge.version, x, {}, () => (renders++, renderBlocks(x)));
    const first = render(a);
    expect(render({ ...a })).toBe(first);
    expect(JSON.parse(first.blocksJson)).toEqual(renderBlocks(a).blocks);
    render({ ...a, notices: [...a.notices, 'one more'] });
    render({ ...a, traces: [] });
    expect(renders).toBe(3);
  });

  it.each([['short', 'short'], ['x'.repeat(5000), /^sha256:/]])('keys %#: short texts as they are, long ones by digest', (text, want) => {
    expect(cacheText(text)).toMatch(want instanceof RegExp ? want : new RegExp(`^${want}$`));
  });
});

describe('answers from the cache in Slack', () => {
  let h: Harness;
  let live: Prepared = kb;
  beforeAll(async () => {
    h = await startHarness({ kb: () => live });
  });
  afterAll(async () => h.close());

  const mention = async (channel: string, ts: string) => {
    const before = h.fake.of('chat.postMessage').length;
    await h.send(eventBody({ type: 'app_mention', user: 'U7', text: `<@${BOT_USER_ID}> is TAS 2.13.20 affected?`, ts, channel }));
    return (await h.fake.waitFor('chat.postMessage', before + 1)).at(-1) as { args: Record<string, unknown> };
  };

  it('gives the same question the same reply, and a reloaded knowledge base its own', async () => {
    const first = await mention('CCACHE1', '1700100001.000100');
    const again = await mention('CCACHE2', '1700100002.000100');
    // Equal but for the per-message id of a saved answer ("Show all").
    const same = (c: { args: Record<string, unknown> }) => JSON.stringify(c.args.blocks).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'ID');
    expect(same(again)).toBe(same(first));
    expect(again.args.text).toBe(first.args.text);
    expect(JSON.stringify(first.args.blocks)).toContain('298398');
    // A reload without KB 298398: the cached reply must not outlive it.
    live = prepare({ ...kb.knowledge, articles: kb.knowledge.articles.filter((a) => a.id !== '298398'), version: `${kb.knowledge.version}-reloaded` });
    const after = await mention('CCACHE3', '1700100003.000100');
    expect(JSON.stringify(after.args.blocks)).not.toContain('KB 298398');
    expect(same(after)).not.toBe(same(first));
    live = kb;
  });

  it.each(['CSHOW1', 'CSHOW2'])('a cached reply in %s still carries its own working "Show all"', async (channel) => {
    const reply = await mention(channel, channel === 'CSHOW1' ? '1700100011.000100' : '1700100012.000100');
    const buttons = (reply.args.blocks as { elements?: { action_id: string; value: string }[] }[]).flatMap((b) => b.elements ?? []);
    const showAll = buttons.find((b) => b.action_id === 'kb_show_all');
    expect(showAll?.value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const before = h.fake.of('response_url').length;
    await h.send(interactionBody({ type: 'block_actions', user: { id: 'U7' }, channel: { id: channel }, response_url: `${h.fake.url}/response/${channel}`, actions: [{ type: 'button', action_id: 'kb_show_all', value: showAll?.value, block_id: 'b', action_ts: '1' }] }));
    const [full] = (await h.fake.waitFor('response_url', before + 1)).slice(-1);
    expect(String(full?.args.text)).not.toContain('expired');
    expect(JSON.stringify(full?.args.blocks)).toContain('KB 298398');
  });
});
