import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LogLevel } from '@slack/bolt';
import { startPlayground } from '../src/app/start-playground.ts';
import { jsonLogger } from '../src/observe/json-logger.ts';
import { readConfig } from '../src/server/read-config.ts';
import { realKb } from './support/kb.ts';
import { listenToPlayground } from './support/playground-stream.ts';
import { startBot, type BotProcess } from './support/bot-process.ts';
import { SEED, TOKEN } from './support/slack-harness.ts';
import { FakeSlackApi } from '../src/playground/fake-slack-api.ts';
import { playgroundRoutes } from '../src/playground/playground-routes.ts';
import type { RunningBot } from '../src/app/run-bot.ts';

/** What the page hears on its event stream, as it arrives. */
interface Page {
  seen: Record<string, unknown>[];
  post: (path: string, body: Record<string, unknown>) => Promise<Record<string, unknown>>;
  /** Uploads a file as the page does (its bytes); answers the upload's JSON and HTTP status. */
  upload: (name: string, bytes: Buffer) => Promise<Record<string, unknown> & { status: number }>;
  /** The first thing the bot said in the thread of `ts`. */
  replyTo: (ts: unknown, timeoutMs?: number) => Promise<string>;
  close: () => void;
}

async function openPage(url: string): Promise<Page> {
  const { seen, close } = await listenToPlayground(url);
  return {
    seen,
    post: async (path, body) => (await fetch(`${url}/playground/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<Record<string, unknown>>,
    upload: async (name, bytes) => {
      const res = await fetch(`${url}/playground/upload?name=${encodeURIComponent(name)}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: bytes });
      return { ...((await res.json()) as Record<string, unknown>), status: res.status };
    },
    replyTo: async (ts, timeoutMs = 20_000) => {
      for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((r) => setTimeout(r, 25))) {
        const m = seen.find((e) => e.from === 'bot' && e.threadTs === ts && !String(e.text).startsWith('kb-bot is'));
        if (m) return JSON.stringify(m.blocks ?? '') + String(m.text ?? '');
      }
      throw new Error(`no reply to ${String(ts)}; the page heard ${JSON.stringify(seen).slice(0, 2000)}`);
    },
    close,
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
    const file = await page.upload('mid.log', log(8e6, 6e6));
    const sent = await page.post('send', { surface: 'dm', text: 'what crashed?', files: [file.id] });
    const reply = await page.replyTo(sent.ts);
    expect(reply).toContain('KB 298398');
    expect(reply).not.toMatch(/larger than/);
  });

  it('takes a 30 MB log as its bytes (no base64, no 25 MB request limit) and finds the crash at 25 MB', async () => {
    const file = await page.upload('big.log', log(30e6, 25e6));
    expect(file).toMatchObject({ ok: true, status: 200, name: 'big.log', size: 30e6 });
    const sent = await page.post('send', { surface: 'channel', text: '@kb-bot what crashed?', files: [file.id] });
    expect(sent).toMatchObject({ ok: true });
    const reply = await page.replyTo(sent.ts);
    expect(reply).toContain('This crash is KB 298398');
    expect(reply).toMatch(/big\.log, excerpt at byte 25,000,001/);
  }, 60_000);

  it('refuses a message too big for one request with why, in an answer the page can read, not a dropped connection', async () => {
    const res = await fetch(`${pg.url}/playground/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ surface: 'dm', text: 'x'.repeat(26 << 20) }) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, error: expect.stringMatching(/the message is 26\.0 MB, more than the playground takes in one message \(25\.0 MB\): attach it as a file/) });
  });
});

describe('uploads larger than Slack takes, or than the bot reads', () => {
  const fake = new FakeSlackApi(TOKEN);
  /** What the routes sent to the bot (event bodies). */
  const delivered: string[] = [];
  let server: Server;
  let url = '';
  let page: Page;
  beforeAll(async () => {
    await fake.start();
    // Small limits, the same code: the bot reads 1 MB, "Slack" takes 4 MB.
    const routes = playgroundRoutes(fake, () => '', 'secret', async (req) => (delivered.push(req.body), { ok: true, status: 200 }), { botReads: 1 << 20, maxBytes: 4 << 20 });
    server = createServer((req, res) => void (routes(req, res) || res.writeHead(404).end()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    page = await openPage(url);
  });
  afterAll(async () => {
    page.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await fake.stop();
  });

  it('are read to their end and answered 413 with why, never a dropped connection', async () => {
    const got = await page.upload('huge.log', Buffer.alloc(5 << 20, 0x61));
    expect(got).toEqual({ status: 413, ok: false, name: 'huge.log', size: 5 << 20, error: 'not uploaded: Slack takes files up to 4.0 MB' });
  });

  it('show in the message that named them, with why; nothing goes to the bot when nothing else was sent', async () => {
    const before = delivered.length;
    const sent = await page.post('send', { surface: 'dm', text: '', files: [], refused: [{ name: 'huge.log', size: 5 << 20 }] });
    expect(sent).toMatchObject({ ok: true });
    await expect.poll(() => page.seen.find((e) => e.from === 'user' && e.ts === sent.ts)?.files).toEqual([{ name: 'huge.log', size: 5 << 20, error: 'not uploaded: Slack takes files up to 4.0 MB' }]);
    expect(delivered.length).toBe(before);
  });

  it('keep no more of an upload than the bot reads (and a little), and report its whole size', async () => {
    const file = await page.upload('long.log', Buffer.alloc(3 << 20, 0x61));
    expect(file).toMatchObject({ ok: true, size: 3 << 20 });
    await page.post('send', { surface: 'dm', text: 'is this known?', files: [file.id] });
    const shared = (JSON.parse(delivered.at(-1)!) as { event: { files: { size: number; url_private_download: string }[] } }).event.files[0]!;
    expect(shared.size).toBe(3 << 20);
    const served = await fetch(shared.url_private_download, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect((await served.arrayBuffer()).byteLength).toBe(2 << 20);
  });

  it('tell the page the limits', () => {
    expect(page.seen[0]).toMatchObject({ kind: 'hello', fileMaxBytes: 1 << 20, uploadMaxBytes: 4 << 20 });
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

  it('reads the first KB_FILE_MAX_BYTES of an upload in the playground, and concludes on what it read', async () => {
    const file = await page.upload('mid.log', log(3e6, 2.5e6));
    const sent = await page.post('send', { surface: 'dm', text: 'what crashed?', files: [file.id] });
    expect(page.seen.find((e) => e.from === 'user' && e.ts === sent.ts)?.files).toEqual([{ name: 'mid.log', size: 3e6 }]);
    const reply = await page.replyTo(sent.ts);
    expect(reply).toContain('No known crash or log line in the first 2.0 MB of mid.log (the rest was not read).');
    expect(reply).not.toContain('KB 298398');
  });
});
