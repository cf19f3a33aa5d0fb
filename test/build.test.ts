import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, utimesSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.ts';
import type { CliIo } from '../src/cli/io.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };

function kbBot(args: string[], options: { cwd?: string; bin?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [options.bin ?? join(root, 'bin/kb-bot.js'), ...args], { cwd: options.cwd ?? root, env: { ...process.env, ...options.env }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The files Node loads for an entry: its static imports, transitively (dynamic import() is not followed). */
function staticGraph(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|[;}])\s*import\s*(?:[\w$*{}\s,]+from\s*)?["'](\.{1,2}\/[\w@/.-]+)["']/gm)) visit(join(dirname(file), m[1] as string));
  };
  visit(entry);
  return [...seen];
}

/** The chunk every command but --help/--version imports (dynamically). */
function runCommandChunk(): string {
  const name = readdirSync(join(root, 'dist/chunks')).find((f) => /^run-command-[\w-]+\.js$/.test(f));
  if (!name) throw new Error('no run-command chunk in dist/chunks');
  return join(root, 'dist/chunks', name);
}

describe('the build users run (dist/)', () => {
  it('prints the version from package.json', () => {
    const r = kbBot(['--version'], { env: { KB_KNOWLEDGE_DIR: '/no/such/knowledge' } });
    expect(r).toMatchObject({ code: 0, out: `kb-bot ${pkg.version}\n` });
  });

  it('loads no knowledge, zod, yaml or lunr for --version and --help', () => {
    const loaded = staticGraph(join(root, 'dist/kb-bot.js'));
    const text = loaded.map((f) => readFileSync(f, 'utf8')).join('\n');
    // Positive control: the markers are in the build, just not on this path.
    const all = staticGraph(runCommandChunk());
    const allText = all.map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const marker of ['ZodError', 'TokenSet', 'YAMLParseError', 'loadKnowledge']) {
      expect(allText).toContain(marker);
      expect(text).not.toContain(marker);
    }
    expect(kbBot(['--help'], { env: { KB_KNOWLEDGE_DIR: '/no/such/knowledge' } })).toMatchObject({ code: 0, out: expect.stringContaining('Usage:') });
  });

  it('answers as the sources do', async () => {
    const r = kbBot(['ask', '--json', 'is TAS 2.13.20 affected?']);
    expect(r.code).toBe(0);
    let out = '';
    const io: CliIo = { out: (t) => void (out += t), err: () => {}, env: {}, readStdin: () => '', stdinFd: -1 };
    expect(await main(['ask', '--json', 'is TAS 2.13.20 affected?'], io)).toBe(0);
    expect(JSON.parse(r.out)).toEqual(JSON.parse(out));
  });

  it('bundles what "dependencies" does not list, and nothing it does', () => {
    const files = ['dist/kb-bot.js', ...readdirSync(join(root, 'dist/chunks')).filter((f) => f.endsWith('.js')).map((f) => `dist/chunks/${f}`)];
    const bare = new Set(files.flatMap((f) => [...readFileSync(join(root, f), 'utf8').matchAll(/(?:^|[;}])\s*import\s*(?:[\w$*{}\s,]+from\s*)?["']([@\w][\w@/.:-]*)["']/gm)].map((m) => m[1] as string)));
    expect([...bare].filter((name) => !name.startsWith('node:') && !Object.keys(pkg.dependencies).some((d) => name === d || name.startsWith(`${d}/`)))).toEqual([]);
    expect(bare).toContain('@slack/bolt');
    for (const bundled of ['zod', 'yaml', 'semver', 'lunr', 'tsx']) expect(pkg.dependencies[bundled]).toBeUndefined();
  });

  it('packs bin/, dist/ and knowledge/, not the sources', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
    for (const f of ['bin/kb-bot.js', 'bin/check-build.js', 'dist/kb-bot.js', 'dist/build-info.json', 'knowledge/products.yml', 'dist/chunks/public/index.html', 'package.json']) expect(files).toContain(f);
    expect(files.filter((f) => /^(src|test|bench|scripts)\//.test(f))).toEqual([]);
  });
});

describe('a stale build is never run', () => {
  let copy: string;
  const run = () => kbBot(['--version'], { bin: join(copy, 'bin/kb-bot.js'), cwd: copy });
  beforeAll(() => {
    // A checkout of its own: the same inputs and build, node_modules shared.
    copy = mkdtempSync(join(tmpdir(), 'kb-stale-'));
    for (const p of ['bin', 'dist', 'src', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json']) cpSync(join(root, p), join(copy, p), { recursive: true, preserveTimestamps: true });
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
    rmSync(join(copy, 'dist/verified.json'), { force: true });
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('runs a fresh build', () => expect(run()).toMatchObject({ code: 0, out: `kb-bot ${pkg.version}\n` }));

  it('runs when a file is touched but not changed', () => {
    const later = new Date(Date.now() + 5000);
    utimesSync(join(copy, 'src/cli/io.ts'), later, later);
    expect(run().code).toBe(0);
    expect(existsSync(join(copy, 'dist/verified.json'))).toBe(true);
    expect(run().code).toBe(0);
  });

  it.each([
    ['changed', (c: string) => writeFileSync(join(c, 'src/cli/io.ts'), `${readFileSync(join(c, 'src/cli/io.ts'), 'utf8')}\n// edited\n`), 'src/cli/io.ts changed'],
    ['added', (c: string) => writeFileSync(join(c, 'src/cli/new-command.ts'), 'export {};\n'), 'src/cli/new-command.ts added'],
    ['removed', (c: string) => rmSync(join(c, 'src/cli/version.ts')), 'src/cli/version.ts removed'],
  ])('refuses, naming the file, when a source is %s; a build makes it run again', (_, edit, names) => {
    edit(copy);
    const r = run();
    expect(r.code).toBe(2);
    expect(r.err).toContain(names);
    expect(r.err).toContain('npm run build');
    // Undo the edit by rebuilding from the edited sources (a removed file cannot build: put it back first).
    if (!existsSync(join(copy, 'src/cli/version.ts'))) cpSync(join(root, 'src/cli/version.ts'), join(copy, 'src/cli/version.ts'));
    const build = spawnSync(process.execPath, [join(copy, 'scripts/build.mjs')], { cwd: copy, encoding: 'utf8' });
    expect(build.status).toBe(0);
    expect(run().code).toBe(0);
  });

  it('runs dist/ as shipped where there are no sources (an installed package, an image)', () => {
    rmSync(join(copy, 'src'), { recursive: true });
    expect(run()).toMatchObject({ code: 0, out: `kb-bot ${pkg.version}\n` });
  });
});
