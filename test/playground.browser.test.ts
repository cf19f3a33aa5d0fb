import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { LogLevel } from '@slack/bolt';
import { startPlayground } from '../src/app/start-playground.ts';
import { jsonLogger } from '../src/observe/json-logger.ts';
import { realKb } from './support/kb.ts';
import { launchChromium } from './support/playground-stream.ts';
import type { RunningBot } from '../src/app/run-bot.ts';

/** Screenshots land here (named in the README). */
const SHOTS = fileURLToPath(new URL('../artifacts/screenshots/', import.meta.url));
const EXAMPLE = readFileSync(fileURLToPath(new URL('../examples/gorouter.stderr.log', import.meta.url)), 'utf8');
/** The viewer is somewhere else than the server: times on the page are theirs. */
const VIEWER_TZ = 'Asia/Tokyo';

let pg: RunningBot;
let browser: Browser;
let page: Page;
const problems: string[] = [];
const started = Date.now();

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  pg = await startPlayground({ kb: realKb, logger: jsonLogger(() => {}, LogLevel.ERROR), port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, timezoneId: VIEWER_TZ, colorScheme: 'light' });
  page.on('console', (m) => void (m.type() === 'error' && problems.push(`console: ${m.text()}`)));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => void (r.status() >= 400 && problems.push(`HTTP ${r.status()} ${r.url()}`)));
  await page.goto(`${pg.url}/`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await pg?.stop(1000);
});

const botMessages = () => page.locator('.msg[data-from="bot"]');
const composer = () => page.getByRole('textbox', { name: 'Message' });

/** Types a message as a user would and waits until the bot has said `replies` more things. */
async function say(text: string, replies = 1): Promise<Locator> {
  const before = await botMessages().count();
  await composer().fill(text);
  await page.keyboard.press('Enter');
  await expect.poll(() => botMessages().count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(before + replies);
  return botMessages().last();
}

/** What the page's window offers (the tests are type-checked without the DOM library). */
interface Win {
  innerHeight: number;
  scrollY: number;
  document: { scrollingElement: { scrollHeight: number } };
}

/** Where an element is on the screen, and the window's size. */
const box = (l: Locator) => l.evaluate((el) => {
  const r = el.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height, vh: (globalThis as unknown as Win).innerHeight };
});

describe('the playground in a browser', () => {
  it('answers "is TAS 2.13.20 affected?"', async () => {
    await say('@kb-bot is TAS 2.13.20 affected?');
    const reply = page.locator('.thread .msg[data-from="bot"]').filter({ hasText: 'TAS 2.13.20' }).first();
    expect(await reply.innerText()).toMatch(/affected by \d+ known issues/);
    await page.screenshot({ path: `${SHOTS}/version-question.png` });
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
    await page.screenshot({ path: `${SHOTS}/crash-match.png`, });
  });

  it('runs /kb help', async () => {
    await page.getByRole('button', { name: '/kb help' }).click();
    const help = botMessages().filter({ hasText: 'Ask me' }).last();
    await help.waitFor({ timeout: 15_000 });
    expect(await help.innerText()).toMatch(/is TAS \d+\.\d+\.\d+ affected\?/);
  });

  it('after ten messages and a long paste, the newest reply and the composer are in view; only the message list scrolls', async () => {
    for (const q of ['@kb-bot is IST 2.13.15 affected?', '/kb list', '@kb-bot which TAS version fixes KB 298398?', '/kb search too many transfer encodings', '@kb-bot is TAS 3.0.12 affected?', '@kb-bot routing-release 0.270.0', '/kb is TAS 2.11.40 affected?']) await say(q);
    const crash = EXAMPLE.split('\n').slice(-45).join('\n');
    const reply = await say(`@kb-bot this took down a router last night, what is it?\n${crash}`);
    expect(await reply.innerText()).toContain('Exact match');
    expect(await page.locator('.msg[data-from="user"]').count()).toBeGreaterThanOrEqual(11);
    const list = page.locator('#messages');
    // The list has overflowed (the positive control), the page has not.
    expect(await list.evaluate((el) => el.scrollHeight > el.clientHeight * 2)).toBe(true);
    expect(await page.evaluate(() => {
      const w = globalThis as unknown as Win;
      return [w.document.scrollingElement.scrollHeight <= w.innerHeight, w.scrollY];
    })).toEqual([true, 0]);
    const c = await box(page.locator('#composer'));
    expect(c.top).toBeGreaterThan(c.vh / 2);
    expect(c.bottom).toBeLessThanOrEqual(c.vh);
    const side = await box(page.locator('.sidebar'));
    expect([side.top, side.bottom <= side.vh]).toEqual([0, true]);
    const r = await box(reply);
    const l = await box(list);
    expect(r.top).toBeGreaterThanOrEqual(l.top - 1);
    expect(r.top).toBeLessThan(l.bottom - 40);
    expect(r.bottom).toBeGreaterThan(l.top);
    await page.screenshot({ path: `${SHOTS}/after-ten-messages-and-a-long-paste.png` });
    // The paste itself is shown folded, as Slack does, and unfolds on request.
    const paste = page.locator('.msg[data-from="user"]').filter({ hasText: 'this took down a router' }).last();
    expect(await paste.locator('.text.collapsed').count()).toBe(1);
    const folded = (await box(paste)).height;
    await paste.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/long-paste-folded.png` });
    await paste.getByRole('button', { name: 'Show more' }).click();
    await expect.poll(async () => (await box(paste)).height).toBeGreaterThan(folded * 1.5);
    expect(await paste.getByRole('button', { name: 'Show less' }).count()).toBe(1);
  });

  it('shows each message at the ts Slack gave it, in the viewer’s time, beside the name and never over the text', async () => {
    const times = await page.locator('.msg .meta time').evaluateAll((els, tz) =>
      els.map((el) => {
        const d = new Date(el.getAttribute('datetime') ?? '');
        const meta = el.closest('.meta')!.getBoundingClientRect();
        const text = el.closest('.content')!.querySelector('.text')!.getBoundingClientRect();
        const t = el.getBoundingClientRect();
        return {
          at: d.getTime(),
          shown: el.textContent,
          expected: d.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit', timeZone: tz as string }),
          zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
          clear: t.bottom <= text.top + 1 && t.top >= meta.top - 1,
          ts: el.closest('.msg')!.getAttribute('data-ts'),
        };
      }), VIEWER_TZ);
    expect(times.length).toBeGreaterThan(20);
    for (const t of times) {
      expect(t.at).toBeGreaterThanOrEqual(started - 1000);
      expect(t.at).toBeLessThanOrEqual(Date.now() + 1000);
      expect(t.shown).toBe(t.expected);
      expect(t.zone).toBe(VIEWER_TZ);
      expect(t.clear).toBe(true);
    }
    // Slack's ts are unique, so every message has its own.
    expect(new Set(times.map((t) => t.ts)).size).toBe(times.length);
  });

  it('keeps the place of a reader who scrolled up, and offers a way back down', async () => {
    const list = page.locator('#messages');
    await list.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBe(0);
    // A button on an old answer up there: its reply arrives while the reader is reading.
    const before = await botMessages().count();
    await page.locator('.msg[data-from="bot"]').first().getByRole('button', { name: 'Mitigation' }).first().click();
    await expect.poll(() => botMessages().count(), { timeout: 15_000 }).toBeGreaterThan(before);
    expect(await list.evaluate((el) => el.scrollTop)).toBe(0);
    const pill = page.getByRole('button', { name: '↓ New messages' });
    await expect.poll(() => pill.isVisible()).toBe(true);
    await pill.click();
    await expect.poll(() => list.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(2);
    expect(await pill.isVisible()).toBe(false);
  });

  it('"Share in channel" posts the answer and takes the private one away', async () => {
    const answer = await say('/kb is TAS 2.13.30 affected?');
    expect(await answer.innerText()).toContain('Only visible to you');
    const shares = page.getByRole('button', { name: 'Share in channel' });
    const sharesBefore = await shares.count();
    expect(sharesBefore).toBeGreaterThan(0);
    await answer.getByRole('button', { name: 'Share in channel' }).click();
    const shared = page.locator('.msg[data-from="bot"]').filter({ hasText: 'Shared by' }).last();
    await shared.waitFor({ timeout: 15_000 });
    await expect.poll(() => shares.count()).toBe(sharesBefore - 1);
    expect(await shared.innerText()).not.toContain('Only visible to you');
  });

  it('answers in a thread, and unfurls a pasted article link', async () => {
    await page.locator('button.reply').first().click();
    await say('@kb-bot which IST version fixes it?');
    await page.locator('#cancel-thread').click();
    await composer().fill('see https://knowledge.broadcom.com/external/article/298398?utm_source=slack for the details');
    await page.keyboard.press('Enter');
    const card = page.locator('.msg[data-from="user"] .unfurl').last();
    await card.waitFor({ timeout: 15_000 });
    expect(await card.innerText()).toContain('KB 298398 is fixed in TAS 2.11.52, 2.13.34, 4.0.16, 5.0.6');
    expect(await card.getByRole('button', { name: 'Version table' }).count()).toBe(1);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/thread-and-unfurl.png` });
  });

  it('welcomes the user in the DM with examples that work', async () => {
    await page.getByRole('button', { name: '@ kb-bot (DM)' }).click();
    const welcome = page.locator('.msg[data-from="bot"]').filter({ hasText: "Hi, I'm kb-bot" });
    await welcome.waitFor({ timeout: 15_000 });
    const before = await botMessages().count();
    await welcome.locator('button[data-action^="kb_example_"]').first().click();
    await expect.poll(() => botMessages().count(), { timeout: 15_000 }).toBeGreaterThan(before);
    expect(await botMessages().last().innerText()).toMatch(/asked: is TAS \d+\.\d+\.\d+ affected\?/);
    await page.screenshot({ path: `${SHOTS}/dm-welcome.png` });
  });

  it('shows App Home with knowledge gaps and your own activity, and works in dark mode', async () => {
    await page.getByRole('button', { name: '⌂ App Home' }).click();
    const home = page.locator('#home');
    await home.getByText('KB 298398').first().waitFor({ timeout: 15_000 });
    expect(await home.innerText()).toContain('Knowledge gaps');
    expect(await home.innerText()).toMatch(/Your recent activity[\s\S]*mention: /);
    await page.getByLabel('Dark').check();
    await page.screenshot({ path: `${SHOTS}/app-home-dark.png` });
    await page.getByRole('button', { name: '# incidents' }).click();
    expect(await page.locator('.msg').count()).toBeGreaterThan(3);
    await page.screenshot({ path: `${SHOTS}/channel-dark.png` });
  });

  it('has a favicon and logged no errors', async () => {
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/favicon.svg');
    for (const path of ['/favicon.svg', '/favicon.ico']) expect((await fetch(`${pg.url}${path}`)).status).toBe(200);
    expect(problems).toEqual([]);
  });
});
