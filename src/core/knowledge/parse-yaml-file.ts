import { parseDocument } from 'yaml';
import type { Problem } from '../model/knowledge.ts';

/** Parses one YAML file; syntax errors become problems with line numbers. */
export function parseYamlFile(file: string, text: string): { data: unknown; problems: Problem[] } {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const problems: Problem[] = doc.errors.map((e) => ({
    file,
    path: e.linePos ? `line ${e.linePos[0].line}` : '(file)',
    message: `YAML: ${e.message.split('\n')[0]}`,
    tip: 'fix the YAML syntax; indentation and quoting are the usual suspects',
  }));
  if (problems.length > 0) return { data: undefined, problems };
  return { data: doc.toJS({ maxAliasCount: 50 }), problems };
}
