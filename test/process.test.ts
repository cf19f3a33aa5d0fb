import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { FakeSlackApi } from '../src/playground/fake-slack-api.ts';
import { eventBody, sendToBot } from '../src/playground/slack-requests.ts';
import { TOKEN, SECRET, sleep } from './support/slack-harness.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
let fake: FakeSlackApi;
beforeAll(async () => {
  fake = new FakeSlackApi(TOKEN);
  await fake.start();
});
afterAll(async () => fake.stop());

describe('the real process', () => {
  it('on SIGTERM finishes the answer in flight, then exits 0', async () => {
    const proc = spawn(process.execPath, ['bin/kb-bot.js', 'start'], {
      cwd: root,
      env: { ...process.env, SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${fake.url}/api/`, PORT: '0', HOST: '127.0.0.1', SLACK_API_TIMEOUT_MS: '500', LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: proc.stdout! }).on('line', (l) => l.includes('HTTP mode on') && resolve(l));
      proc.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line)![1]!;
    // The first post hangs, so the answer is still in flight when SIGTERM arrives.
    fake.failNext('chat.postMessage', { hang: true });
    const res = await sendToBot(url, SECRET, eventBody({ type: 'app_mention', user: 'U1', text: '<@UKBBOT0001> TAS 2.13.20', ts: '1730000000.000100', channel: 'CTERM' }));
    expect(res.status).toBe(200);
    await sleep(100);
    const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(fake.of('chat.postMessage').filter((c) => c.args.channel === 'CTERM')).toHaveLength(1);
  }, 30_000);

  it('names the variable to fix when the configuration is wrong', async () => {
    const proc = spawn(process.execPath, ['bin/kb-bot.js', 'start'], { cwd: root, env: { ...process.env, SLACK_BOT_TOKEN: 'not-a-token' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    expect(await new Promise((r) => proc.once('exit', r))).toBe(2);
    expect(err).toContain('SLACK_BOT_TOKEN must be a bot token starting with xoxb-');
  }, 30_000);
});
