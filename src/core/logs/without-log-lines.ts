import type { Knowledge } from '../model/knowledge.ts';
import type { TraceMatch } from '../model/answer.ts';

/**
 * The text of a paste without the log lines that matched (non-partial) log
 * signatures: what is left is the question around them. Product names inside
 * a log line ("nats-connection-error") are not questions.
 */
export function withoutLogLines(text: string, knowledge: Knowledge, matches: readonly TraceMatch[]): string {
  const anchors = matches.flatMap((m) => {
    if (m.kind !== 'log' || m.level === 'partial') return [];
    const article = knowledge.articles.find((a) => a.id === m.article);
    return (article?.logSignatures ?? []).flatMap((s) => [s.line.anchor, ...(s.core ? [s.core.anchor] : [])]);
  });
  if (anchors.length === 0) return text;
  return text.split(/\r\n|\r|\n/).filter((line) => !anchors.some((a) => line.includes(a))).join('\n');
}
