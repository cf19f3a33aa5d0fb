/**
 * bench/knowledge-scale: kb-bot's start and search at 1,000 to 50,000
 * synthetic articles (BENCH_SCALES), each measure in fresh processes:
 *
 *   ready      start without a cache (read, parse, validate, build the index) and from the cache;
 *              peak resident memory of each (the goals are on RSS, cold and warm)
 *   engines    kb-bot's search beside lunr.Index (as kb-bot used it before) and MiniSearch:
 *              build time and memory, index file, load from the file (one process per engine),
 *              then search latency with the engines interleaved per query (one process)
 *   relevance  each engine on the real knowledge and test/fixtures/search-questions.json
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { writeSyntheticKnowledge } from './synthetic-articles.ts';
import { buildEngine, ENGINES, type EngineName } from './search-engines.ts';
import { median, pct, pctNote } from './stats.ts';
import { loadKnowledgeDir } from '../src/node/load-knowledge-dir.ts';
import type { ScalingRow } from './scaling-table.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const SCALES = (process.env.BENCH_SCALES ?? '1000,5000,20000,50000').split(',').map(Number);
/** lunr.Index is built only up to this many articles (its builder needs GBs and minutes beyond). */
const LUNR_MAX = Number(process.env.BENCH_LUNR_MAX ?? 20000);
/** How many times each start is measured (fresh processes; ranges are reported). */
const STARTS = Number(process.env.BENCH_STARTS ?? 2);

/** 12 queries as written and the same 12 with typos (one or two per query). */
const QUERIES = ['router crash restart', 'tls handshake certificate expiry', 'memory leak cell', 'dns lookup failure timeout', 'syslog drain log loss', 'nats partition deploy', 'websocket proxy header', 'uaa login token rotation', 'credhub galera mysql', 'gorouter concurrent map writes', 'buildpack staging quota', 'stemcell upgrade blobstore'];
const TYPOS = ['routr crash restrat', 'tls handshak certificate expirry', 'memroy leak cell', 'dns lookpu failure timeout', 'syslog drian log loss', 'nats partiton deploy', 'websocket proxy haeder', 'uaa login tokne rotation', 'credhub galrea mysql', 'gorouter concurent map writes', 'buildpack stagign quota', 'stemcell upgarde blobstore'];
const ALL = [...QUERIES, ...TYPOS];

function child<T>(args: string[], gc = false): T {
  const r = spawnSync(process.execPath, [...(gc ? ['--expose-gc'] : []), '--import', 'tsx', join(root, 'bench/knowledge-scale-child.ts'), ...args], { cwd: root, maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`knowledge-scale child ${args[0]} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.toString()) as T;
}

interface Ready {
  readyMs: number;
  readyCpuMs: number;
  timings: string;
  search: number[];
  searchCpu: number[];
  answers: number[];
  rss: number;
  maxRss: number;
  articles: number;
}
interface Build {
  name: EngineName;
  buildMs: number;
  buildCpuMs: number;
  builtHeap: number;
  loadMs: number;
  loadedHeap: number;
  fileMb: number;
  buildPeakRss: number;
}

const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(0)} ms`);
const ranged = (xs: number[], f: (x: number) => string) => (xs.length === 0 ? 'n/a' : Math.min(...xs) === Math.max(...xs) ? f(xs[0] as number) : `${f(Math.min(...xs))}–${f(Math.max(...xs))}`);

interface ScaleFigures {
  articles: number;
  coldMs: number;
  warmMs: number;
  coldRss: number;
  warmRss: number;
  p50: number;
  p99: number;
  fileMb: number;
}

function oneScale(count: number): ScaleFigures {
  const dir = mkdtempSync(join(tmpdir(), 'kb-scale-'));
  const cache = mkdtempSync(join(tmpdir(), 'kb-scale-cache-'));
  try {
    writeSyntheticKnowledge(dir, count, join(root, 'knowledge'));
    const queries = JSON.stringify(ALL);
    const cold: Ready[] = [];
    const warm: Ready[] = [];
    for (let i = 0; i < STARTS; i++) {
      rmSync(cache, { recursive: true, force: true });
      cold.push(child<Ready>(['ready', dir, cache, queries]));
      warm.push(child<Ready>(['ready', dir, cache, queries]));
    }
    const n = (warm[0] as Ready).articles;
    const search = warm.flatMap((w) => w.search.slice(0, w.search.length));
    const typoSearch = warm.flatMap((w) => w.search.filter((_, i) => i % ALL.length >= QUERIES.length));
    const answers = warm.flatMap((w) => w.answers);
    const cpu = warm.flatMap((w) => w.searchCpu);
    const typoCpu = warm.flatMap((w) => w.searchCpu.filter((_, i) => i % ALL.length >= QUERIES.length));
    const at20k = n >= 20000 && n < 30000;
    console.log(`knowledge-scale: ${n.toLocaleString('en-US')} articles (${count.toLocaleString('en-US')} synthetic, the rest real); ${STARTS} cold and ${STARTS} warm starts, each a fresh process`);
    console.log(`  ready, no cache (read, parse, validate, build index): ${ranged(cold.map((c) => c.readyMs), ms)} (CPU ${ranged(cold.map((c) => c.readyCpuMs), ms)})  [${(cold[0] as Ready).timings}]`);
    console.log(`  ready, from the cache: ${ranged(warm.map((c) => c.readyMs), ms)} (CPU ${ranged(warm.map((c) => c.readyCpuMs), ms)})  [${(warm[0] as Ready).timings}]${at20k ? '  (target < 1 s at 20k)' : ''}`);
    console.log(`  peak resident memory: cold ${ranged(cold.map((c) => c.maxRss), (x) => x.toFixed(0))} MB, warm ${ranged(warm.map((c) => c.maxRss), (x) => x.toFixed(0))} MB${at20k ? '  (target < 400 cold and warm at 20k)' : n < 10000 && n >= 5000 ? '  (target < 300 cold at 5k)' : ''}`);
    console.log(`  kb-bot search, ${ALL.length} queries (half with typos) × 40 rounds × ${STARTS} starts: p50 ${median(search).toFixed(2)} ms, p99 ${pct(search, 99).toFixed(2)} ms (${pctNote(search.length, 99)}); typo queries alone p99 ${pct(typoSearch, 99).toFixed(2)} ms${at20k ? '  (target p99 < 5 ms at 20k)' : ''}`);
    console.log(`    the same searches in CPU time (all the process's threads; preemption by other processes does not inflate it): p50 ${median(cpu).toFixed(2)} ms, p99 ${pct(cpu, 99).toFixed(2)} ms; typo queries alone p99 ${pct(typoCpu, 99).toFixed(2)} ms`);
    console.log(`  the whole answer() for the same questions: p50 ${median(answers).toFixed(2)} ms, p99 ${pct(answers, 99).toFixed(2)} ms`);

    const names = ENGINES.filter((e) => e !== 'lunr' || count <= LUNR_MAX);
    const builds = names.map((name) => child<Build>(['build', name, dir, cache], true));
    const speed = child<{ times: Record<string, number[]> }>(['speed', dir, cache, queries, JSON.stringify(names)]);
    const samples = speed.times['kb-bot']?.length ?? 0;
    console.log(`  engines (build, memory and load: one process each; search: one process, engines interleaved per query, ${pctNote(samples, 99).replace(/^the \w+ slowest of /, '')} samples each, p99 = ${pctNote(samples, 99)})${count > LUNR_MAX ? `; lunr skipped above ${LUNR_MAX.toLocaleString('en-US')} articles (BENCH_LUNR_MAX)` : ''}`);
    console.log('    engine       build (CPU)          peak RSS   heap: built / loaded   index file   load from file   search p50 / p99 / max');
    for (const b of builds) {
      const t = speed.times[b.name] ?? [];
      console.log(`    ${b.name.padEnd(11)}  ${`${ms(b.buildMs)} (${ms(b.buildCpuMs)})`.padEnd(19)}  ${`${b.buildPeakRss.toFixed(0)} MB`.padEnd(9)}  ${`${b.builtHeap.toFixed(0)} / ${b.loadedHeap.toFixed(0)} MB`.padEnd(21)}  ${`${b.fileMb.toFixed(1)} MB`.padEnd(11)}  ${ms(b.loadMs).padEnd(15)}  ${median(t).toFixed(2)} / ${pct(t, 99).toFixed(2)} / ${Math.max(...t).toFixed(2)} ms`);
    }
    const kb = builds.find((b) => b.name === 'kb-bot') as Build;
    return { articles: n, coldMs: median(cold.map((c) => c.readyMs)), warmMs: median(warm.map((c) => c.readyMs)), coldRss: Math.max(...cold.map((c) => c.maxRss)), warmRss: Math.max(...warm.map((c) => c.maxRss)), p50: median(search), p99: pct(search, 99), fileMb: kb.fileMb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  }
}

/** Each engine on the real knowledge: the article a description is about first, and nothing for what nothing fits. */
function relevance(): void {
  const { knowledge } = loadKnowledgeDir(join(root, 'knowledge'));
  const q = JSON.parse(readFileSync(join(root, 'test/fixtures/search-questions.json'), 'utf8')) as { describes: [string, string][]; nothing: string[] };
  console.log(`relevance on the real knowledge (${knowledge.articles.length} articles): ${q.describes.length} descriptions (symptoms, log lines, typos), ${q.nothing.length} questions no article fits (test/fixtures/search-questions.json)`);
  for (const name of ENGINES) {
    const e = buildEngine(name, knowledge.articles);
    const right = q.describes.filter(([text, id]) => e.search(text)[0] === id).length;
    const none = q.nothing.filter((text) => e.search(text).length === 0).length;
    console.log(`  ${name.padEnd(11)} right article first ${right}/${q.describes.length}   nothing when nothing fits ${none}/${q.nothing.length}`);
  }
}

export function runKnowledgeScale(): ScalingRow[] {
  relevance();
  const figures = SCALES.map(oneScale);
  // The scaling table: sizes at 1×, 4× and 10× the first one of 5,000 or more (5k, 20k, 50k by default).
  const base = figures.find((f) => f.articles >= 5000);
  const near = (k: number) => figures.find((f) => base && Math.abs(f.articles / base.articles - k) <= 0.25 * k);
  const three = [near(1), near(4), near(10)];
  if (three.some((f) => f === undefined)) {
    console.log('  (no scaling rows: they need article counts at 1×, 4× and 10×, e.g. BENCH_SCALES=5000,20000,50000)');
    return [];
  }
  const picked = three as ScaleFigures[];
  const work = picked.map((f) => `${(f.articles / 1000).toFixed(0)}k art.`);
  const row = (cost: string, unit: string, get: (f: ScaleFigures) => number): ScalingRow => ({ bench: 'knowledge-scale', cost, unit, work, values: picked.map(get), perUnit: false });
  return [
    row('ready, no cache', 'ms', (f) => f.coldMs),
    row('ready, from the cache', 'ms', (f) => f.warmMs),
    row('peak RSS, no cache', 'MB', (f) => f.coldRss),
    row('peak RSS, from the cache', 'MB', (f) => f.warmRss),
    row('search p50', 'ms', (f) => f.p50),
    row('search p99', 'ms', (f) => f.p99),
    row('index file', 'MB', (f) => f.fileMb),
  ];
}

