import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { TOKEN, SECRET } from './support/slack-harness.ts';
import { expectSigtermDrains, useFakeSlack } from './support/bot-process.ts';

/**
 * `npm start` as a supervisor runs it: the signal goes to npm's process, not
 * to the bot. npm's script execs the bot, so npm's only child is the bot and
 * npm forwards SIGTERM/SIGINT to it.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const slack = useFakeSlack();

function npmStart(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn('npm', ['start', '--silent'], { cwd: root, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The first URL printed on a line that contains `marker`. */
function urlFrom(proc: ChildProcess, marker: string): Promise<string> {
  return new Promise((resolve, reject) => {
    createInterface({ input: proc.stdout! }).on('line', (l) => {
      const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(l)?.[1];
      if (l.includes(marker) && url) resolve(url);
    });
    proc.once('exit', (code) => reject(new Error(`npm start exited early with ${code}`)));
  });
}

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
    return false;
  } catch (e) {
    return ((e as Error).cause as { code?: string } | undefined)?.code === 'ECONNREFUSED';
  }
}

describe('npm start under a supervisor', () => {
  it('SIGTERM to the npm process drains the answer in flight, then npm and the bot exit', async () => {
    const proc = npmStart({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${slack.fake.url}/api/`, SLACK_API_TIMEOUT_MS: '500' });
    const url = await urlFrom(proc, 'HTTP mode on');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    await expectSigtermDrains(proc, url, slack.fake, 'CNPM', '1730000000.000200');
    // Drained: the answer was retried and posted once; the bot's port is closed (the bot is gone, not orphaned).
    expect(await refused(url)).toBe(true);
  }, 60_000);

  it('serves the playground from the built code, and SIGINT stops it', async () => {
    const proc = npmStart({ SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '', SLACK_SIGNING_SECRET: '' });
    const url = await urlFrom(proc, 'open http');
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(readFileSync(join(root, 'dist/chunks/public/index.html'), 'utf8'));
    expect(readFileSync(join(root, 'dist/chunks/public/index.html'), 'utf8')).toBe(readFileSync(join(root, 'src/playground/public/index.html'), 'utf8'));
    const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve));
    proc.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(await refused(url)).toBe(true);
  }, 60_000);
});
