import { matchLogPattern } from './match-log-pattern.ts';
import type { Knowledge, LogPattern } from '../model/knowledge.ts';
import type { TraceMatch } from '../model/answer.ts';

/**
 * The text of a paste with the matched log lines blanked out: what is left is
 * the question around them ("we're on TPCF 10.2.2 and get: <log line>").
 * Product names inside a log line ("nats-connection-error") are not questions.
 */
export function withoutLogLines(text: string, knowledge: Knowledge, matches: readonly TraceMatch[]): string {
  const patterns: LogPattern[] = matches.flatMap((m) => {
    if (m.kind !== 'log' || m.level === 'partial') return [];
    const article = knowledge.articles.find((a) => a.id === m.article);
    return (article?.logSignatures ?? []).flatMap((s) => [s.line, ...(s.core ? [s.core] : [])]);
  });
  if (patterns.length === 0) return text;
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => {
      let out = line;
      for (const p of patterns) {
        if (!out.includes(p.anchor)) continue;
        const m = matchLogPattern(p, out, 0, out.length, { steps: 100_000 }, true);
        if (m) out = `${out.slice(0, m.start)} ${out.slice(m.complete ? m.end : out.length)}`;
      }
      return out;
    })
    .join('\n');
}
