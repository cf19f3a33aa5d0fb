import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogLevel } from '@slack/bolt';
import { startPlayground } from '../src/app/start-playground.ts';
import { jsonLogger } from '../src/observe/json-logger.ts';
import { readConfig } from '../src/server/read-config.ts';
import { realKb } from './support/kb.ts';
import { listenToPlayground } from './support/playground-stream.ts';
import type { RunningBot } from '../src/app/run-bot.ts';

let pg: RunningBot;
let seen: Record<string, unknown>[] = [];
let listener: Awaited<ReturnType<typeof listenToPlayground>>;

beforeAll(async () => {
  pg = await startPlayground({ kb: realKb, logger: jsonLogger(() => {}, LogLevel.ERROR), port: 0, host: '127.0.0.1', mode: 'socket' });
  listener = await listenToPlayground(pg.url);
  seen = listener.seen;
});
afterAll(async () => {
  listener.close();
  await pg.stop(1000);
});

const post = async (path: string, body: Record<string, unknown>) => (await fetch(`${pg.url}/playground/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<Record<string, unknown>>;
async function botSays(text: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 400; i++) {
    const m = seen.find((e) => e.from === 'bot' && JSON.stringify(e).includes(text));
    if (m) return m;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`the bot never said ${text}`);
}

describe('the playground over Socket Mode (KB_PLAYGROUND_MODE=socket)', () => {
  it('is read from the environment, and only http or socket', () => {
    expect(readConfig({ KB_PLAYGROUND_MODE: 'socket' }).playgroundMode).toBe('socket');
    expect(() => readConfig({ KB_PLAYGROUND_MODE: 'websocket' })).toThrow('KB_PLAYGROUND_MODE must be http or socket');
  });

  it('runs the bot connected over Socket Mode, with no HTTP endpoint for Slack', async () => {
    for (let i = 0; i < 250 && (await fetch(`${pg.url}/readyz`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await (await fetch(`${pg.url}/readyz`)).json()).toMatchObject({ ready: true, mode: 'playground', transport: 'socket', slack: 'connected' });
    expect((await fetch(`${pg.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it("answers the page's mention in its thread", async () => {
    const sent = await post('send', { text: '@kb-bot is TAS 2.13.20 affected?', surface: 'channel' });
    expect(sent).toMatchObject({ ok: true, status: 200 });
    const reply = await botSays('TAS 2.13.20');
    expect(reply.threadTs).toBe(sent.ts);
  });

  it("answers the page's /kb command, and a button click on the answer", async () => {
    expect(await post('send', { text: '/kb help', surface: 'channel' })).toMatchObject({ ok: true });
    await botSays('kb_share');
    expect(await post('action', { actionId: 'kb_mitigation', value: '298398', messageTs: '1.1' })).toMatchObject({ ok: true });
    expect((await botSays('How to mitigate KB 298398')).ephemeral).toBe(true);
  });
});
