import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { realKb, FIXTURES } from './support/kb.ts';
import { answer } from '../src/core/answer/answer.ts';
import { findForeignTrace } from '../src/core/query/find-foreign-trace.ts';
import { renderText } from '../src/render/render-text.ts';

const kb = realKb();
const fixture = (name: string) => readFileSync(join(FIXTURES, 'traces', name), 'utf8');

/** A stack trace of another language is said to be one: not "no crash", never a match. */
describe('stack traces of other languages', () => {
  it.each([
    ['Java', fixture('nomatch/java-trace.txt'), 'java.util.ConcurrentModificationException'],
    ['Python', fixture('nomatch/python-trace.txt'), 'RuntimeError'],
    ['Rust', "thread 'main' panicked at src/main.rs:4:5:\nindex out of bounds: the len is 3 but the index is 7\nnote: run with `RUST_BACKTRACE=1`", "thread 'main' panicked"],
    ['Node.js', "TypeError: Cannot read properties of undefined (reading 'id')\n    at handler (/app/server.js:41:17)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)", 'TypeError'],
    ['.NET', 'Unhandled exception. System.InvalidOperationException: Collection was modified\n   at System.Collections.Generic.List`1.Enumerator.MoveNext()\n   at App.Program.Main(String[] args) in /src/Program.cs:line 12', 'System.InvalidOperationException'],
  ])('%s', (language, text, header) => {
    const pasted = `our app keeps dying with this, any idea?\n\`\`\`\n${text}\n\`\`\``;
    expect(findForeignTrace(pasted)).toMatchObject({ language });
    const a = answer(kb, pasted);
    expect(a.traces.filter((t) => t.level !== 'partial')).toEqual([]);
    expect(a.unmatched).toEqual([]);
    expect(renderText(a).split('\n')[0]).toMatch(new RegExp(`^This is a ${language.replace('.', '\\.')} stack trace \\(.*${header.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it.each([
    ['a Go crash', fixture('match/seed-verbatim.log')],
    ['a gorouter log', fixture('nomatch/plain-gorouter-log.log')],
    ['a question', 'is TAS 2.13.20 affected? we see java.lang.OutOfMemoryError in the app logs'],
  ])('%s is not one', (_, text) => {
    expect(findForeignTrace(text)).toBeNull();
  });
});
