import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { realKb, FIXTURES } from './support/kb.ts';
import { answer } from '../src/core/answer/answer.ts';
import { parseQuery } from '../src/core/query/parse-query.ts';
import { nextConversation } from '../src/core/answer/next-conversation.ts';
import { renderText } from '../src/render/render-text.ts';
import { renderBlocks } from '../src/render/render-blocks.ts';
import { slackToPlain } from '../src/slack/slack-to-plain.ts';
import { EMPTY_CONVERSATION } from '../src/core/model/query.ts';

const kb = realKb();
const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');
const text = (q: string) => renderText(answer(kb, q));
const first = (q: string) => text(q).split('\n')[0] as string;

/** What a reader sees first, for inputs a user tried: the headline says the answer, the notes never repeat or contradict it. */
describe('answers read well', () => {
  it.each([
    ['we upgraded Ops Manager to 3.0.5', /^ops manager 3\.0\.5 is not a product kb-bot knows: no verdict/],
    ['we upgraded ops manager to 3.0.5 and now TAS 4.0.20 gorouters crash', /^TAS 4\.0\.20/],
    ["what's the root cause of KB 298398?", /^KB 298398: Since Go 1\.20, httputil\.ReverseProxy forwards 1xx responses/],
    ['is TAS 2.13.20 affected by CVE-2024-22279?', /^CVE-2024-22279 is versioned by routing-release, not TAS/],
    ['{"error":"unauthorized","error_description":"Bad credentials"}', /^This log line is KB 298463 \(exact match of a generic line: other causes log it too\)\. Fix: TAS 2\.6\.19\/2\.7\.23\/2\.8\+/],
    ['which version fixes KB 298398?', /^KB 298398 is fixed in TAS 2\.11\.52, 2\.13\.34, 4\.0\.16, 5\.0\.6 \(no fix on 3\.0: move to 4\.0\.16 or 5\.0\.6\)/],
    ['how do I mitigate KB 298398?', /^How to mitigate KB 298398:$/],
    // A vague fix on a newer line ("6.x and later") is named as a line to check, never skipped or guessed.
    ['is TAS 4.0.20 affected by KB 386660', /^TAS 4\.0\.20 is affected by KB 386660 when an app runs with fewer than three instances — no 4\.0 fix; upgrade to 10\.0\.0, or a 6\.0 patch that carries the fix \(check its release notes\)/],
    // A component table with no fix says which releases it names.
    ['which nats versions are affected by KB 298245?', /^KB 298245 names no fixed version — nats-release: 34\.0\.0, 38\.0\.0 affected; every other version unknown\.$/],
    // A vague fix ("6.x and later") is a line to check, never "no fix on 6.0".
    ['which version fixes KB 386660?', /^KB 386660 is fixed in TAS a 6\.0 patch \(not named: check its release notes\), every line from 10\.0 on \(no fix on 2\.7 to 5\.0\)/],
    // A fix the line takes back (2.7.31 lenient, 2.7.32 strict again) is no lasting fix.
    ['is TAS 2.7.30 affected by KB 297408?', /^TAS 2\.7\.30 is affected by KB 297408 — no lasting fix on 2\.7: 2\.7\.32 and later are affected again\./],
    ['TAS 2.7.31 KB 297408', /^TAS 2\.7\.31 is not affected by KB 297408, but 2\.7\.32 and later 2\.7 patches are affected again/],
    // The symptom the question names leads; the article's other symptom follows.
    ['routing 0.273.0 100 continue twice', /^routing-release 0\.273\.0 has the fix for KB 298173 \(the second "100 Continue" response\)\. routing-release 0\.273\.0 is affected by KB 298173 \(the access log/],
    ['thanks!', /^You're welcome\./],
    // A line newer than the catalog (a typo, or a new release) says so before any verdict.
    ['is TAS 99.1.2 affected?', /^TAS 99\.1 is newer than every line kb-bot knows: only articles that say what holds for newer lines answer\. TAS 99\.1\.2:/],
    ['great, thank you 👍', /^You're welcome\./],
    ['thanks, is TAS 2.13.20 affected?', /^TAS 2\.13\.20: affected by/],
    ['is there a CVE for KB 297408?', /^KB 297408 is at https:\/\/knowledge\.broadcom\.com\/external\/article\/297408 — also known as 298108\./],
    ['link for CVE-2024-22279', /^CVE-2024-22279 is at https:\/\/nvd\.nist\.gov\/vuln\/detail\/CVE-2024-22279 — no other id is recorded/],
    ['TASW 2.13.20?', /^No article in the knowledge base covers Tanzu Application Service for Windows/],
  ])('%s', (q, want) => {
    expect(first(q)).toMatch(want);
  });

  it.each(['which version fixes KB 298398?', 'which version fixes KB 298245?', 'nats: no servers available for connection', 'which version fixes KB 408470?'])(
    '%s has no notes about the tables\' own line ids ("0 is not a routing-release version")',
    (q) => {
      expect(text(q)).not.toMatch(/(?:^|\s)(?:0|all) is not a [\w-]+ version/);
    },
  );

  it('a bare error text of a log signature is a possible match, with its evidence — not "not a match"', () => {
    const out = text('nats: no servers available for connection');
    expect(out).toMatch(/^KB 298245/);
    expect(out).toContain('possible match');
    expect(out).not.toContain('not a match');
    const blocks = JSON.stringify(renderBlocks(answer(kb, 'nats: no servers available for connection')));
    expect(blocks).toContain('*possible match*');
    expect(blocks).toContain('*Why*');
  });

  it('a crash whose frames name Go package paths gets no component verdict from them', () => {
    const a = answer(kb, fixture('traces/match/wrapped-at-80-columns.txt'));
    expect(a.traces[0]?.article).toBe('298398');
    expect(a.versions).toEqual([]);
    expect(a.notices.join(' ')).not.toMatch(/capi-release/);
  });

  it('a product the thread\'s article does not cover is said first, with the catalog\'s note', () => {
    const a = answer(kb, 'is TASW 2.13.5 affected by the concurrent map writes crash?');
    expect(renderText(a).split('\n')[0]).toMatch(/^No article in the knowledge base covers Tanzu Application Service for Windows\. TAS for Windows runs Windows cells/);
    const q = parseQuery(kb, 'does it affect TASW?');
    const inThread = answer(kb, q, { articles: ['298398'], products: [], versions: [] });
    expect(renderText(inThread).split('\n')[0]).toMatch(/^KB 298398 does not cover TASW\. TAS for Windows runs Windows cells/);
  });

  it('a log line copied from an HTML log viewer (&quot; quotes) is still its article\'s line', () => {
    const line = 'error: net/http: HTTP/1.x transport connection broken: too many transfer encodings: [&amp;quot;chunked&amp;quot; &amp;quot;chunked&amp;quot;]';
    expect(answer(kb, slackToPlain(line)).traces[0]).toMatchObject({ article: '297408', level: 'exact' });
  });

  it('a version left, said twice in a correction, is noted once with its product', () => {
    const a = answer(kb, 'sorry, not on 2.13.20 anymore, we upgraded IST from 2.13.20 to 2.13.31 last week');
    expect(a.notices.filter((n) => n.startsWith('Not answered for'))).toEqual(['Not answered for IST 2.13.20: you said you are no longer on it.']);
  });

  it('no note repeats the headline', () => {
    for (const q of ['we upgraded Ops Manager to 3.0.5', 'TAS 8.7.1', 'KB 123456']) {
      const out = text(q);
      const head = out.split('\n')[0] as string;
      expect(out.split('\n').filter((l) => l.startsWith('Note:') && head.includes(l.slice('Note: '.length)))).toEqual([]);
    }
  });

  it('a crash from a release the article lists as fixed is a match, but says the advice does not apply', () => {
    const go122 = answer(kb, fixture('traces/errata/go122-line-288.log'));
    expect(go122.traces[0]).toMatchObject({ article: '298398', releaseStatus: 'fixed' });
    expect(renderText(go122).split('\n')[0]).toMatch(/^This crash is KB 298398 \(\w+ match\), but it comes from routing-release 0\.296\.0.*which the article lists as fixed: check the versions actually deployed\.$/);
  });

  it('a thread remembers the article a question described specifically, and follows up on it', () => {
    let conv = EMPTY_CONVERSATION;
    for (const [q, want] of [
      ['is tas 2.13.20 affected by the gorouter concurrent map writes crash?', /^TAS 2\.13\.20 is affected by KB 298398/],
      // Where the other product is fixed: a TAS patch is no IST patch.
      ['what about IST?', /^KB 298398 is fixed in IST 2\.11\.46/],
      ['and routing-release?', /^KB 298398 is fixed in routing-release 0\.288\.0/],
    ] as const) {
      const query = parseQuery(kb, q);
      const a = answer(kb, query, conv);
      expect(renderText(a).split('\n')[0], q).toMatch(want);
      conv = nextConversation(conv, query, a);
    }
  });
});
