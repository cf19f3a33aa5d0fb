import { parseDocument } from 'yaml';
import type { Problem } from '../model/knowledge.ts';

/** YAML aliases expand when the document is built; a "billion laughs" file stops here. */
const MAX_ALIAS_COUNT = 50;

/** Parses one YAML file; syntax errors, and aliases that expand too far, become problems of that file. */
export function parseYamlFile(file: string, text: string): { data: unknown; problems: Problem[] } {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const problems: Problem[] = doc.errors.map((e) => ({
    file,
    path: e.linePos ? `line ${e.linePos[0].line}` : '(file)',
    message: `YAML: ${e.message.split('\n')[0]}`,
    tip: 'fix the YAML syntax; indentation and quoting are the usual suspects',
  }));
  if (problems.length > 0) return { data: undefined, problems };
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), problems };
  } catch (e) {
    const message = `YAML: ${(e as Error).message.split('\n')[0]}`;
    return { data: undefined, problems: [{ file, path: '(file)', message, tip: 'aliases (*name) expand into copies of their anchor (&name); write the values out instead' }] };
  }
}
