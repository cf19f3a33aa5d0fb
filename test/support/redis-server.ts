import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';

/** A throw-away redis-server (Debian's) on a free loopback port, for the tests. */
export class TestRedis {
  private proc: ChildProcess | null = null;
  constructor(readonly port: number) {}

  static async start(): Promise<TestRedis> {
    const r = new TestRedis(await freePort());
    await r.up();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    this.proc = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (await canConnect(this.port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('redis-server did not start (is it installed? apt-get install redis-server)');
  }

  /** SIGSTOP: the server keeps its connections open and answers nothing (a hung Redis). */
  pause(): void {
    this.proc?.kill('SIGSTOP');
  }

  /** SIGCONT: the paused server answers again, queued commands first. */
  resume(): void {
    this.proc?.kill('SIGCONT');
  }

  /** The server's process id (for tests that stop it from outside). */
  get pid(): number | undefined {
    return this.proc?.pid;
  }

  async kill(): Promise<void> {
    const p = this.proc;
    if (!p) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGCONT');
    p.kill('SIGKILL');
    await exited;
    this.proc = null;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = connect(port, '127.0.0.1');
    c.once('connect', () => {
      c.end();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}
