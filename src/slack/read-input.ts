import { readPaste, type Paste } from '../core/traces/read-paste.ts';
import type { ScanResult } from '../core/traces/scan-stream.ts';
import type { Bot } from './bot.ts';

/**
 * Inputs up to this size are read on the event loop (a few milliseconds at
 * worst, whatever their shape); bigger ones go to the paste pool, so acks
 * and health checks never wait behind them.
 */
export const ON_LOOP_LIMIT = 64 * 1024;

/** Reads a text, or a download already scanned, into a Paste: on the event loop when small, else off it. */
export async function readInput(bot: Bot, input: string | { scan: ScanResult; head: string }): Promise<Paste> {
  if (typeof input === 'string') {
    return input.length <= ON_LOOP_LIMIT ? readPaste(input, bot.kb().anchors) : bot.readOffLoop({ text: input, anchors: bot.kb().anchors });
  }
  return bot.readOffLoop(input);
}
