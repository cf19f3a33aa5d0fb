import type { Knowledge } from '../model/knowledge.ts';

/** The literal strings that find a log signature's line in a big input (for `scanStream`). */
export function logAnchors(knowledge: Knowledge): string[] {
  const anchors = knowledge.articles.flatMap((a) => a.logSignatures.flatMap((s) => [s.line.anchor, ...(s.core ? [s.core.anchor] : [])]));
  return [...new Set(anchors)];
}
