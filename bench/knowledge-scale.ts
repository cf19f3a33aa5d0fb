/**
 * bench/knowledge-scale: 5,000 synthetic articles in a temporary folder.
 * Reports load + validate + index time (cold: index built; warm: index read
 * from the cache), search p50/p99 over a fixed query set, and resident memory.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = fileURLToPath(new URL('..', import.meta.url));
const COUNT = Number(process.env.BENCH_ARTICLES ?? 5000);
const WORDS = 'router gateway timeout crash restart memory leak certificate expiry tls handshake latency spike dns lookup failure cell evacuation diego container quota buildpack staging log loss syslog drain uaa login token credhub rotation nats bosh deploy stemcell upgrade blobstore database mysql galera network partition route emitter tcp websocket http2 proxy header buffer overflow'.split(' ');

/**
 * Words follow a Zipf-like law over a 3,000-word vocabulary, as prose does:
 * made-up filler words are the most frequent, and the domain words sit at
 * ranks 300-360, where each appears in about 5% of the articles — how often
 * "certificate" or "router" occur in a real KB. (Putting them at the top
 * ranks, in a fifth of all articles, roughly doubles the search times.)
 */
const FILLER = Array.from({ length: 2940 }, (_, k) => `w${k.toString(36)}x`);
const VOCAB = [...FILLER.slice(0, 300), ...WORDS, ...FILLER.slice(300)];
const CUMULATIVE = (() => {
  let sum = 0;
  return VOCAB.map((_, k) => (sum += 1 / (k + 1)));
})();

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

function words(next: () => number, count: number): string {
  const total = CUMULATIVE[CUMULATIVE.length - 1] as number;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = next() * total;
    let lo = 0;
    let hi = CUMULATIVE.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((CUMULATIVE[mid] as number) < r) lo = mid + 1;
      else hi = mid;
    }
    out.push(VOCAB[lo] as string);
  }
  return out.join(' ');
}

/** One synthetic article of about 130 words. */
export function article(i: number): string {
  const next = rng(i * 2654435761 + 7);
  const line = ['2.11', '2.13', '4.0'][i % 3] as string;
  const patch = 10 + (i % 20);
  return `id: "${900000 + i}"
title: ${words(next, 7)} ${i}
url: https://example.invalid/article/${900000 + i}
components: [${words(next, 1)}]
tags: [${words(next, 3).split(' ').join(', ')}]
summary: >-
  ${words(next, 45)}
symptoms:
  - ${words(next, 12)}
  - ${words(next, 12)}
cause: >-
  ${words(next, 30)}
mitigation:
  - ${words(next, 8)}
resolution: ${words(next, 8)}
affected:
  tas:
    lines:
      "${line}": [{ introduced: ${line}.${patch} }, { fixed: ${line}.${patch + 5} }]
log_lines:
  - "${words(next, 6)} failed (${i})"
`;
}

const QUERIES = ['router crash restart', 'tls handshake certificate expiry', 'memory leak cell', 'dns lookup failure timeout', 'syslog drain log loss', 'nats partition deploy', 'websocket proxy header', 'uaa login token rotation', 'credhub galera mysql', 'gorouter concurrent map writes', 'buildpack staging quota', 'stemcell upgrade blobstore'];

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

interface ChildResult {
  readyMs: number;
  timings: string;
  times: number[];
  rss: number;
  articles: number;
}

function child(dir: string, cache: string): ChildResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/knowledge-scale-child.ts'), dir, cache, JSON.stringify(QUERIES)], { cwd: root, maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`knowledge-scale child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.toString()) as ChildResult;
}

export function runKnowledgeScale(): void {
  const dir = mkdtempSync(join(tmpdir(), 'kb-scale-'));
  const cache = mkdtempSync(join(tmpdir(), 'kb-scale-cache-'));
  try {
    cpSync(join(root, 'knowledge'), dir, { recursive: true });
    mkdirSync(join(dir, 'articles'), { recursive: true });
    for (let i = 0; i < COUNT; i++) writeFileSync(join(dir, 'articles', `${900000 + i}-synthetic.yml`), article(i));
    // Each run is a fresh process: the first builds the caches, the second starts from them.
    const cold = child(dir, cache);
    const warm = child(dir, cache);
    console.log(`knowledge-scale: ${warm.articles} articles, each run a fresh process`);
    console.log(`  ready, no cache (read + parse + validate + build index): ${cold.readyMs.toFixed(0)} ms  [${cold.timings}]`);
    console.log(`  ready, from the cache (keyed by file and knowledge hash): ${warm.readyMs.toFixed(0)} ms  [${warm.timings}]  (target < 1000)`);
    console.log(`  answer() for search questions: p50 ${pct(warm.times, 50).toFixed(2)} ms, p99 ${pct(warm.times, 99).toFixed(2)} ms over ${warm.times.length}  (target p99 < 5)`);
    console.log(`  resident memory after the searches: ${(warm.rss / 1e6).toFixed(0)} MB (cold run: ${(cold.rss / 1e6).toFixed(0)} MB)  (target < 300)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  }
}
