import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { realKb, FIXTURES } from './support/kb.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answer } from '../src/core/answer/answer.ts';
import { versionTable } from '../src/core/answer/version-table.ts';
import { articleCard, productName } from '../src/core/answer/answer-cards.ts';
import { renderBlocks } from '../src/render/render-blocks.ts';
import { renderHome } from '../src/render/render-home.ts';
import { renderVersionTable } from '../src/render/render-version-table.ts';
import { clip, LIMITS } from '../src/render/fit-blocks.ts';
import { escapeMrkdwn } from '../src/render/escape-mrkdwn.ts';
import type { Answer, VersionVerdict, TraceMatch } from '../src/core/model/answer.ts';
import type { KnownBlock } from '../src/render/block-types.ts';

const kb = realKb();
const seed = readFileSync(join(FIXTURES, 'traces/match/seed-verbatim.log'), 'utf8');

describe('Block Kit replies (snapshots)', () => {
  it.each([
    ['version', 'is TAS 3.0.12 affected by KB 298398?'],
    ['multi-article version', 'is TAS 2.13.20 affected?'],
    ['trace', seed],
    ['help', 'help'],
    ['list', 'list'],
    ['nothing', 'hello there'],
  ])('%s', (_, text) => {
    expect(renderBlocks(answer(kb, text), { shareValue: 'share-id' })).toMatchSnapshot();
  });

  it('the version table and App Home', () => {
    expect(renderVersionTable(versionTable(kb, '298398'))).toMatchSnapshot();
    // The knowledge version changes with every knowledge edit; the snapshot is about the layout.
    const home = JSON.stringify(renderHome(answer(kb, 'list'), { knowledgeVersion: '<knowledge version>', activity: [{ at: '2026-11-30T10:00:00.000Z', what: 'mention: versions of TAS 2.13.20' }], gaps: { weeks: 4, unanswered: [{ member: 'haproxy tls renegotiation', score: 3 }], uncovered: [{ member: 'TAS 2.12|298398', score: 2 }], downvoted: [{ member: '298398:trace', score: 1 }] } }));
    expect(JSON.parse(home)).toMatchSnapshot();
  });
});

/** Every limit Slack enforces, checked on a rendered message. */
function checkLimits(blocks: KnownBlock[], text: string): void {
  expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
  expect(JSON.stringify(blocks).length).toBeLessThanOrEqual(LIMITS.totalChars);
  expect(text.length).toBeGreaterThan(0);
  expect(text.length).toBeLessThanOrEqual(3000);
  for (const b of blocks) {
    if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.header);
    if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    if (b.type === 'actions') {
      for (const e of b.elements) {
        if (e.type !== 'button') continue;
        expect(e.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
        if (e.value !== undefined) expect(e.value.length).toBeLessThanOrEqual(LIMITS.buttonValue);
      }
    }
  }
}

describe('replies stay within Slack limits, whatever the answer', () => {
  const ids = kb.knowledge.articles.map((a) => a.id);
  const big = fc.string({ maxLength: 6000 });
  const verdict: fc.Arbitrary<VersionVerdict> = fc.record({
    article: fc.constantFrom(...ids),
    product: fc.constantFrom('tas', 'ist', 'routing-release', 'unknown-product'),
    version: fc.string({ maxLength: 300 }),
    status: fc.constantFrom('affected', 'fixed', 'not-affected', 'unknown', 'depends'),
    line: fc.option(fc.string({ maxLength: 50 })),
    fixedIn: fc.option(fc.string({ maxLength: 200 })),
    upgradeTo: fc.array(fc.string({ maxLength: 100 }), { maxLength: 20 }),
    basis: fc.constantFrom('stated', 'inferred'),
    condition: fc.option(big),
    reason: big,
  });
  const trace: fc.Arbitrary<TraceMatch> = fc.record({
    article: fc.constantFrom(...ids),
    signature: fc.string({ maxLength: 100 }),
    level: fc.constantFrom('exact', 'strong', 'partial'),
    score: fc.double({ min: 0, max: 1, noNaN: true }),
    evidence: fc.array(big, { maxLength: 40 }),
    facts: fc.array(big, { maxLength: 10 }),
  });
  const answers: fc.Arbitrary<Answer> = fc.record({
    intent: fc.constantFrom('version', 'trace', 'search', 'article', 'help', 'list', 'none'),
    query: big,
    versions: fc.array(verdict, { maxLength: 120 }),
    traces: fc.array(trace, { maxLength: 12 }),
    articles: fc.array(fc.record({ id: fc.constantFrom(...ids), title: big, score: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 20 }),
    unmatched: fc.array(big, { maxLength: 30 }),
    notices: fc.array(big, { maxLength: 30 }),
    focus: fc.subarray(['fix', 'mitigation', 'summary', 'exposure'] as const),
    lead: fc.option(fc.constantFrom(...ids)),
    leadFrom: fc.constantFrom(null, 'match', 'named', 'described', 'thread'),
    cards: fc.constant(kb.knowledge.articles.map(articleCard)),
    products: fc.constant(kb.knowledge.products.map(productName)),
    examples: fc.array(big, { maxLength: 5 }),
    fixes: fc.array(fc.record({ article: fc.constantFrom(...ids), product: fc.constantFrom('tas', 'ist', 'routing-release'), line: fc.string({ maxLength: 20 }), fixedIn: fc.option(fc.string({ maxLength: 40 })), basis: fc.constantFrom('stated', 'inferred') }), { maxLength: 40 }),
    otherSoftware: fc.array(fc.record({ name: fc.string({ maxLength: 200 }), version: fc.string({ maxLength: 50 }) }), { maxLength: 5 }),
  });

  it('for random and huge answers', () => {
    fc.assert(
      fc.property(answers, fc.option(fc.string({ maxLength: 3000 }), { nil: undefined }), (a, share) => {
        const m = renderBlocks(a, share === undefined ? {} : { shareValue: share, showAllValue: share });
        checkLimits(m.blocks, m.text);
      }),
      { seed: 20261130, numRuns: 150 },
    );
  });
});

describe('mrkdwn', () => {
  it.each([
    ['a < b & c > d', 'a &lt; b &amp; c &gt; d'],
    ['<!channel> *bold*', '&lt;!channel&gt; *bold*'],
  ])('escapes %j', (input, want) => expect(escapeMrkdwn(input)).toBe(want));

  it('user text in a reply is escaped', () => {
    const m = renderBlocks(answer(kb, 'KB 298398 <!channel> TAS 2.13.20'));
    expect(JSON.stringify(m.blocks)).not.toContain('<!channel>');
  });

  it('clip never breaks an escape and closes a fence', () => {
    expect(clip('x'.repeat(10) + '&amp;', 14)).toBe('xxxxxxxxx…');
    expect(clip('```' + 'y'.repeat(50), 20).endsWith('```')).toBe(true);
    expect(clip('```' + 'y'.repeat(50), 20).length).toBeLessThanOrEqual(20);
  });
});
