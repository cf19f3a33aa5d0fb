import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { LogLevel } from '@slack/bolt';
import { startPlayground } from '../src/app/start-playground.ts';
import { jsonLogger } from '../src/observe/json-logger.ts';
import { realKb } from './support/kb.ts';
import type { RunningBot } from '../src/app/run-bot.ts';

/** Screenshots land here (named in the README). */
const SHOTS = fileURLToPath(new URL('../artifacts/screenshots/', import.meta.url));

let pg: RunningBot;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  pg = await startPlayground({ kb: realKb, logger: jsonLogger(() => {}, LogLevel.ERROR), port: 0, host: '127.0.0.1' });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${pg.url}/`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await pg?.stop(1000);
});

const botMessages = () => page.locator('.msg[data-from="bot"]');

describe('the playground in a browser', () => {
  it('answers "is TAS 2.13.20 affected?"', async () => {
    await page.getByRole('textbox', { name: 'Message' }).fill('@kb-bot is TAS 2.13.20 affected?');
    await page.keyboard.press('Enter');
    const reply = page.locator('.thread .msg[data-from="bot"]').filter({ hasText: 'TAS 2.13.20' }).first();
    await reply.waitFor({ timeout: 15_000 });
    expect(await reply.innerText()).toMatch(/affected by \d+ known issues/);
    await page.screenshot({ path: `${SHOTS}/version-question.png`, fullPage: true });
  });

  it('matches the pasted seed crash in a thread with the mitigation steps, and the version table button answers', async () => {
    await page.getByRole('button', { name: 'paste the gorouter crash' }).click();
    const reply = page.locator('.thread .msg[data-from="bot"]').filter({ hasText: 'Exact match' }).first();
    await reply.waitFor({ timeout: 15_000 });
    expect(await reply.innerText()).toContain('KB 298398');
    expect(await reply.innerText()).toContain('routing-release 0.269.0–0.278.0');
    expect(await reply.innerText()).toContain('Shorten the interval');
    const before = await botMessages().count();
    await reply.getByRole('button', { name: 'Version table' }).click();
    await expect.poll(() => botMessages().count(), { timeout: 15_000 }).toBeGreaterThan(before);
    const table = botMessages().last();
    expect(await table.innerText()).toContain('2.13.18–2.13.33 affected');
    expect(await table.innerText()).toContain('Only visible to you');
    await page.screenshot({ path: `${SHOTS}/crash-match.png`, fullPage: true });
  });

  it('runs /kb help', async () => {
    await page.getByRole('button', { name: '/kb help' }).click();
    const help = botMessages().filter({ hasText: 'Ask me' }).last();
    await help.waitFor({ timeout: 15_000 });
    expect(await help.innerText()).toMatch(/is TAS \d+\.\d+\.\d+ affected\?/);
    await page.screenshot({ path: `${SHOTS}/help.png`, fullPage: true });
  });

  it('shows App Home and works in dark mode', async () => {
    await page.getByRole('button', { name: '⌂ App Home' }).click();
    await page.locator('#home').getByText('KB 298398').first().waitFor({ timeout: 15_000 });
    await page.getByLabel('Dark').check();
    await page.screenshot({ path: `${SHOTS}/app-home-dark.png`, fullPage: true });
    await page.getByRole('button', { name: '# incidents' }).click();
    expect(await page.locator('.msg').count()).toBeGreaterThan(3);
  });
});
