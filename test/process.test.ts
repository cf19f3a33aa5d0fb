import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { TOKEN, SECRET } from './support/slack-harness.ts';
import { expectSigtermDrains, useFakeSlack } from './support/bot-process.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const slack = useFakeSlack();

describe('the real process', () => {
  it('on SIGTERM finishes the answer in flight, then exits 0', async () => {
    const proc = spawn(process.execPath, ['bin/kb-bot.js', 'start'], {
      cwd: root,
      env: { ...process.env, SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${slack.fake.url}/api/`, PORT: '0', HOST: '127.0.0.1', SLACK_API_TIMEOUT_MS: '500', LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: proc.stdout! }).on('line', (l) => l.includes('HTTP mode on') && resolve(l));
      proc.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line)![1]!;
    await expectSigtermDrains(proc, url, slack.fake, 'CTERM', '1730000000.000100');
  }, 30_000);

  it('names the variable to fix when the configuration is wrong', async () => {
    const proc = spawn(process.execPath, ['bin/kb-bot.js', 'start'], { cwd: root, env: { ...process.env, SLACK_BOT_TOKEN: 'not-a-token' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    expect(await new Promise((r) => proc.once('exit', r))).toBe(2);
    expect(err).toContain('SLACK_BOT_TOKEN must be a bot token starting with xoxb-');
  }, 30_000);
});
