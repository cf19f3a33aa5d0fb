import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { FakeSlackApi } from '../src/playground/fake-slack-api.ts';
import { commandBody, sendToBot } from '../src/playground/slack-requests.ts';
import { loadKnowledgeDir } from '../src/node/load-knowledge-dir.ts';
import { TOKEN, SECRET } from './support/slack-harness.ts';
import { TestRedis } from './support/redis-server.ts';
import { NEW_ARTICLES, fleetKnowledgeCopy } from './support/fleet-kb.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
let fake: FakeSlackApi;
let redis: TestRedis;
const procs: ChildProcess[] = [];
beforeAll(async () => {
  fake = new FakeSlackApi(TOKEN);
  await fake.start();
  redis = await TestRedis.start();
});
afterAll(async () => {
  for (const p of procs) if (p.exitCode === null) p.kill('SIGKILL');
  await fake.stop();
  await redis.kill();
});

interface Replica {
  url: string;
  proc: ChildProcess;
  /** Resolves with the first JSON log line that `match` accepts (already logged or to come). */
  log: (match: (entry: Record<string, unknown>) => boolean) => Promise<Record<string, unknown>>;
}

/** `kb-bot start` in its own process, in HTTP mode against the fake Slack API. */
async function replica(dir: string, env: Record<string, string> = {}): Promise<Replica> {
  const proc = spawn(process.execPath, ['bin/kb-bot.js', 'start'], {
    cwd: root,
    env: { ...process.env, SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${fake.url}/api/`, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', KB_KNOWLEDGE_DIR: dir, KB_CACHE_DIR: mkdtempSync(join(tmpdir(), 'kb-cache-')), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  procs.push(proc);
  const entries: Record<string, unknown>[] = [];
  const waiters: { match: (e: Record<string, unknown>) => boolean; resolve: (e: Record<string, unknown>) => void }[] = [];
  createInterface({ input: proc.stderr! }).on('line', (line) => {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    entries.push(entry);
    for (const w of waiters.filter((x) => x.match(entry))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(entry);
    }
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).on('line', (l) => l.includes('HTTP mode on') && resolve(l));
    proc.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
  });
  return {
    url: /(http:\/\/127\.0\.0\.1:\d+)/.exec(line)![1]!,
    proc,
    log: (match) => {
      const seen = entries.find(match);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

const fleetCheck = (version: string) => (e: Record<string, unknown>) => e.code === 'KB_FLEET_NOTIFY' && e.knowledge === version && typeof e.result === 'string';
const notices = (channel: string) => fake.of('chat.postMessage').filter((c) => c.args.channel === channel && !String(c.args.text).includes('subscribed this channel'));

async function subscribe(r: Replica, channel: string): Promise<void> {
  const id = `sub-${channel}`;
  await sendToBot(r.url, SECRET, commandBody({ text: 'subscribe', user_id: 'U1', channel_id: channel, response_url: `${fake.url}/response/${id}` }));
  for (let i = 0; i < 200 && !fake.calls.some((c) => c.path === `/response/${id}`); i++) await new Promise((res) => setTimeout(res, 25));
  expect(JSON.stringify(fake.calls.find((c) => c.path === `/response/${id}`)?.args)).toContain('Subscribed');
}

function addArticle(dir: string): string {
  copyFileSync(join(NEW_ARTICLES, '408470-space-quota-service-instances.yml'), join(dir, 'articles/408470-space-quota-service-instances.yml'));
  const { knowledge, problems } = loadKnowledgeDir(dir);
  expect(problems).toEqual([]);
  return knowledge.version;
}

describe('fleet changes, in real processes', () => {
  it('a reload that adds an article affecting a subscribed foundation posts exactly one message', async () => {
    const dir = fleetKnowledgeCopy();
    const r = await replica(dir);
    await r.log(fleetCheck(loadKnowledgeDir(dir).knowledge.version));
    await subscribe(r, 'CPROC1');
    const version = addArticle(dir);
    r.proc.kill('SIGHUP');
    const result = await r.log(fleetCheck(version));
    expect(result.result).toBe('posted');
    const posted = notices('CPROC1');
    expect(posted).toHaveLength(1);
    expect(String(posted[0]!.args.text)).toContain('lab is now affected: capi-release 1.214.0: affected — upgrade to 1.215.0');
    r.proc.kill('SIGTERM');
  }, 60_000);

  it('two replicas sharing Redis post it once between them', async () => {
    const dir = fleetKnowledgeCopy();
    const before = loadKnowledgeDir(dir).knowledge.version;
    const [a, b] = [await replica(dir, { REDIS_URL: redis.url }), await replica(dir, { REDIS_URL: redis.url })];
    await Promise.all([a.log(fleetCheck(before)), b.log(fleetCheck(before))]);
    await subscribe(a, 'CPROC2');
    const version = addArticle(dir);
    a.proc.kill('SIGHUP');
    b.proc.kill('SIGHUP');
    const results = await Promise.all([a.log(fleetCheck(version)), b.log(fleetCheck(version))]);
    expect(results.map((x) => x.result).sort()).toEqual(expect.arrayContaining(['posted']));
    expect(results.filter((x) => x.result === 'posted')).toHaveLength(1);
    const posted = notices('CPROC2');
    expect(posted).toHaveLength(1);
    expect(String(posted[0]!.args.text)).toContain('Fleet: lab is now affected.');
    a.proc.kill('SIGTERM');
    b.proc.kill('SIGTERM');
  }, 60_000);
});
