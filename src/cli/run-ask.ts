import { answer } from '../core/answer/answer.ts';
import { emptyQuery } from '../core/query/empty-query.ts';
import { renderText } from '../render/render-text.ts';
import { renderJson } from '../render/render-json.ts';
import { usage } from './main.ts';
import { EXIT, type CliIo } from './io.ts';
import { answerFleetAsk, readFleetAsk } from '../core/answer/fleet-ask.ts';
import { renderFleetJson, renderFleetText } from '../render/render-fleet.ts';
import type { Prepared } from '../core/answer/prepare.ts';

/** `kb-bot ask <text…|->` (and `search`, `list`, `help`): one answer, as text or JSON. */
export function runAsk(kb: Prepared, args: string[], json: boolean, io: CliIo, mode: 'ask' | 'search' = 'ask'): number {
  if (args.length === 0) return usage(io, 'ask needs a question, or - to read standard input');
  const text = args.length === 1 && args[0] === '-' ? io.readStdin() : args.join(' ');
  // "which of our foundations are affected by KB 298398?", with a fleet.yml on record: the fleet's answer, as `kb-bot fleet` gives it.
  const fleet = kb.knowledge.fleet ?? { foundations: [] };
  const ask = mode === 'ask' ? readFleetAsk(kb, fleet, text) : null;
  if (ask) {
    const result = answerFleetAsk(kb, fleet, ask);
    io.out(json ? renderFleetJson(result) : renderFleetText(kb.knowledge, result));
    return EXIT.ok;
  }
  const result = answer(kb, mode === 'search' ? emptyQuery(text.replace(/\s+/g, ' ').trim(), 'search') : text);
  io.out(json ? renderJson(result) : renderText(result));
  return EXIT.ok;
}
