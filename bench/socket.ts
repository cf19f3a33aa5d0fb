/**
 * bench/socket: the real bot process in Socket Mode against this process's
 * fakes of Slack (Web API and Socket Mode). Reports, at a steady 100
 * envelopes/s for 10 s (mentions and pasted crashes, half each): ack delay
 * p50/p99/max (Slack's deadline is 3 s) and envelope-to-posted-reply p50/p99;
 * then 8 `refresh_requested` reconnects, 10.5 s apart: the gap from Slack's `disconnect` to
 * the new connection's `hello`, and the ack delay of an event sent into each
 * gap, counted from when it was sent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { FakeSlackApi } from '../src/playground/fake-slack-api.ts';
import { FakeSocketMode } from '../src/playground/fake-socket-mode.ts';
import { eventBody } from '../src/playground/slack-requests.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const TOKEN = 'xoxb-bench';
const seed = readFileSync(join(root, 'test/fixtures/traces/match/seed-verbatim.log'), 'utf8');
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runSocket(): Promise<void> {
  const fake = new FakeSlackApi(TOKEN);
  await fake.start();
  const sm = new FakeSocketMode(fake);
  await sm.start();
  const proc = spawn(process.execPath, ['bin/kb-bot.js', 'start'], {
    cwd: root,
    env: { ...process.env, SLACK_BOT_TOKEN: TOKEN, SLACK_APP_TOKEN: sm.appToken, SLACK_API_URL: `${fake.url}/api/`, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await sm.waitForConnections(1, 30_000);
    const sentAt = new Map<string, number>();
    const replies: number[] = [];
    fake.on('call', (c: { method: string; args: Record<string, unknown>; at: number }) => {
      const t = c.method === 'chat.postMessage' ? sentAt.get(String(c.args.channel)) : undefined;
      if (t !== undefined) replies.push(c.at - t);
    });
    const acks: Promise<number>[] = [];
    for (let i = 0; i < 1000; i++) {
      const channel = `CB${i}`;
      const ts = `1740${String(i).padStart(6, '0')}.000100`;
      const ev = i % 2 === 0
        ? eventBody({ type: 'app_mention', user: 'U1', text: '<@UKBBOT0001> is TAS 2.13.20 affected?', ts, channel })
        : eventBody({ type: 'message', channel_type: 'channel', user: 'U1', text: seed, ts, channel });
      sentAt.set(channel, Date.now());
      acks.push(sm.deliver(ev).acked.then((d) => d.ackedAt! - d.sentAt, () => Infinity));
      await sleep(10);
    }
    const ackMs = await Promise.all(acks);
    for (let i = 0; i < 100 && replies.length < 1000; i++) await sleep(100);
    console.log(`socket: 1000 envelopes at 100/s — ack p50 ${pct(ackMs, 50)} ms, p99 ${pct(ackMs, 99)} ms, max ${Math.max(...ackMs)} ms; reply p50 ${pct(replies, 50)} ms, p99 ${pct(replies, 99)} ms (${replies.length} replies)`);

    const gaps: number[] = [];
    const gapAcks: number[] = [];
    for (let i = 0; i < 8; i++) {
      const before = sm.connections.length;
      const t0 = Date.now();
      sm.disconnect('refresh_requested');
      const sent = Date.now();
      const acked = sm.deliver(eventBody({ type: 'app_mention', user: 'U1', text: '<@UKBBOT0001> TAS 2.13.21', ts: `1750${String(i).padStart(6, '0')}.000100`, channel: `CG${i}` })).acked;
      const next = await sm.waitForConnections(before + 1, 30_000);
      gaps.push(next.openedAt - t0);
      gapAcks.push((await acked).ackedAt! - sent);
      // Connections shorter than 10 s count as flaps (the bot backs off); wait past that, as Slack's refreshes are hours apart.
      if (i < 7) await sleep(10_500);
    }
    console.log(`socket: 8 refresh_requested — reconnect gap p50 ${pct(gaps, 50)} ms, max ${Math.max(...gaps)} ms; an event sent into the gap acked after p50 ${pct(gapAcks, 50)} ms, max ${Math.max(...gapAcks)} ms`);
  } finally {
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
    await sm.stop();
    await fake.stop();
  }
}
