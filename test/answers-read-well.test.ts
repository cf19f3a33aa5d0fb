import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { realKb, FIXTURES } from './support/kb.ts';
import { answer } from '../src/core/answer/answer.ts';
import { parseQuery } from '../src/core/query/parse-query.ts';
import { nextConversation } from '../src/core/answer/next-conversation.ts';
import { renderText } from '../src/render/render-text.ts';
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
      ['what about IST?', /^KB 298398 is fixed in IST/],
      ['and routing-release?', /^KB 298398 is fixed in routing-release 0\.288\.0/],
    ] as const) {
      const query = parseQuery(kb, q);
      const a = answer(kb, query, conv);
      expect(renderText(a).split('\n')[0], q).toMatch(want);
      conv = nextConversation(conv, query, a);
    }
  });
});
