import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { FakeSlackApi } from '../src/playground/fake-slack-api.ts';
import { FakeSocketMode } from '../src/playground/fake-socket-mode.ts';
import { eventBody } from '../src/playground/slack-requests.ts';
import { TOKEN, sleep } from './support/slack-harness.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
let fake: FakeSlackApi;
let sm: FakeSocketMode;
beforeAll(async () => {
  fake = new FakeSlackApi(TOKEN);
  await fake.start();
  sm = new FakeSocketMode(fake);
  await sm.start();
});
afterAll(async () => {
  await sm.stop();
  await fake.stop();
});

const startBot = (env: Record<string, string>) => {
  const proc = spawn(process.execPath, ['bin/kb-bot.js', 'start'], {
    cwd: root,
    env: { ...process.env, SLACK_BOT_TOKEN: TOKEN, SLACK_APP_TOKEN: sm.appToken, SLACK_API_URL: `${fake.url}/api/`, PORT: '0', HOST: '127.0.0.1', SLACK_API_TIMEOUT_MS: '500', LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve));
  return { proc, exited, err: () => err };
};

describe('the real process in Socket Mode', () => {
  it('on SIGTERM closes the socket cleanly first, finishes the answer in flight, then exits 0', async () => {
    const { proc, exited } = startBot({});
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: proc.stdout! }).on('line', (l) => l.includes('Socket Mode') && resolve(l));
      proc.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line)![1]!;
    for (let i = 0; i < 200 && (await fetch(`${url}/readyz`)).status !== 200; i++) await sleep(50);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const connection = sm.connections.at(-1)!;
    // The first post hangs (then times out and is retried), so the answer is still in flight at SIGTERM.
    fake.failNext('chat.postMessage', { hang: true });
    await sm.deliver(eventBody({ type: 'app_mention', user: 'U1', text: '<@UKBBOT0001> TAS 2.13.20', ts: '1730000000.000200', channel: 'CSMTERM' })).acked;
    await sleep(100);
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    const posted = fake.of('chat.postMessage').filter((c) => c.args.channel === 'CSMTERM');
    expect(posted).toHaveLength(1);
    expect(connection).toMatchObject({ closedBy: 'bot', closeCode: 1000 });
    expect(connection.closedAt!).toBeLessThanOrEqual(posted[0]!.at);
    expect(sm.opens).toBe(1);
  }, 30_000);

  it('exits 2 naming SLACK_APP_TOKEN when Slack refuses it', async () => {
    const { exited, err } = startBot({ SLACK_APP_TOKEN: 'xapp-1-A0KBBOT-revoked' });
    expect(await exited).toBe(2);
    expect(err()).toContain('kb-bot could not connect to Slack: Slack refused apps.connections.open (invalid_auth): check SLACK_APP_TOKEN');
  }, 30_000);
});
