import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { realKb, FIXTURES } from './support/kb.ts';
import { answer } from '../src/core/answer/answer.ts';
import { renderBlocks } from '../src/render/render-blocks.ts';
import { LIMITS } from '../src/render/fit-blocks.ts';
import { startHarness, sleep, SECRET, type Harness } from './support/slack-harness.ts';
import { signRequest } from '../src/playground/sign-request.ts';
import { eventBody } from '../src/playground/slack-requests.ts';

const kb = realKb();
const seed = readFileSync(join(FIXTURES, 'traces/match/seed-verbatim.log'), 'utf8');
const SEED_NUMBER = 424242;

/** Text people paste: words, versions, Slack markup, trace lines, escapes, in any mix. */
const piece = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('TAS', 'IST', 'tasw', 'routing-release', 'KB 298398', '2.13.20', 'v4.0.16+LTS-T', '2.13', '0.269.0', 'srt-10.0.5-build.2.pivotal'),
  fc.constantFrom('<@U123|bob>', '<#C1|general>', '<!here>', '<https://x.example|link>', '*bold*', '_it_', '`code`', '```', '&lt;', '&amp;', '&gt;'),
  fc.constantFrom('fatal error: concurrent map writes', 'panic: runtime error: index out of range [3] with length 2', 'goroutine 1 [running]:', 'net/http.Header.Set(...)', '\t/x/header.go:40 +0x1f', 'created by main.main in goroutine 1', '...additional frames elided...'),
  fc.constantFrom('(((', ')))', '[[[', ':~^+-*', '\r\n', '\n\n', '\t', '\u0000', '\uFFFF', '🙂'),
);
const pasted = fc.array(piece, { maxLength: 60 }).map((xs) => xs.join(' '));

describe('answer() takes anything', () => {
  it('arbitrary text and Slack markup: no throw, within Block Kit limits (a stall fails the test timeout)', () => {
    fc.assert(
      fc.property(pasted, (text) => {
        const a = answer(kb, text);
        const m = renderBlocks(a);
        expect(m.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
        expect(JSON.stringify(m.blocks).length).toBeLessThanOrEqual(LIMITS.totalChars);
        expect(['version', 'trace', 'search', 'article', 'help', 'list', 'none']).toContain(a.intent);
      }),
      { seed: SEED_NUMBER, numRuns: 300 },
    );
  });

  it('giant pastes: the seed crash inside megabytes of noise is still found', () => {
    fc.assert(
      fc.property(pasted, fc.integer({ min: 1, max: 3 }), fc.nat(100), (noise, megabytes, where) => {
        const pad = `${noise}\n`.repeat(Math.ceil((megabytes * 1e6) / (noise.length + 1)));
        const cut = pad.lastIndexOf('\n', Math.floor((pad.length * where) / 100)) + 1;
        const a = answer(kb, pad.slice(0, cut) + seed + pad.slice(cut));
        expect(a.traces.some((t) => t.article === '298398' && t.level === 'exact')).toBe(true);
      }),
      { seed: SEED_NUMBER, numRuns: 8 },
    );
  });
});

describe('the Slack handlers take random event shapes', () => {
  let h: Harness;
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);
  beforeAll(async () => {
    h = await startHarness();
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await h.close();
  });

  const anyValue = fc.oneof(fc.string({ maxLength: 200 }), fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }));
  const event = fc.record(
    {
      type: fc.constantFrom('message', 'app_mention', 'app_home_opened', 'reaction_added', 'nonsense'),
      subtype: fc.option(fc.constantFrom('file_share', 'message_changed', 'bot_message', 'thread_broadcast', 'channel_join'), { nil: undefined }),
      channel_type: fc.constantFrom('channel', 'group', 'im', 'mpim'),
      user: fc.oneof(fc.constant('U1'), anyValue),
      text: fc.oneof(pasted, anyValue),
      ts: fc.oneof(fc.constant('1700000000.000100'), anyValue),
      thread_ts: fc.option(anyValue, { nil: undefined }),
      channel: fc.oneof(fc.constant('CFUZZ'), fc.string({ maxLength: 12 })),
      files: fc.option(fc.oneof(anyValue, fc.array(fc.record({ id: fc.string({ maxLength: 5 }), name: fc.string({ maxLength: 20 }), url_private_download: fc.oneof(fc.webUrl(), fc.string({ maxLength: 20 })) }), { maxLength: 2 })), { nil: undefined }),
      bot_id: fc.option(fc.string({ maxLength: 5 }), { nil: undefined }),
      tab: fc.option(fc.constantFrom('home', 'messages'), { nil: undefined }),
    },
    { requiredKeys: ['type'] },
  );

  it('never takes the app down, never answers 5xx, and no rejection goes unhandled', async () => {
    const samples = fc.sample(event, { seed: SEED_NUMBER, numRuns: 80 });
    for (const ev of samples) {
      const { body } = eventBody(ev as Record<string, unknown>);
      const res = await fetch(`${h.bot.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...signRequest(SECRET, body) }, body });
      expect(res.status).toBeLessThan(500);
    }
    await sleep(500);
    expect(unhandled).toEqual([]);
    const before = h.fake.of('chat.postMessage').length;
    await h.send(eventBody({ type: 'app_mention', user: 'U1', text: '<@UKBBOT0001> TAS 2.13.20', ts: '1799999999.000001', channel: 'CAFTER' }));
    await h.fake.waitFor('chat.postMessage', before + 1);
  });
});
