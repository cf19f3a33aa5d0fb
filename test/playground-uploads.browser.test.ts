import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { LogLevel } from '@slack/bolt';
import { startPlayground } from '../src/app/start-playground.ts';
import { jsonLogger } from '../src/observe/json-logger.ts';
import { realKb } from './support/kb.ts';
import { launchChromium } from './support/playground-stream.ts';
import { SEED } from './support/slack-harness.ts';
import type { RunningBot } from '../src/app/run-bot.ts';

/** Screenshots land here (named in the README). */
const SHOTS = fileURLToPath(new URL('../artifacts/screenshots/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kb-uploads-'));

let pg: RunningBot;
let browser: Browser;
let page: Page;
const problems: string[] = [];
const uploads: string[] = [];

/** A log file of `bytes` bytes of router lines, with the seed crash at `crashAt` (none when it is past the end). */
function logFile(name: string, bytes: number, crashAt: number): string {
  const line = '2026-03-01T02:14:07.123Z gorouter[router/0]: GET /v2/info 200 0.4ms x_cf_routererror:"-"\n';
  const fill = (n: number) => line.repeat(Math.ceil(n / line.length)).slice(0, Math.max(0, n));
  const path = join(dir, name);
  writeFileSync(path, crashAt < bytes ? `${fill(crashAt)}\n${SEED}\n${fill(bytes - crashAt - SEED.length - 2)}` : fill(bytes));
  return path;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // The playground as `npm start` runs it: the bot's own file limit (100 MiB unless KB_FILE_MAX_BYTES says otherwise).
  pg = await startPlayground({ kb: realKb, logger: jsonLogger(() => {}, LogLevel.ERROR), port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  page.on('console', (m) => void (m.type() === 'error' && problems.push(`console: ${m.text()}`)));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => void (r.status() >= 400 && problems.push(`HTTP ${r.status()} ${r.url()}`)));
  page.on('request', (r) => void (r.url().includes('/playground/upload') && uploads.push(r.url())));
  await page.goto(`${pg.url}/`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await pg?.stop(1000);
  rmSync(dir, { recursive: true, force: true });
});

/** Attaches `paths`, types `text` and sends it, as a user would. */
async function sendWith(text: string, paths: string[]): Promise<void> {
  await page.locator('#file').setInputFiles(paths);
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.keyboard.press('Enter');
}

describe('uploads from the playground page', () => {
  it('a 30 MB log with a crash at 25 MB: the message shows it, and the bot answers the crash in its thread', async () => {
    await sendWith('@kb-bot what crashed last night?', [logFile('router-30mb.log', 30e6, 25e6)]);
    const mine = page.locator('.msg[data-from="user"]').filter({ hasText: 'what crashed last night?' });
    await mine.waitFor({ timeout: 30_000 });
    expect(await mine.locator('.file-chip').innerText()).toBe('📄 router-30mb.log · 28.6 MB');
    const reply = page.locator('.thread .msg[data-from="bot"]').filter({ hasText: 'KB 298398' }).first();
    await reply.waitFor({ timeout: 30_000 });
    expect(await reply.innerText()).toMatch(/This crash is KB 298398 \(exact match\)/);
    expect(await reply.innerText()).toMatch(/router-30mb\.log, excerpt at byte 25,000,001/);
    await mine.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${SHOTS}/upload-30mb-crash.png` });
  }, 60_000);

  it('an attachment larger than Slack takes is not uploaded: the message still shows, and says why', async () => {
    const huge = join(dir, 'core-dump.log');
    writeFileSync(huge, '');
    truncateSync(huge, 1024 ** 3 + 1);
    const before = uploads.length;
    await page.locator('#file').setInputFiles([huge]);
    expect(await page.locator('#file-names').innerText()).toBe('core-dump.log (1.0 GB: too large to upload, Slack takes up to 1.0 GB)');
    await page.getByRole('textbox', { name: 'Message' }).fill('@kb-bot and this one?');
    await page.keyboard.press('Enter');
    const mine = page.locator('.msg[data-from="user"]').filter({ hasText: 'and this one?' });
    await mine.waitFor({ timeout: 15_000 });
    expect(await mine.getByRole('alert').innerText()).toBe('📄 core-dump.log · 1.0 GB — not uploaded: Slack takes files up to 1.0 GB');
    expect(uploads.length).toBe(before);
    await mine.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/upload-too-large.png` });
  });

  it('a log larger than the bot reads is uploaded, and the reply concludes on what was read', async () => {
    const path = logFile('router-110mb.log', 110e6, 105e6);
    await page.locator('#file').setInputFiles([path]);
    expect(await page.locator('#file-names').innerText()).toBe('router-110mb.log (104.9 MB: kb-bot reads its first 100.0 MB)');
    await page.getByRole('textbox', { name: 'Message' }).fill('@kb-bot anything known in here?');
    await page.keyboard.press('Enter');
    const mine = page.locator('.msg[data-from="user"]').filter({ hasText: 'anything known in here?' });
    await mine.waitFor({ timeout: 30_000 });
    const reply = page.locator('.thread .msg[data-from="bot"]').filter({ hasText: 'router-110mb.log' }).first();
    await reply.waitFor({ timeout: 30_000 });
    expect(await reply.innerText()).toContain('No known crash or log line in the first 100.0 MB of router-110mb.log (the rest was not read).');
    await mine.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${SHOTS}/upload-cut-at-limit.png` });
  }, 60_000);

  it('logged no errors', () => {
    expect(problems).toEqual([]);
  });
});
