import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { startHarness, until, SEED, type Harness } from './support/slack-harness.ts';
import { eventBody } from '../src/playground/slack-requests.ts';
import { BOT_USER_ID } from '../src/playground/fake-slack-api.ts';
import { PastePool, PoolBusyError } from '../src/node/paste-pool.ts';
import { LogLevel } from '@slack/bolt';
import { downloadFile, fileUrlProblem } from '../src/slack/download-file.ts';
import { SLACK_FILE_ORIGIN, createBot } from '../src/app/create-bot.ts';
import { jsonLogger } from '../src/observe/json-logger.ts';
import { realKb } from './support/kb.ts';
import { workerReader } from '../src/slack/read-input.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ fileTimeoutMs: 1500, fileMaxBytes: 16 << 20 });
});
afterAll(async () => h.close());

let n = 0;
const ts = () => `1750000${String(++n).padStart(3, '0')}.000100`;
const textOf = (call: { args: Record<string, unknown> }) => JSON.stringify(call.args.blocks ?? '') + String(call.args.text ?? '');
const replyIn = async (channel: string) => {
  await until(() => h.fake.of('chat.postMessage').some((c) => c.args.channel === channel), 15_000);
  return textOf(h.fake.of('chat.postMessage').find((c) => c.args.channel === channel)!);
};
const dm = (channel: string, text: string, files: unknown[]) => eventBody({ type: 'message', subtype: files.length ? 'file_share' : undefined, channel_type: 'im', user: 'U7', text, ts: ts(), channel, files });
const filler = (bytes: number) => 'goroutine 12 [select]:\nnet/http.(*persistConn).writeLoop(0xc0003f2a20)\n\t/usr/local/go/src/net/http/transport.go:2421 +0xe5\n\n'.repeat(Math.ceil(bytes / 100));

describe('file URLs the token is sent to', () => {
  const api = 'http://127.0.0.1:4567';
  it.each([
    ['https://files.slack.com/files-pri/T1-F1/download/x.log', null],
    ['https://files.slack.com:443/files-pri/T1-F1/x.log', null],
    ['http://files.slack.com/files-pri/T1-F1/x.log', /not a Slack file host/],
    ['ftp://files.slack.com/files-pri/T1-F1/x.log', /not a Slack file host/],
    ['https://files.slack.com.evil.example/files-pri/T1-F1/x.log', /not a Slack file host/],
    ['https://files.slack.com/api/auth.test', /not a Slack file path/],
    ['https://user:pw@files.slack.com/files-pri/T1-F1/x.log', /credentials/],
    [`${api}/files-pri/T1-F1/x.log`, null],
    [`${api}/api/auth.test`, /not a Slack file path/],
    ['https://127.0.0.1:4567/files-pri/T1-F1/x.log', /not a Slack file host/],
    ['not a url', /not a URL/],
  ])('%s', (url, problem) => {
    const got = fileUrlProblem(url, [SLACK_FILE_ORIGIN, new URL(api).origin]);
    if (problem === null) expect(got).toBeNull();
    else expect(got).toMatch(problem);
  });

  it('the bot refuses a plain-http Slack URL and an API path on the overridden host, sending no token', async () => {
    await until(() => h.fake.of('auth.test').length > 0);
    const before = h.fake.calls.length;
    const files = [
      { id: 'F1', name: 'plain.log', mimetype: 'text/plain', url_private_download: 'http://files.slack.com/files-pri/T1-F1/download/plain.log' },
      { id: 'F2', name: 'api.log', mimetype: 'text/plain', url_private_download: `${h.fake.url}/api/auth.test` },
    ];
    await h.send(dm('DURL1', 'what is this?', files));
    const reply = await replyIn('DURL1');
    expect(reply).toContain('plain.log: not downloaded');
    expect(reply).toContain('api.log: not downloaded');
    expect(h.fake.calls.slice(before).map((c) => c.method)).not.toContain('auth.test');
  });
});

describe('downloads', () => {
  it('a file that trickles in is answered from what arrived by the deadline, with a notice', async () => {
    const file = h.fake.addFile('slow.log', `${SEED}\n${filler(400_000)}`, 'text/plain', 'text', { bytesPerSecond: 20_000 });
    await h.send(dm('DSLOW', '', [file]));
    const reply = await replyIn('DSLOW');
    expect(reply).toContain('298398');
    expect(reply).toMatch(/slow\.log arrived too slowly; kb-bot read the first/);
  });

  it.each([
    ['while Slack has not started sending', false, /^stalled\.log was not read: kb-bot is shutting down$/],
    ['part way', true, /^stalled\.log was cut short: kb-bot is shutting down; it read the first 0\.0 MB \(6 bytes\) in \d+ s\.$/],
  ])('a download stopped by the shutdown %s says so, not that the file timeout passed', async (_, started, said) => {
    const pool = new PastePool({ size: 1 });
    const bot = createBot({ kb: realKb, logger: jsonLogger(() => {}, LogLevel.ERROR), botToken: 'xoxb-x', fileTimeoutMs: 60_000, pool });
    // Slack answers (or not) and then sends nothing more until the download is stopped.
    const stalled = (signal: AbortSignal) => new Promise<never>((_r, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
    const fetchFn = (async (_url: string, init: RequestInit) => {
      const signal = init.signal!;
      if (!started) return stalled(signal);
      const body = new ReadableStream<Uint8Array>({
        start: (c) => c.enqueue(new TextEncoder().encode('panic:')),
        pull: () => stalled(signal),
      });
      return new Response(body);
    }) as typeof fetch;
    setTimeout(() => bot.abort(), 100);
    const got = await downloadFile(bot, { name: 'stalled.log', url_private_download: `${SLACK_FILE_ORIGIN}/files-pri/T1-F1/stalled.log` }, fetchFn);
    expect('error' in got ? got.error : got.notice).toMatch(said);
    await pool.close();
  });

  it('downloads at once are bounded: past eight, a file is not read and the reply says to try again', async () => {
    const channels = Array.from({ length: 9 }, (_, i) => `DMANY${i}`);
    for (const c of channels) {
      const file = h.fake.addFile(`${c}.log`, `${SEED}\n${filler(100_000)}`, 'text/plain', 'text', { bytesPerSecond: 20_000 });
      await h.send(dm(c, '', [file]));
    }
    const replies = await Promise.all(channels.map(replyIn));
    expect(replies.filter((r) => /busy downloading other files; try again/.test(r))).toHaveLength(1);
    expect(replies.filter((r) => /arrived too slowly/.test(r))).toHaveLength(8);
  }, 30_000);

  it('a dump of tens of MB is streamed and its crash found, deep inside', async () => {
    const dump = `${filler(12e6)}\n${SEED}\n${filler(1e6)}`;
    const file = h.fake.addFile('goroutines.log.gz', gzipSync(dump), 'application/gzip', 'gzip');
    await h.send(dm('DBIG', 'what crashed?', [file]));
    const reply = await replyIn('DBIG');
    expect(reply).toContain('298398');
    expect(reply).toMatch(/goroutines\.log\.gz, excerpt at byte [\d,]+, line \d+/);
    expect(Number(/Scanned ([\d,]+) bytes/.exec(reply)?.[1]?.replace(/,/g, ''))).toBe(Buffer.byteLength(dump));
  });

  it('a gzip bomb is decompressed as a stream and cut at the size cap', async () => {
    const file = h.fake.addFile('bomb.log.gz', gzipSync(Buffer.alloc(256 << 20, 0x61)), 'application/gzip', 'gzip');
    await h.send(dm('DBOMB', 'what is this?', [file]));
    expect(await replyIn('DBOMB')).toContain('No known crash or log line in the first 16.0 MB of bomb.log.gz (the rest was not read).');
  }, 30_000);

  describe('a file cut at the read limit', () => {
    const logLines = (bytes: number) => '2026-03-01T02:14:07.123Z gorouter[router/0]: GET /v2/info 200 0.4ms\n'.repeat(Math.ceil(bytes / 68));
    const headerOf = (call: { args: Record<string, unknown> }) => (call.args.blocks as { type: string; text?: { text: string } }[])[0]?.text?.text;

    it('with nothing known in what was read, concludes so: the headline says what was read and that the rest was not', async () => {
      const file = h.fake.addFile('mid.log', `${logLines(17e6)}${SEED}\n${logLines(0.5e6)}`);
      await h.send(dm('DCUT1', '', [file]));
      await replyIn('DCUT1');
      const reply = h.fake.of('chat.postMessage').find((c) => c.args.channel === 'DCUT1')!;
      expect(headerOf(reply)).toBe('No known crash or log line in the first 16.0 MB of mid.log (the rest was not read).');
      expect(textOf(reply)).not.toMatch(/larger than 16\.0 MB/);
    }, 30_000);

    it('asked about in a mention, with a question besides, says so next to the answer', async () => {
      const file = h.fake.addFile('router.log', logLines(17e6));
      await h.send(eventBody({ type: 'app_mention', user: 'U7', subtype: 'file_share', text: `<@${BOT_USER_ID}> is TAS 2.13.20 affected? and what is in this log?`, ts: ts(), channel: 'CCUT2', files: [file] }));
      const reply = await replyIn('CCUT2');
      expect(reply).toMatch(/TAS 2\.13\.20/);
      expect(reply).toContain('No known crash or log line in the first 16.0 MB of router.log (the rest was not read).');
    }, 30_000);

    it('with a known crash before the cut, answers the crash and says only where reading stopped', async () => {
      const file = h.fake.addFile('early.log', `${logLines(1e6)}${SEED}\n${logLines(16e6)}`);
      await h.send(dm('DCUT3', '', [file]));
      const reply = await replyIn('DCUT3');
      expect(reply).toContain('This crash is KB 298398');
      expect(reply).toMatch(/early\.log is larger than 16\.0 MB; kb-bot read the first 16\.0 MB/);
      expect(reply).not.toMatch(/No known crash/);
    }, 30_000);
  });

  it('line numbers of an uploaded file are the file\'s own, next to the message text', async () => {
    const file = h.fake.addFile('router.log', `one\ntwo\n${SEED}`);
    await h.send(dm('DLINE', 'is this\nthe\nknown crash?', [file]));
    expect(await replyIn('DLINE')).toMatch(/router\.log line 3/);
  });

});

describe('the paste pool', () => {
  const reader = workerReader(realKb());
  it('refuses work past its queue at once, with a code, and takes work again when free', async () => {
    const pool = new PastePool({ size: 1, queue: 1 });
    try {
      const big = { text: 'panic: e\n'.repeat(600_000) };
      const first = pool.read(big, reader);
      const second = pool.read(big, reader);
      await expect(pool.read(big, reader)).rejects.toBeInstanceOf(PoolBusyError);
      expect((await first).paste.crashes.length).toBeGreaterThan(0);
      await second;
      expect((await pool.read({ text: 'panic: x\n' }, reader)).paste.crashes).toHaveLength(1);
    } finally {
      await pool.close();
    }
  }, 30_000);

  it('a worker that takes too long is replaced, and its job fails clearly', async () => {
    const pool = new PastePool({ size: 1, queue: 1, timeoutMs: 1 });
    try {
      await expect(pool.read({ text: 'panic: e\n'.repeat(600_000) }, reader)).rejects.toThrow(/longer than 1 ms/);
    } finally {
      await pool.close();
    }
  });

  it('when it is full, the asker is told "busy, try again"', async () => {
    const busy = await startHarness({ readWorkers: 1 });
    try {
      // Fill the one worker and its queue (4 per worker) with long reads.
      const hold = Array.from({ length: 5 }, () => busy.bot.bot.pool.read({ text: `${'panic: e\n'.repeat(900_000)}` }, reader).catch(() => null));
      await busy.send(dm('DBUSY', `is this known?\n${'x y z\n'.repeat(20_000)}`, []));
      await until(() => busy.fake.of('chat.postMessage').some((c) => c.args.channel === 'DBUSY'), 10_000);
      expect(textOf(busy.fake.of('chat.postMessage').find((c) => c.args.channel === 'DBUSY')!)).toMatch(/busy .* try again/);
      await Promise.all(hold);
    } finally {
      await busy.close();
    }
  }, 30_000);
});

describe('App Home activity', () => {
  it('shows each user only their own activity, and never the words of a DM', async () => {
    await h.send(eventBody({ type: 'message', channel_type: 'im', user: 'UALICE', text: 'is TAS 2.13.20 affected? our secret host is db-7.internal', ts: ts(), channel: 'DALICE' }));
    await replyIn('DALICE');
    const home = async (user: string) => {
      const before = h.fake.of('views.publish').length;
      await h.send(eventBody({ type: 'app_home_opened', user, channel: `D${user}`, tab: 'home' }));
      await until(() => h.fake.of('views.publish').length > before);
      const view = JSON.stringify(h.fake.of('views.publish').at(-1)!.args);
      return view.slice(view.indexOf('Your recent activity'));
    };
    await until(async () => /DM: /.test(await home('UALICE')));
    const alice = await home('UALICE');
    expect(alice).not.toMatch(/secret host|db-7/);
    const bob = await home('UBOB');
    expect(bob).not.toMatch(/DM: /);
    expect(bob).toContain('Nothing yet');
  });
});
