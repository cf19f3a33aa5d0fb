import { createInterface } from 'node:readline';
import { answer } from '../core/answer/answer.ts';
import { renderText } from '../render/render-text.ts';
import type { Prepared } from '../core/answer/prepare.ts';

export interface StartOptions {
  env: NodeJS.ProcessEnv;
  knowledgeDir: string;
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * `kb-bot start`. The Slack app and the browser playground are not built yet
 * (see the open issues); until then this is an interactive prompt over the
 * same core. Resolves with the exit code when input ends.
 */
export function start(kb: Prepared, options: StartOptions): Promise<number> {
  options.out(
    `kb-bot: ${kb.knowledge.articles.length} articles loaded from ${options.knowledgeDir}.\n` +
      'The Slack app is not available yet; this prompt answers with the same core.\n' +
      'Type a question ("is TAS 2.13.20 affected?"), paste a crash and end it with an empty line, or "help". Ctrl-D quits.\n',
  );
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'kb-bot> ' });
  let buffer: string[] = [];
  rl.prompt();
  rl.on('line', (line) => {
    buffer.push(line);
    // A single-line question is answered at once; a multi-line paste when an empty line ends it.
    if (buffer.length === 1 && line.trim() !== '' && !/^\s*(?:fatal error:|panic:|goroutine )/.test(line)) {
      flush();
    } else if (line.trim() === '') flush();
  });
  const flush = () => {
    const text = buffer.join('\n').trim();
    buffer = [];
    if (text) options.out(renderText(kb, answer(kb, text)));
    rl.prompt();
  };
  return new Promise((resolve) => rl.on('close', () => {
    if (buffer.length > 0) flush();
    options.out('\n');
    resolve(0);
  }));
}
