/**
 * A fresh process for bench/knowledge-scale. Prints one JSON line.
 *
 *   ready DIR CACHE QUERIES    kb-bot's start (loadPrepared, as the bot and CLI do) and its search
 *   build ENGINE DIR CACHE     one engine's index: build time, memory, index file, load from the file
 *   speed DIR CACHE QUERIES    every engine loaded from its file, queries interleaved across engines
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadPrepared } from '../src/node/load-prepared.ts';
import { loadKnowledgeDir } from '../src/node/load-knowledge-dir.ts';
import { answer } from '../src/core/answer/answer.ts';
import { searchArticles } from '../src/core/search/search-articles.ts';
import { buildEngine, loadEngine, ENGINES, type Engine, type EngineName } from './search-engines.ts';

const [mode, ...args] = process.argv.slice(2) as [string, ...string[]];
const ROUNDS = 40;

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const heapMb = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  // Typed arrays live outside the JS heap: count them too.
  return (m.heapUsed + m.arrayBuffers) / 1e6;
};
const maxRssMb = () => process.resourceUsage().maxRSS / 1024;
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

function knowledge(dir: string, cache: string) {
  let yamlCache = new Map<string, unknown>();
  try {
    yamlCache = new Map(Object.entries(JSON.parse(readFileSync(join(cache, 'parsed-yaml.json'), 'utf8')) as Record<string, unknown>));
  } catch {
    // no cache yet: parse
  }
  const { knowledge: k, problems } = loadKnowledgeDir(dir, { yamlCache });
  if (problems.length > 0) throw new Error(`invalid: ${JSON.stringify(problems.slice(0, 3))}`);
  return k;
}

function time(f: () => unknown): number {
  const s = performance.now();
  f();
  return performance.now() - s;
}

let out: unknown;
if (mode === 'ready') {
  const [dir, cache, queries] = args as [string, string, string];
  const cpu0 = cpuMs();
  const started = performance.now();
  const { prepared, problems, timings } = loadPrepared(dir, { cacheDir: cache });
  const readyMs = performance.now() - started;
  const readyCpuMs = cpuMs() - cpu0;
  if (problems.length > 0) throw new Error(`invalid: ${JSON.stringify(problems.slice(0, 3))}`);
  const qs = JSON.parse(queries) as string[];
  for (const q of qs) answer(prepared, q);
  const search: number[] = [];
  const searchCpu: number[] = [];
  const answers: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of qs) {
      // CPU time too: on a shared machine a wall-clock p99 mostly measures other processes.
      const c = process.cpuUsage();
      search.push(time(() => searchArticles(prepared.index, prepared.articles, q)));
      const d = process.cpuUsage(c);
      searchCpu.push((d.user + d.system) / 1000);
      answers.push(time(() => answer(prepared, q)));
    }
  }
  out = { readyMs, readyCpuMs, timings, search, searchCpu, answers, rss: process.memoryUsage().rss / 1e6, maxRss: maxRssMb(), articles: prepared.knowledge.articles.length };
} else if (mode === 'build') {
  const [name, dir, cache] = args as [EngineName, string, string];
  const k = knowledge(dir, cache);
  const before = heapMb();
  const rssBefore = maxRssMb();
  const cpu0 = cpuMs();
  const s = performance.now();
  let engine: Engine | null = buildEngine(name, k.articles);
  const buildMs = performance.now() - s;
  const buildCpuMs = cpuMs() - cpu0;
  const builtHeap = heapMb() - before;
  const buildPeakRss = maxRssMb();
  const file = join(cache, `bench-${name}.index`);
  engine.save(file);
  engine = null;
  heapMb();
  const l = performance.now();
  const loaded = loadEngine(name, file, k.articles);
  const loadMs = performance.now() - l;
  const loadedHeap = heapMb() - before;
  loaded.search('warm up');
  out = { name, buildMs, buildCpuMs, builtHeap, loadMs, loadedHeap, fileMb: statSync(file).size / 1e6, buildPeakRss, rssBefore };
} else if (mode === 'speed') {
  const [dir, cache, queries, names] = args as [string, string, string, string];
  const k = knowledge(dir, cache);
  const engines = (JSON.parse(names) as EngineName[]).map((n) => loadEngine(n, join(cache, `bench-${n}.index`), k.articles));
  const qs = JSON.parse(queries) as string[];
  for (const e of engines) for (const q of qs) e.search(q);
  const times: Record<string, number[]> = Object.fromEntries(engines.map((e) => [e.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, q] of qs.entries()) {
      // The engine that goes first rotates, so none always runs on a cold cache line.
      for (let j = 0; j < engines.length; j++) {
        const e = engines[(i + j + round) % engines.length] as Engine;
        (times[e.name] as number[]).push(time(() => e.search(q)));
      }
    }
  }
  out = { times };
} else {
  throw new Error(`knowledge-scale-child: unknown mode ${mode}; engines: ${ENGINES.join(', ')}`);
}
process.stdout.write(JSON.stringify(out));
