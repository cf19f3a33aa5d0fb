import type { z } from 'zod';
import type { Problem } from '../model/knowledge.ts';

/** Every zod issue as a problem naming the file and the field path. */
export function zodProblems(file: string, error: z.ZodError, tips: readonly [RegExp, string][] = [], prefix: readonly (string | number)[] = []): Problem[] {
  return error.issues.flatMap((issue) => {
    const at = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        file,
        path: formatPath([...at, key]),
        message: `unknown field "${key}"`,
        tip: 'remove the field or check its spelling against knowledge/README.md',
      }));
    }
    const path = formatPath(at);
    const problem: Problem = { file, path, message: issue.message };
    if (issue.code === 'invalid_type' && issue.message.includes('undefined')) problem.tip = 'this field is required';
    if (issue.code === 'invalid_type' && issue.message.includes('expected string, received object')) {
      problem.tip = 'YAML reads "word: text" as a map; quote the text or use a folded block (>-)';
    }
    const fieldTip = tips.find(([re]) => re.test(path))?.[1];
    if (problem.tip === undefined && fieldTip !== undefined) problem.tip = fieldTip;
    return [problem];
  });
}

/** `affected.tas.lines["2.13"][1].fixed` */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `["${p}"]`;
  }
  return out || '(file)';
}
