import lunr from 'lunr';
import type { Article } from '../knowledge/types.ts';

/** Fields and their boosts: lean on purpose (titles and tags weigh most). */
const FIELDS = [
  ['title', 10],
  ['tags', 6],
  ['id', 6],
  ['summary', 3],
  ['symptoms', 2],
  ['logs', 2],
  ['cause', 1],
] as const;

/** The words of an article each field is built from. */
export function searchDocument(a: Article): Record<(typeof FIELDS)[number][0], string> & { ref: string } {
  return {
    ref: a.id,
    id: [a.id, ...a.aliases, ...a.components].join(' '),
    title: a.title,
    tags: a.tags.join(' '),
    summary: a.summary,
    symptoms: a.symptoms.join(' '),
    cause: a.cause,
    logs: [...a.logLines, ...a.signatures.flatMap((s) => [s.error ?? '', ...s.frames])].join(' '),
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
