import { describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { connect } from 'node:net';
import { eventBody, sendToBot } from '../src/playground/slack-requests.ts';
import { signRequest } from '../src/playground/sign-request.ts';
import { SECRET, SEED, sleep, until } from './support/slack-harness.ts';
import { processFixtures } from './support/bot-process.ts';

const { fakeSlack, bot, readyz, postsIn, mention } = processFixtures();
let n = 0;
/** A liveness probe as a supervisor sends it: failed when not answered 200 within 1 s (Kubernetes' default timeout). */
async function probe(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

describe('hostile uploads', () => {
  it('five 8 MB adversarial files: every event is acked before Slack gives up, every liveness probe passes, and a mention meanwhile is answered', async () => {
    const f = await fakeSlack();
    const b = await bot(`${f.url}/api/`);
    await until(async () => (await readyz(b)).status === 200, 20_000);
    const size = 8 << 20;
    const shapes = ['panic: ', 'panic: x\n', 'fatal error: ', `${'('.repeat(4000)})x\n`, `panic: ${'`'.repeat(4000)}x\n`];
    const files = shapes.map((unit, i) => f.addFile(`hostile-${i}.log`, unit.repeat(Math.ceil(size / unit.length)).slice(0, size)));
    const upload = eventBody({ type: 'message', subtype: 'file_share', channel_type: 'im', user: 'U9', text: 'what is this?', ts: `1770100${String(++n).padStart(3, '0')}.000100`, channel: 'DHOSTILE', files });
    // Sent as Slack sends: given up after 3 s. A failed probe or a given-up event is the failure, not a duration.
    let failedProbes = 0;
    expect((await sendToBot(b.url, SECRET, upload, undefined, { asSlack: true })).status).toBe(200);
    const t0 = performance.now();
    let asked = false;
    while (postsIn(f, 'DHOSTILE').length === 0 && performance.now() - t0 < 60_000) {
      if (!(await probe(`${b.url}/healthz`))) failedProbes++;
      if (!asked && f.of('file_download').length >= 2) {
        asked = true;
        expect((await sendToBot(b.url, SECRET, mention('CDURING'), undefined, { asSlack: true })).status).toBe(200);
      }
      await sleep(25);
    }
    expect(postsIn(f, 'DHOSTILE')).toHaveLength(1);
    await until(() => postsIn(f, 'CDURING').length === 1, 10_000);
    expect(failedProbes).toBe(0);
    expect(await b.stop()).toBe(0);
  }, 90_000);
});

describe('downloads and shutdown', () => {
  it('SIGTERM during a download at 1 KB/s: the notice says the shutdown cut it short and what was read (not the file timeout), and the process exits after its grace', async () => {
    const f = await fakeSlack();
    const b = await bot(`${f.url}/api/`, { KB_SHUTDOWN_GRACE_MS: '1500', KB_FILE_TIMEOUT_MS: '120000' });
    await until(async () => (await readyz(b)).status === 200, 20_000);
    const file = f.addFile('trickle.log', `${SEED}\n${'x'.repeat(1 << 20)}`, 'text/plain', 'text', { bytesPerSecond: 1024 });
    await sendToBot(b.url, SECRET, eventBody({ type: 'message', subtype: 'file_share', channel_type: 'im', user: 'U9', text: '', ts: `1770200${String(++n).padStart(3, '0')}.000100`, channel: 'DTRICKLE', files: [file] }));
    await until(() => f.of('file_download').length > 0);
    await sleep(500);
    const t = performance.now();
    b.proc.kill('SIGTERM');
    expect(await b.exited).toBe(0);
    expect(performance.now() - t).toBeLessThan(10_000);
    // Cut by the shutdown, not by the file timeout (120 s here): the notice says so, and how much was read.
    const reply = JSON.stringify(postsIn(f, 'DTRICKLE')[0]?.args ?? {});
    expect(reply).toMatch(/trickle\.log was cut short: kb-bot is shutting down; it read the first 0\.0 MB \([\d,]+ bytes\) in \d s\./);
    expect(reply).not.toMatch(/too slowly|120 s/);
  }, 60_000);
});

describe('shutdown with a Web API call that hangs', () => {
  it('exits after its grace even though the post never returns', async () => {
    const f = await fakeSlack();
    const b = await bot(`${f.url}/api/`, { KB_SHUTDOWN_GRACE_MS: '1000', SLACK_API_TIMEOUT_MS: '120000' });
    await until(async () => (await readyz(b)).status === 200, 20_000);
    f.failNext('chat.postMessage', { hang: true }, 10);
    let hanging = false;
    f.once('failure', () => void (hanging = true));
    await sendToBot(b.url, SECRET, mention('CHANGPOST'));
    await until(() => hanging);
    const t = performance.now();
    b.proc.kill('SIGTERM');
    expect(await b.exited).toBe(0);
    // Grace 1 s, one more second for aborted work, two for what still holds the process.
    expect(performance.now() - t).toBeLessThan(15_000);
    expect(b.logs.join('\n')).toMatch(/grace period over/);
  }, 60_000);
});

describe('an unsigned flood', () => {
  it('100 concurrent unsigned 4 MB bodies and 100 slow forged ones: memory stays bounded and the bot keeps answering', async () => {
    const f = await fakeSlack();
    const b = await bot(`${f.url}/api/`);
    await until(async () => (await readyz(b)).status === 200, 20_000);
    const before = b.rssMb();
    const body = Buffer.alloc(4 << 20, 0x7b);
    const unsigned = Array.from({ length: 100 }, () => fetch(`${b.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.status, () => 0));
    // Forged but fresh signatures, 1 MB declared, sent slowly: they hold the budget, not more.
    const slow = Array.from({ length: 100 }, () => {
      const req = request(`${b.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(1 << 20), ...signRequest(SECRET, 'x') } }, (res) => res.resume());
      req.on('error', () => undefined);
      req.write(Buffer.alloc(64 << 10, 0x20));
      return req;
    });
    let peak = 0;
    for (let i = 0; i < 10; i++) {
      peak = Math.max(peak, b.rssMb());
      await sleep(100);
    }
    const statuses = await Promise.all(unsigned);
    expect(statuses.every((s) => s === 401 || s === 0)).toBe(true);
    expect((await fetch(`${b.url}/healthz`)).status).toBe(200);
    await sendToBot(b.url, SECRET, mention('CFLOOD'));
    await until(() => postsIn(f, 'CFLOOD').length === 1, 10_000);
    // Before: 196 → 902 MB. The budget for unverified bodies is 32 MB.
    expect(peak - before).toBeLessThan(150);
    for (const r of slow) r.destroy();
    b.proc.kill('SIGKILL');
  }, 90_000);
});

describe('idle connections', () => {
  /**
   * Opens a TCP connection that never sends a byte; `closed` resolves with how
   * long it stayed open, `got` is what the server wrote. It reads: a socket
   * that does not would never see the close after a response.
   */
  const idle = (url: string) =>
    new Promise<{ closed: Promise<number>; got: () => string }>((opened) => {
      const { hostname, port } = new URL(url);
      const s = connect(Number(port), hostname);
      let got = '';
      s.on('data', (d: Buffer) => void (got += d.toString('latin1')));
      s.on('error', () => undefined);
      s.once('connect', () => {
        const t = performance.now();
        opened({ closed: new Promise((closed) => s.once('close', () => closed(performance.now() - t))), got: () => got });
      });
    });

  it('by default, one that never sends a byte gets a 408 and is closed about 10 s after it opened (Node\'s headersTimeout counts from the opening)', async () => {
    const f = await fakeSlack();
    const b = await bot(`${f.url}/api/`);
    await until(() => b.logs.some((l) => l.includes('kb-bot started')), 20_000);
    const c = await idle(b.url);
    const ms = await c.closed;
    expect(ms).toBeGreaterThan(9000);
    expect(ms).toBeLessThan(13_000);
    expect(c.got()).toMatch(/^HTTP\/1\.1 408/);
    expect(await b.stop()).toBe(0);
  }, 60_000);

  it('a connection that never sends a byte is closed after KB_HTTP_IDLE_TIMEOUT_MS; past KB_HTTP_MAX_CONNECTIONS one is closed at once', async () => {
    const f = await fakeSlack();
    const b = await bot(`${f.url}/api/`, { KB_HTTP_IDLE_TIMEOUT_MS: '1500', KB_HTTP_MAX_CONNECTIONS: '3' });
    // Ready without a request of ours, which would hold a kept-alive connection.
    await until(() => b.logs.some((l) => l.includes('kb-bot started')), 20_000);
    const held = await Promise.all([idle(b.url), idle(b.url), idle(b.url)]);
    await sleep(100);
    const over = await idle(b.url);
    expect(await over.closed).toBeLessThan(1000);
    const openFor = await Promise.all(held.map((h) => h.closed));
    for (const ms of openFor) {
      expect(ms).toBeGreaterThan(1200);
      expect(ms).toBeLessThan(6000);
    }
    // The slots are free again.
    expect((await fetch(`${b.url}/healthz`)).status).toBe(200);
    expect(b.logs.join('\n')).toMatch(/KB_CONNECTIONS/);
    expect(await b.stop()).toBe(0);
  }, 60_000);
});
