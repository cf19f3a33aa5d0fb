import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createServer as createHttpServer, request, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeSlackApi } from '../src/playground/fake-slack-api.ts';
import { eventBody, sendToBot } from '../src/playground/slack-requests.ts';
import { proxyAgent } from '../src/server/proxy-agent.ts';
import { createBot } from '../src/app/create-bot.ts';
import { downloadFile } from '../src/slack/download-file.ts';
import { jsonLogger } from '../src/observe/json-logger.ts';
import { realKb } from './support/kb.ts';
import { TOKEN, SECRET } from './support/slack-harness.ts';
import { startBot } from './support/bot-process.ts';

/**
 * A corporate proxy on loopback: CONNECT tunnels (what HTTPS through a proxy
 * is) and plain forwarded requests, each recorded. Slack is played by the fake
 * Web API behind a TLS front with a certificate made for this run, trusted by
 * the bot through NODE_EXTRA_CA_CERTS — so the bot speaks HTTPS to "Slack" as
 * it would in production, and HTTPS_PROXY is what decides the route.
 */
class LoopbackProxy {
  readonly seen: string[] = [];
  private readonly server: Server = createHttpServer((req, res) => {
    this.seen.push(`${req.method} ${req.url}`);
    const up = request(req.url ?? '', { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  url = '';

  constructor() {
    this.server.on('connect', (req, client, head) => {
      this.seen.push(`CONNECT ${req.url}`);
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host === 'localhost' ? '127.0.0.1' : host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

let dir: string;
let fake: FakeSlackApi;
let proxy: LoopbackProxy;
let tls: Server;
let slackUrl = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kb-proxy-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  fake = new FakeSlackApi(TOKEN);
  await fake.start();
  const backend = new URL(fake.url);
  tls = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
    const up = request({ host: backend.hostname, port: backend.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    req.pipe(up);
  });
  await new Promise<void>((r) => tls.listen(0, '127.0.0.1', () => r()));
  slackUrl = `https://localhost:${(tls.address() as AddressInfo).port}/api/`;
  proxy = new LoopbackProxy();
  await proxy.start();
});
afterAll(async () => {
  await proxy.stop();
  tls.closeAllConnections();
  await new Promise<void>((r) => tls.close(() => r()));
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the bot with these proxy settings, mentions it, and returns what the proxy saw meanwhile. */
async function mentionThrough(env: NodeJS.ProcessEnv, channel: string): Promise<string[]> {
  proxy.seen.length = 0;
  const bot = startBot({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slackUrl, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem'), SLACK_API_TIMEOUT_MS: '2000', ...env });
  try {
    await bot.logLine('KB_SLACK_OK');
    const res = await sendToBot(await bot.url, SECRET, eventBody({ type: 'app_mention', user: 'U1', text: '<@UKBBOT0001> TAS 2.13.20', ts: `1730000000.${channel.length}00300`, channel }));
    expect(res.status).toBe(200);
    await fake.waitFor('chat.postMessage', fake.of('chat.postMessage').filter((c) => c.args.channel !== channel).length + 1, 15_000);
    expect(fake.of('chat.postMessage').some((c) => c.args.channel === channel)).toBe(true);
    return [...proxy.seen];
  } finally {
    expect(await bot.stop()).toBe(0);
  }
}

describe('HTTPS_PROXY and NO_PROXY', () => {
  const host = () => new URL(slackUrl).host;

  it('sends the Web API calls (auth.test, chat.postMessage) through the proxy', async () => {
    const seen = await mentionThrough({ HTTPS_PROXY: proxy.url, NO_PROXY: '' }, 'CPROXY');
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set([`CONNECT ${host()}`]));
  }, 60_000);

  it('reaches hosts named in NO_PROXY directly', async () => {
    const seen = await mentionThrough({ HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost' }, 'CDIRECT');
    expect(seen).toEqual([]);
  }, 60_000);

  it('downloads files through it', async () => {
    proxy.seen.length = 0;
    const file = fake.addFile('gorouter.stderr.log', 'fatal error: concurrent map writes\n');
    const transport = await proxyAgent({ HTTP_PROXY: proxy.url });
    const bot = createBot({ kb: realKb, logger: jsonLogger(() => {}), botToken: TOKEN, slackApiUrl: `${fake.url}/api/`, ...(transport ? { fetch: transport.fetch } : {}) });
    const got = await downloadFile(bot, file);
    expect(got).toMatchObject({ text: 'fatal error: concurrent map writes\n' });
    expect(proxy.seen).toEqual([`CONNECT ${new URL(fake.url).host}`]);
  });

  it('is off when no proxy is set, and names a malformed one', async () => {
    expect(await proxyAgent({})).toBeUndefined();
    await expect(proxyAgent({ HTTPS_PROXY: 'proxy.corp:3128' })).rejects.toThrow('HTTPS_PROXY must be a proxy URL such as http://proxy.corp.example:3128, not "proxy.corp:3128"');
    expect((await proxyAgent({ https_proxy: 'http://user:secret@proxy.corp:3128', no_proxy: '.corp.example' }))?.describe).toBe('https via http://redacted@proxy.corp:3128; direct for .corp.example');
  });
});
