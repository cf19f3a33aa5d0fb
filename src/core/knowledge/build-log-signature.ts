import { compileLogPattern } from '../logs/compile-log-pattern.ts';
import type { ArticleInput } from './schema.ts';
import type { LogSignature } from '../model/knowledge.ts';

type Report = (path: (string | number)[], message: string, tip?: string) => void;

/** Compiles one log signature's patterns, reporting every problem with a tip. */
export function buildLogSignature(s: ArticleInput['log_signatures'][number], report: Report): LogSignature | null {
  const line = compileLogPattern(s.line);
  line.problems.forEach((p) => report(['line'], p.message, p.tip));
  const core = s.core === undefined ? null : compileLogPattern(s.core);
  core?.problems.forEach((p) => report(['core'], p.message, p.tip));
  if (core?.pattern && line.pattern && !s.line.includes(s.core as string)) {
    report(['core'], 'the core is not part of the line', 'copy the core from the line: it is the part that alone is only a hint');
    return null;
  }
  if (!line.pattern || (core && !core.pattern)) return null;
  const built: LogSignature = { id: s.id, line: line.pattern, specific: s.specific };
  if (core?.pattern) built.core = core.pattern;
  if (s.log !== undefined) built.log = s.log;
  return built;
}
