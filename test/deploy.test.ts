import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { createHttpServer } from '../src/server/create-server.ts';
import { createMetrics } from '../src/observe/metrics.ts';
import { readConfig } from '../src/server/read-config.ts';
import { DRAIN_GRACE_MS } from '../src/app/run-bot.ts';
import { loadKnowledgeDir } from '../src/node/load-knowledge-dir.ts';
import { KNOWLEDGE_DIR } from './support/kb.ts';

/**
 * The deployment recipes, parsed and checked against the code: ports, health
 * paths, variables, the command that starts the bot, grace periods. What a
 * file says is compared with what the code does (a real server answers the
 * probes' paths; the image's health check runs against it).
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const read = (p: string) => readFileSync(join(root, p), 'utf8');
const DEFAULT_PORT = readConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).port;
/** Variables read by Node or by conventions of the platform, not by kb-bot's code. */
const NOT_OURS = new Set(['NODE_ENV', 'NODE_EXTRA_CA_CERTS']);

const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []));
/** Every environment variable the sources read (`env.NAME`, `env['NAME']`). */
const codeReads = new Set(files(join(root, 'src')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\benv(?:\.([A-Z][A-Z0-9_]*)|\[['"]([A-Z][A-Z0-9_]*)['"]\])/g)].map((m) => (m[1] ?? m[2]) as string)));

let server: Server;
let base = '';
beforeAll(async () => {
  server = createHttpServer({ metrics: createMetrics(), health: () => ({ ready: true, draining: false, knowledge: 'test' }) });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise<void>((r) => server.close(() => r())));
const status = async (path: string) => (await fetch(`${base}${path}`)).status;

describe('.env.example', () => {
  const listed = new Set([...read('.env.example').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] as string));
  it('lists every variable the code reads', () => {
    expect(codeReads.size).toBeGreaterThan(10);
    expect([...codeReads].filter((v) => !listed.has(v)).sort()).toEqual([]);
  });
  it('lists nothing the code does not read', () => {
    expect([...listed].filter((v) => !codeReads.has(v) && !NOT_OURS.has(v)).sort()).toEqual([]);
  });
});

/** Dockerfile instructions, continuation lines joined, comments dropped, split into stages. */
function dockerfile(text: string): { instruction: string; args: string }[][] {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const stages: { instruction: string; args: string }[][] = [[]];
  for (const l of lines) {
    const [instruction, ...rest] = l.split(/\s+/);
    const entry = { instruction: (instruction as string).toUpperCase(), args: rest.join(' ') };
    if (entry.instruction === 'FROM') stages.push([]);
    stages[stages.length - 1]?.push(entry);
  }
  return stages.filter((s) => s.length > 0);
}

describe('Dockerfile', () => {
  const stages = dockerfile(read('Dockerfile'));
  const runtime = stages[stages.length - 1] ?? [];
  const get = (name: string) => runtime.filter((i) => i.instruction === name).map((i) => i.args);
  const env = Object.fromEntries(get('ENV').flatMap((a) => [...a.matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)].map((m) => [m[1], m[2]])));

  it('builds in one stage and runs a slim Node 20 in another, as a non-root user', () => {
    expect(stages.length).toBe(3); // ARG before the first FROM, build, runtime
    expect(stages[0]?.[0]).toEqual({ instruction: 'ARG', args: 'NODE_IMAGE=node:20-slim' });
    expect(runtime[0]?.args).toBe('${NODE_IMAGE}');
    expect(get('USER')).toHaveLength(1);
    expect(get('USER')[0]).not.toMatch(/^(root|0)(:|$)/);
    // What runs is what the build made: bin/ and dist/ from the build stage, production node_modules.
    for (const p of ['bin', 'dist', 'node_modules', 'package.json']) expect(get('COPY')).toContain(`--from=build /app/${p} ./${p}`);
    expect(stages[1]?.map((i) => i.args).join('\n')).toContain('npm prune --omit=dev');
  });

  it('starts node on the bin directly, in the mode the code reads from the environment', () => {
    expect(JSON.parse(get('ENTRYPOINT')[0] as string)).toEqual(['node', 'bin/kb-bot.js']);
    expect(JSON.parse(get('CMD')[0] as string)).toEqual(['start']);
    expect(existsSync(join(root, 'bin/kb-bot.js'))).toBe(true);
    expect(get('STOPSIGNAL')).toEqual(['SIGTERM']);
  });

  it('exposes the port the code listens on, and mounts the knowledge where it reads it', () => {
    expect(Number(env.PORT)).toBe(DEFAULT_PORT);
    expect(get('EXPOSE')).toEqual([String(DEFAULT_PORT)]);
    expect(get('VOLUME')).toEqual([env.KB_KNOWLEDGE_DIR]);
    expect(get('COPY')).toContain(`knowledge ${env.KB_KNOWLEDGE_DIR}`);
    for (const name of Object.keys(env)) expect(codeReads.has(name) || NOT_OURS.has(name)).toBe(true);
  });

  it('has a HEALTHCHECK that passes against the real /healthz and fails when nothing answers', async () => {
    const hc = get('HEALTHCHECK')[0] as string;
    const cmd = JSON.parse(hc.slice(hc.indexOf('CMD') + 3).trim()) as string[];
    expect(cmd[0]).toBe('node');
    expect(cmd.join(' ')).toContain('/healthz');
    // Asynchronously: the server answering it lives in this process.
    const run = (port: string) =>
      new Promise<number | null>((done) => spawn(process.execPath, cmd.slice(1), { env: { ...process.env, PORT: port }, stdio: 'ignore' }).once('exit', done));
    expect(await run(new URL(base).port)).toBe(0);
    expect(await run('1')).toBe(1);
  });
});

describe('deploy/cloudfoundry/manifest.yml', () => {
  const app = (parse(read('deploy/cloudfoundry/manifest.yml')) as { applications: Record<string, unknown>[] }).applications[0] as Record<string, unknown>;

  it('pushes the project with the node buildpack and runs node directly', () => {
    expect(app.buildpacks).toEqual(['nodejs_buildpack']);
    expect(existsSync(join(resolve(root, 'deploy/cloudfoundry', app.path as string), 'package.json'))).toBe(true);
    expect(resolve(root, 'deploy/cloudfoundry', app.path as string)).toBe(resolve(root));
    expect(app.command).toBe('node bin/kb-bot.js start');
  });

  it('checks health on paths the server answers', async () => {
    expect(app['health-check-type']).toBe('http');
    expect(await status(app['health-check-http-endpoint'] as string)).toBe(200);
    expect(await status(app['readiness-health-check-http-endpoint'] as string)).toBe(200);
    expect(await status('/no-such-path')).toBe(404);
  });

  it('sets only variables the code reads', () => {
    for (const name of Object.keys(app.env as object)) expect(codeReads.has(name) || NOT_OURS.has(name)).toBe(true);
    expect(codeReads.has('VCAP_SERVICES')).toBe(true);
  });

  describe('staged as the buildpack stages it', () => {
    // What cf push uploads (.cfignore applied), then the buildpack's npm install runs the prepare script.
    let app2: string;
    beforeAll(() => {
      const ignored = read('.cfignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((l) => l.replace(/\/$/, ''));
      app2 = mkdtempSync(join(tmpdir(), 'kb-cf-'));
      const copy = (dir: string) => {
        for (const name of readdirSync(join(root, dir))) {
          const rel = join(dir, name);
          if (ignored.some((p) => rel === p || rel.startsWith(`${p}/`)) || name === '.git') continue;
          if (statSync(join(root, rel)).isDirectory()) {
            mkdirSync(join(app2, rel), { recursive: true });
            copy(rel);
          } else cpSync(join(root, rel), join(app2, rel));
        }
      };
      copy('.');
      symlinkSync(join(root, 'node_modules'), join(app2, 'node_modules'));
    });
    afterAll(() => rmSync(app2, { recursive: true, force: true }));

    it('uploads the built code and not the sources', () => {
      for (const p of ['dist/kb-bot.js', 'bin/kb-bot.js', 'knowledge/products.yml', 'package-lock.json', 'scripts/build.mjs']) expect(existsSync(join(app2, p))).toBe(true);
      for (const p of ['src', 'test', 'bench']) expect(existsSync(join(app2, p))).toBe(false);
    });

    it('prepare succeeds with no sources and no esbuild, and the command runs', () => {
      const prepare = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.prepare as string;
      const [cmd, ...args] = prepare.split(' ');
      expect(cmd).toBe('node');
      expect(spawnSync(process.execPath, args, { cwd: app2, encoding: 'utf8' }).status).toBe(0);
      const r = spawnSync(process.execPath, ['bin/kb-bot.js', 'ask', 'TAS 2.13.20'], { cwd: app2, encoding: 'utf8', env: { ...process.env, KB_CACHE_DIR: join(app2, '.cache') } });
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^TAS 2\.13\.20: affected by/);
    });
  });
});

describe('deploy/kubernetes', () => {
  const docs = ['deployment.yaml', 'service.yaml', 'configmap.yaml'].flatMap((f) => parseAllDocuments(read(`deploy/kubernetes/${f}`)).map((d) => d.toJS() as Record<string, any>));
  const kind = (k: string) => docs.find((d) => d.kind === k) as Record<string, any>;
  const deployment = kind('Deployment');
  const container = deployment.spec.template.spec.containers[0];
  const env = Object.fromEntries((container.env as { name: string; value?: string }[]).map((e) => [e.name, e.value]));

  it('runs two replicas of the image as it is built', () => {
    expect(deployment.spec.replicas).toBe(2);
    expect(container.args).toEqual(['start']);
    expect(container.command).toBeUndefined(); // the image's ENTRYPOINT: node bin/kb-bot.js
    expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
  });

  it('listens, probes and serves on the code\'s port and paths', async () => {
    const port = container.ports[0];
    expect(port.containerPort).toBe(Number(env.PORT));
    expect(Number(env.PORT)).toBe(DEFAULT_PORT);
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: port.name });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: port.name });
    expect(await status(container.readinessProbe.httpGet.path)).toBe(200);
    expect(await status(container.livenessProbe.httpGet.path)).toBe(200);
    const service = kind('Service');
    expect(service.spec.ports[0].targetPort).toBe(port.name);
    expect(service.spec.selector).toEqual(deployment.spec.template.metadata.labels);
  });

  it('drains within the grace period: preStop, then SIGTERM and the drain, before SIGKILL', () => {
    const preStop = container.lifecycle.preStop.exec.command as string[];
    expect(preStop[0]).toBe('node');
    const preStopMs = Number(/setTimeout\(\(\) => \{\}, (\d+)\)/.exec(preStop.join(' '))?.[1]);
    expect(preStopMs).toBeGreaterThan(0);
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(preStopMs + DRAIN_GRACE_MS);
  });

  it('sets only variables the code reads; Slack and Redis come from secrets (Redis is external)', () => {
    for (const e of container.env as { name: string; valueFrom?: { secretKeyRef?: { name: string } } }[]) {
      expect(codeReads.has(e.name)).toBe(true);
      if (/TOKEN|SECRET|REDIS_URL/.test(e.name)) expect(e.valueFrom?.secretKeyRef?.name).toMatch(/^kb-bot-/);
    }
    expect(docs.some((d) => /redis/i.test(JSON.stringify(d.spec?.template?.spec?.containers?.map((c: { image: string }) => c.image) ?? [])))).toBe(false);
  });

  it('mounts a knowledge ConfigMap that kb-bot loads, where KB_KNOWLEDGE_DIR points', () => {
    const volume = deployment.spec.template.spec.volumes.find((v: { configMap?: unknown }) => v.configMap);
    const mount = container.volumeMounts.find((m: { name: string }) => m.name === volume.name);
    expect(mount.mountPath).toBe(env.KB_KNOWLEDGE_DIR);
    const cm = kind('ConfigMap');
    expect(cm.metadata.name).toBe(volume.configMap.name);
    const asFolder = (data: Record<string, string>) => {
      const dir = mkdtempSync(join(tmpdir(), 'kb-cm-'));
      for (const [k, v] of Object.entries(data)) writeFileSync(join(dir, k), v);
      return dir;
    };
    // The committed ConfigMap is valid knowledge, and the generator turns today's folder into the same articles.
    const committed = loadKnowledgeDir(asFolder(cm.data));
    expect(committed.problems).toEqual([]);
    const generated = spawnSync(process.execPath, [join(root, 'deploy/kubernetes/knowledge-configmap.mjs'), KNOWLEDGE_DIR], { encoding: 'utf8' });
    expect(generated.status).toBe(0);
    const fresh = loadKnowledgeDir(asFolder((parse(generated.stdout) as { data: Record<string, string> }).data));
    const folder = loadKnowledgeDir(KNOWLEDGE_DIR);
    expect(fresh.problems).toEqual([]);
    expect(fresh.knowledge.articles.map((a) => a.id)).toEqual(folder.knowledge.articles.map((a) => a.id));
    expect(relative(root, KNOWLEDGE_DIR)).toBe('knowledge');
  });
});

describe('deploy/systemd/kb-bot.service', () => {
  const unit = Object.fromEntries(read('deploy/systemd/kb-bot.service').split('\n').filter((l) => /^[A-Za-z]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  it('runs node on the bin directly, stops with SIGTERM and waits longer than the drain', () => {
    expect(unit.ExecStart).toMatch(/^\/usr\/bin\/node \S+\/bin\/kb-bot\.js start$/);
    expect(unit.KillSignal).toBe('SIGTERM');
    expect(Number(unit.TimeoutStopSec) * 1000).toBeGreaterThan(DRAIN_GRACE_MS);
    expect(unit.RestartPreventExitStatus).toBe('2');
    expect(unit.User).not.toBe('root');
  });
});
