import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogLevel } from '@slack/bolt';
import { startPlayground } from '../src/app/start-playground.ts';
import { jsonLogger } from '../src/observe/json-logger.ts';
import { readConfig } from '../src/server/read-config.ts';
import { realKb } from './support/kb.ts';
import { startBot, type BotProcess } from './support/bot-process.ts';
import { SEED } from './support/slack-harness.ts';
import type { RunningBot } from '../src/app/run-bot.ts';

/** What the page hears on its event stream, as it arrives. */
interface Page {
  seen: Record<string, unknown>[];
  post: (path: string, body: Record<string, unknown>) => Promise<Record<string, unknown>>;
  /** The first thing the bot said in the thread of `ts`. */
  replyTo: (ts: unknown, timeoutMs?: number) => Promise<string>;
  close: () => void;
}

async function openPage(url: string): Promise<Page> {
  const seen: Record<string, unknown>[] = [];
  const stream = new AbortController();
  const res = await fetch(`${url}/playground/stream`, { signal: stream.signal });
  void (async () => {
    let buffer = '';
    for await (const chunk of res.body!.pipeThrough(new TextDecoderStream())) {
      buffer += chunk;
      for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (line.startsWith('data: ')) seen.push(JSON.parse(line.slice(6)) as Record<string, unknown>);
      }
    }
  })().catch(() => {});
  return {
    seen,
    post: async (path, body) => (await fetch(`${url}/playground/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<Record<string, unknown>>,
    replyTo: async (ts, timeoutMs = 20_000) => {
      for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((r) => setTimeout(r, 25))) {
        const m = seen.find((e) => e.from === 'bot' && e.threadTs === ts && !String(e.text).startsWith('kb-bot is'));
        if (m) return JSON.stringify(m.blocks ?? '') + String(m.text ?? '');
      }
      throw new Error(`no reply to ${String(ts)}; the page heard ${JSON.stringify(seen).slice(0, 2000)}`);
    },
    close: () => stream.abort(),
  };
}

/** A log of `bytes` bytes of access-log lines, with the seed crash at `crashAt`. */
function log(bytes: number, crashAt: number): Buffer {
  const line = '2026-03-01T02:14:07.123Z gorouter[router/0]: GET /v2/info 200 0.4ms x_cf_routererror:"-"\n';
  const fill = (n: number) => line.repeat(Math.ceil(n / line.length)).slice(0, n);
  return Buffer.from(`${fill(crashAt)}\n${SEED}\n${fill(bytes - crashAt - SEED.length - 2)}`);
}

describe("the playground's bot reads files as the bot does", () => {
  let pg: RunningBot;
  let page: Page;
  beforeAll(async () => {
    pg = await startPlayground({ kb: realKb, logger: jsonLogger(() => {}, LogLevel.ERROR), port: 0, host: '127.0.0.1' });
    page = await openPage(pg.url);
  });
  afterAll(async () => {
    page.close();
    await pg.stop(1000);
  });

  it('reads as much of a file as the configuration says (its default when KB_FILE_MAX_BYTES is unset)', async () => {
    expect(pg.bot.fileMaxBytes).toBe(readConfig({}).fileMaxBytes);
    const sent = await page.post('send', { surface: 'dm', text: 'what crashed?', files: [{ name: 'mid.log', base64: log(8e6, 6e6).toString('base64') }] });
    const reply = await page.replyTo(sent.ts);
    expect(reply).toContain('KB 298398');
    expect(reply).not.toMatch(/larger than/);
  });
});

describe('`kb-bot start` with no Slack variables and KB_FILE_MAX_BYTES', () => {
  let bot: BotProcess;
  let page: Page;
  beforeAll(async () => {
    bot = startBot({ SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '', SLACK_SIGNING_SECRET: '', KB_FILE_MAX_BYTES: String(2 << 20) });
    page = await openPage(await bot.url);
  }, 30_000);
  afterAll(async () => {
    page.close();
    await bot.stop();
  });

  it('reads the first KB_FILE_MAX_BYTES of an upload in the playground, and says so', async () => {
    const sent = await page.post('send', { surface: 'dm', text: 'what crashed?', files: [{ name: 'mid.log', base64: log(3e6, 2.5e6).toString('base64') }] });
    const reply = await page.replyTo(sent.ts);
    expect(reply).toContain('mid.log is larger than 2.0 MB; kb-bot read the first 2.0 MB');
    expect(reply).not.toContain('KB 298398');
  });
});
