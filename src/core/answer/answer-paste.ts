import { matchCrashes } from '../traces/match-crashes.ts';
import { groupDigits } from '../query/read-paste.ts';
import { lineLabel } from '../traces/source-label.ts';
import type { Paste } from '../model/query.ts';
import type { TraceMatch } from '../model/answer.ts';
import type { Crash } from '../model/crash.ts';
import type { Prepared } from './prepare.ts';

const LEVEL_RANK = { exact: 3, strong: 2, partial: 1 } as const;

/** Where a line of a paste is, for evidence: "line 8", "app.log line 2,002", "app.log, excerpt at byte 1,234, line 5". */
export function whereIs(paste: Paste): (crash: Crash, line: number) => string {
  return (crash, line) => (crash.source ? `${crash.source} line ${line}` : paste.sources ? lineLabel(paste.sources, line) : `line ${line}`);
}

/** The known issues a paste's crashes (and log lines) match, the crashes that match none, and notices. */
export function answerPaste(kb: Prepared, paste: Paste): { traces: TraceMatch[]; unmatched: string[]; notices: string[] } {
  const notices: string[] = [];
  const { matches, unmatched } = matchCrashes(kb.knowledge, paste.crashes, whereIs(paste));
  // Log lines the articles declare: the same levels and evidence as crashes (kind "log").
  const traces = [...matches, ...paste.logs].sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level] || b.score - a.score);
  if (paste.scannedBytes !== undefined) notices.push(`Scanned ${groupDigits(paste.scannedBytes)} bytes for crashes and known log lines.`);
  if (paste.capped) notices.push('More crash sites were found than kb-bot reads; the first ones were matched.');
  if (paste.headerless) notices.push('No crash header was found; frames of known issues were looked up instead.');
  return { traces, unmatched, notices };
}
