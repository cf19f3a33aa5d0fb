import { readFileSync, writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { importArticle } from '../core/import/import-article.ts';
import { loadKnowledge } from '../core/knowledge/load-knowledge.ts';
import { formatProblem } from '../node/load-knowledge-dir.ts';
import { usage } from './main.ts';
import { EXIT, type CliIo } from './io.ts';
import type { Prepared } from '../core/answer/prepare.ts';
import type { KnowledgeFile } from '../core/knowledge/load-knowledge.ts';

/**
 * `kb-bot import <file|-> [-o FILE]`: drafts a knowledge article from a vendor
 * article's text. The draft is validated against the live catalog; what could
 * not be read is reported on stderr and as comments at the top of the draft.
 */
export function runImport(kb: Prepared, args: string[], output: string | undefined, catalog: KnowledgeFile | undefined, io: CliIo): number {
  const source = args[0];
  if (source === undefined) return usage(io, 'import needs a file (or - for standard input)');
  let text: string;
  try {
    text = source === '-' ? io.readStdin() : readFileSync(source, 'utf8');
  } catch (e) {
    io.err(`cannot read ${source}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return EXIT.usage;
  }
  const result = importArticle(text, kb.matchProducts);
  const id = String(result.draft.id || 'draft');
  const header = [
    `# Draft imported by "kb-bot import" from ${source === '-' ? 'standard input' : source}.`,
    `# REVIEW before committing: rewrite ${result.review.join(', ')} in this project's own words,`,
    '# check every version event against the source, mark anything the source does not state as inferred,',
    `# then remove "draft: true" and save as knowledge/articles/${id}-<slug>.yml.`,
    ...result.problems.map((p) => `# NOT IMPORTED: ${p}`),
  ].join('\n');
  const yaml = `${header}\n${stringify(result.draft, { lineWidth: 100 })}`;
  for (const p of result.problems) io.err(`import: ${p}\n`);
  const check = loadKnowledge([...(catalog ? [catalog] : []), { path: `articles/${id}-draft.yml`, text: yaml }]);
  if (output) writeFileSync(output, yaml);
  else io.out(yaml);
  if (check.problems.length > 0) {
    io.err(`the draft does not validate yet:\n${check.problems.map(formatProblem).join('\n')}\n`);
    return EXIT.usage;
  }
  return EXIT.ok;
}
