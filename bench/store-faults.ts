/**
 * bench/store-faults: two replicas sharing Redis, 100 mentions/s for 10 s,
 * a tenth delivered twice (to the other replica, as Slack's retries are),
 * in one run: Redis healthy; Redis killed for 5 s (an outage) and started
 * again; Redis stopped with SIGSTOP for 5 s (a hang: connections stay open,
 * nothing answers) and continued. Reports duplicates and unanswered events
 * per scenario: a hang should cost no more duplicates than an outage.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { FakeSlackApi } from '../src/playground/fake-slack-api.ts';
import { freePort, replica, run } from './replicas.ts';

const TOKEN = 'xoxb-bench';

function redisServer(port: number): ChildProcess {
  return spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
}

async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (await check()) return;
  throw new Error('bench: the replicas did not see Redis again');
}

export async function runStoreFaults(): Promise<void> {
  const port = await freePort();
  let redis = redisServer(port);
  const fake = new FakeSlackApi(TOKEN);
  await fake.start();
  const procs: ChildProcess[] = [];
  const url = `redis://127.0.0.1:${port}`;
  const onRedis = async (urls: string[]) => {
    for (const u of urls) if (((await (await fetch(`${u}/readyz`)).json()) as { store: string }).store !== 'redis') return false;
    return true;
  };
  try {
    await new Promise((r) => setTimeout(r, 300));
    const a = await replica(fake.url, url);
    const b = await replica(fake.url, url);
    procs.push(a.proc, b.proc);
    const urls = [a.url, b.url];
    await until(() => onRedis(urls));
    await run('warm-up', urls, fake, 'WSF', 2);
    console.log('store-faults: 2 replicas on Redis, 100 mentions/s for 10 s, every tenth delivered twice; the fault lasts 5 s from t = 2 s');
    console.log(await run('Redis healthy', urls, fake, 'SFOK'));
    const outage = setTimeout(() => redis.kill('SIGKILL'), 2000);
    const back = setTimeout(() => (redis = redisServer(port)), 7000);
    console.log(await run('Redis killed (outage), restarted', urls, fake, 'SFOUT'));
    clearTimeout(outage);
    clearTimeout(back);
    await until(() => onRedis(urls));
    const stop = setTimeout(() => redis.kill('SIGSTOP'), 2000);
    const cont = setTimeout(() => redis.kill('SIGCONT'), 7000);
    console.log(await run('Redis SIGSTOP (hang), SIGCONT', urls, fake, 'SFHANG'));
    clearTimeout(stop);
    clearTimeout(cont);
  } finally {
    for (const p of procs) p.kill('SIGTERM');
    redis.kill('SIGCONT');
    redis.kill('SIGKILL');
    await fake.stop();
  }
}
