import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { realKb } from './support/kb.ts';
import { answer } from '../src/core/answer/answer.ts';
import { EMPTY_CONVERSATION } from '../src/core/model/query.ts';

const kb = realKb();

/** Products and versions people ask about, and the words they wrap them in. */
const versions = ['TAS 2.13.20', 'TAS 2.11.51', 'TAS 3.0.12', 'TAS 4.0.16+LTS-T', 'IST 2.13.20', 'IST 4.0.3', 'routing-release 0.270.0', 'TAS 2.7.31', 'TAS 5.0.2', 'TAS 10.0.5'];
const words = [
  'is', 'are we', 'exposed', 'affected', 'safe', 'vulnerable', 'to', 'the', 'gorouter', 'crash', 'concurrent map writes',
  'http2', 'rapid reset', '100 continue', 'too many transfer encodings', 'stale routes', 'fix', 'which version fixes it',
  'can you check', 'hey', 'please', 'on prod', 'issue', 'problem', 'mitigation', 'KB 298398', 'KB 298165', '?', '!',
];

/** The articles that say a version is affected (or depends on the patch), which no wording may drop. */
function exposedBy(text: string, conversation = EMPTY_CONVERSATION): Set<string> {
  return new Set(answer(kb, text, conversation).versions.filter((v) => v.status === 'affected' || v.status === 'depends').map((v) => `${v.article} ${v.product} ${v.version}`));
}

describe('ranking never hides a verdict', () => {
  it('adding words to "PRODUCT VERSION" may reorder articles, never drop an affected one', () => {
    fc.assert(
      fc.property(fc.constantFrom(...versions), fc.array(fc.constantFrom(...words), { maxLength: 6 }), fc.array(fc.constantFrom(...words), { maxLength: 6 }), (v, before, after) => {
        const plain = exposedBy(v);
        const worded = exposedBy([...before, v, ...after].join(' '));
        for (const key of plain) expect(worded, `${[...before, v, ...after].join(' ')} lost ${key}`).toContain(key);
      }),
      { seed: 20261201, numRuns: 400 },
    );
  });

  it('a thread about one article keeps every other affected verdict of the asked version', () => {
    for (const article of kb.knowledge.articles.map((a) => a.id)) {
      const thread = { articles: [article], products: [], versions: [] };
      for (const v of versions) expect([...exposedBy(v)].filter((k) => !exposedBy(v, thread).has(k))).toEqual([]);
    }
  });
});
