/**
 * Where a server's CPU goes per event: starts bench/event-server.ts under
 * `node --cpu-prof`, sends it the events bench's mix, stops it and sums the
 * profile by part (Node HTTP, undici, @slack/web-api, Bolt, kb-bot's core,
 * render, GC…). A sample in a builtin (JSON.stringify, RegExp) counts for the
 * nearest caller that belongs to a part.
 *
 *   node --import tsx bench/profile-events.ts [kb|same|tiny|ack] [events]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeSlackApi } from '../src/playground/fake-slack-api.ts';
import { child, Load, recordReplies, type Name, type Server } from './event-load.ts';

const [mode = 'kb', countText = '3000'] = process.argv.slice(2);
const COUNT = Number(countText);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const PARTS: [string, RegExp][] = [
  ['@slack/web-api', /@slack\/web-api|p-queue|p-retry/],
  ['@slack/bolt', /@slack\/bolt|raw-body|tsscmp/],
  ['kb-bot core', /\/src\/core\//],
  ['kb-bot render', /\/src\/render\//],
  ['kb-bot slack/app/store', /\/src\/(slack|app|store|observe|server)\//],
  ['prom-client', /prom-client/],
  ['undici (fetch)', /undici/],
  ['node http/net', /node:(_http|http|net|internal\/(http|stream|streams|net|js_stream|url|querystring)|stream|url|querystring|events|buffer)/],
  ['node crypto', /node:(crypto|internal\/crypto)/],
  ['other node internals', /^node:/],
  ['other packages', /node_modules/],
];

function partOf(url: string, fn: string): string | null {
  if (fn === '(garbage collector)') return 'GC';
  if (fn === '(idle)') return 'idle';
  if (fn === '(program)') return 'V8/native (program)';
  for (const [name, re] of PARTS) if (re.test(url)) return name;
  return null;
}

function summarize(p: Profile, from: number, to: number): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const parts = new Map<string, number>();
  const fns = new Map<string, number>();
  let total = 0;
  let at = p.startTime;
  p.samples.forEach((id, i) => {
    at += p.timeDeltas[i] ?? 0;
    if (at < from || at > to) return;
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    const leaf = byId.get(id);
    if (!leaf) return;
    let part: string | null = null;
    for (let cur: number | undefined = id; cur !== undefined && part === null; cur = parent.get(cur)) {
      const n = byId.get(cur) as ProfileNode;
      part = partOf(n.callFrame.url, n.callFrame.functionName);
    }
    part ??= 'unattributed';
    if (part === 'idle') return;
    total += dt;
    parts.set(part, (parts.get(part) ?? 0) + dt);
    const key = `${leaf.callFrame.functionName || '(anonymous)'} ${leaf.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/src\//, 'src/')}`;
    fns.set(key, (fns.get(key) ?? 0) + dt);
  });
  console.log(`${mode}: ${COUNT} events, ${total.toFixed(0)} ms of CPU outside idle = ${(total / COUNT).toFixed(2)} ms per event`);
  for (const [k, v] of [...parts].sort((a, b) => b[1] - a[1])) console.log(`  ${k.padEnd(24)} ${((100 * v) / total).toFixed(1).padStart(5)} %  ${(v / COUNT).toFixed(3)} ms/event`);
  const only = process.env.PROFILE_FILTER;
  console.log(`  top functions (self time)${only ? ` matching ${only}` : ''}:`);
  for (const [k, v] of [...fns].filter(([k]) => !only || k.includes(only)).sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`    ${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`);
}

const fake = new FakeSlackApi('xoxb-bench');
await fake.start();
const dir = mkdtempSync(join(tmpdir(), 'kb-prof-'));
const servers: Server[] = [];
try {
  const load = new Load(fake);
  const replies = join(dir, 'replies.json');
  if (mode === 'same') {
    const kb = await child('kb-bot', fake.url);
    servers.push(kb);
    await recordReplies(kb, fake, load, replies);
  }
  const name = (mode === 'kb' ? 'kb-bot' : mode) as Name;
  const s = await child(name, fake.url, mode === 'same' ? replies : undefined, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  servers.push(s);
  await load.capacity(s, 300, 16);
  // Samples before this moment (start-up, warm-up) are left out; V8's profile clock is CLOCK_MONOTONIC, as hrtime's.
  const from = Number(process.hrtime.bigint() / 1000n);
  await load.capacity(s, COUNT, 16);
  const to = Number(process.hrtime.bigint() / 1000n);
  const exited = new Promise((r) => s.proc.once('exit', r));
  s.proc.kill('SIGTERM');
  await exited;
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no profile written');
  summarize(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile, from, to);
} finally {
  for (const x of servers) x.proc.kill('SIGTERM');
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
}
