import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

interface Example {
  command: string;
  args: string[];
  /** What the README shows the command printing; lines with "…" stand for what it leaves out. */
  shown: string[];
}

/** Every `$ npx kb-bot …` in the README's console blocks, with the output shown under it. */
function readmeExamples(markdown: string): Example[] {
  const out: Example[] = [];
  for (const block of markdown.matchAll(/```console\n([\s\S]*?)```/g)) {
    let current: Example | null = null;
    for (const line of (block[1] ?? '').split('\n')) {
      const cmd = /^\$ npx kb-bot (.*)$/.exec(line);
      if (cmd) {
        current = { command: line.slice(2), args: shellWords(cmd[1] ?? ''), shown: [] };
        out.push(current);
      } else if (line.startsWith('$ ')) current = null;
      else if (current && (line !== '' || current.shown.length > 0)) current.shown.push(line);
    }
  }
  return out;
}

/** Splits a command line as a POSIX shell would for plain words and '…' / "…" quoting. */
function shellWords(line: string): string[] {
  return [...line.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)].map((m) => m[1]?.replace(/\\(.)/g, '$1') ?? m[2] ?? m[3] ?? '');
}

const examples = readmeExamples(readFileSync(join(root, 'README.md'), 'utf8'));

describe("the README's examples run as written", () => {
  it('has examples to run', () => {
    expect(examples.map((e) => e.args[0])).toEqual(expect.arrayContaining(['ask', 'match']));
  });

  it.each(examples.map((e) => [e.command, e] as const))('%s', async (_, example) => {
    const env = { ...process.env };
    delete env.KB_KNOWLEDGE_DIR;
    // As from a fresh clone: node bin/kb-bot.js is what `npx kb-bot` runs.
    const { stdout } = await run(process.execPath, [join(root, 'bin/kb-bot.js'), ...example.args], { cwd: root, env, maxBuffer: 16 << 20 });
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(example.shown[0]);
    // Every line the README shows in full appears in the output, in the same order.
    let at = 0;
    for (const want of example.shown.slice(1).filter((l) => l.trim() !== '' && !l.includes('…'))) {
      const found = lines.indexOf(want, at);
      expect(found, `README line not in the output (after line ${at}): ${want}`).toBeGreaterThan(0);
      at = found + 1;
    }
  });
});
