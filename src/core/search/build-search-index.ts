import lunr from 'lunr';
import type { Article } from '../model/knowledge.ts';

/**
 * Two fields, on purpose: every query term is looked up once per field, so
 * fewer fields is faster search and a smaller index. `head` (title, tags, ids,
 * components) weighs most; `body` holds the prose, log lines and frames.
 */
const FIELDS = [
  ['head', 5],
  ['body', 1],
] as const;

/** The words of an article each field is built from. */
export function searchDocument(a: Article): Record<(typeof FIELDS)[number][0], string> & { ref: string } {
  return {
    ref: a.id,
    head: [a.title, ...a.tags, a.id, ...a.aliases, ...a.components].join(' '),
    body: [a.summary, ...a.symptoms, a.cause, ...a.logLines, ...a.signatures.flatMap((s) => [s.error ?? '', ...s.frames])].join(' '),
  };
}

/** Builds the full-text index over every article. */
export function buildSearchIndex(articles: readonly Article[]): lunr.Index {
  return lunr(function () {
    this.ref('ref');
    for (const [name, boost] of FIELDS) this.field(name, { boost });
    // Splits on anything that is not a letter or digit, so frames and log lines become words.
    this.tokenizer.separator = /[^\p{L}\p{N}]+/u;
    for (const a of articles) this.add(searchDocument(a));
  });
}
