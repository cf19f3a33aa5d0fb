/**
 * bench/knowledge-scale: 5,000 synthetic articles in a temporary folder.
 * Reports load + validate + index time (cold: index built; warm: index read
 * from the cache), search p50/p99 over a fixed query set, and resident memory.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPrepared } from '../src/node/load-prepared.ts';
import { answer } from '../src/core/answer/answer.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const COUNT = Number(process.env.BENCH_ARTICLES ?? 5000);
const WORDS = 'router gateway timeout crash restart memory leak certificate expiry tls handshake latency spike dns lookup failure cell evacuation diego container quota buildpack staging log loss syslog drain uaa login token credhub rotation nats bosh deploy stemcell upgrade blobstore database mysql galera network partition route emitter tcp websocket http2 proxy header buffer overflow'.split(' ');

function article(i: number): string {
  const w = (k: number) => WORDS[(i * 7 + k * 13) % WORDS.length];
  const line = ['2.11', '2.13', '4.0'][i % 3] as string;
  const patch = 10 + (i % 20);
  return `id: "${900000 + i}"
title: Synthetic ${w(1)} ${w(2)} issue number ${i} in the ${w(3)} component
url: https://example.invalid/article/${900000 + i}
components: [${w(4)}]
tags: [${w(5)}, ${w(6)}, ${w(7)}]
summary: >-
  When ${w(1)} ${w(8)} happens during ${w(9)}, the ${w(3)} may ${w(10)} and clients see ${w(11)} ${w(12)}.
  Operators notice ${w(13)} in the logs of ${w(14)} and a rise in ${w(15)} errors after a ${w(16)}.
symptoms:
  - ${w(2)} errors with ${w(17)} ${w(18)} in the ${w(3)} logs
  - ${w(19)} after ${w(20)}
cause: >-
  A change in ${w(21)} handling makes ${w(22)} ${w(23)} under load, which ${w(24)} the ${w(25)}.
mitigation:
  - Restart the ${w(3)} jobs.
  - Reduce ${w(26)} until the fix is applied.
resolution: Upgrade to a fixed patch.
affected:
  tas:
    lines:
      "${line}": [{ introduced: ${line}.${patch} }, { fixed: ${line}.${patch + 5} }]
log_lines:
  - "${w(27)}: ${w(28)} ${w(29)} failed (${i})"
`;
}

const QUERIES = ['router crash restart', 'tls handshake certificate expiry', 'memory leak cell', 'dns lookup failure timeout', 'syslog drain log loss', 'nats partition deploy', 'websocket proxy header', 'uaa login token rotation', 'credhub galera mysql', 'gorouter concurrent map writes', 'buildpack staging quota', 'stemcell upgrade blobstore'];

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

export function runKnowledgeScale(): void {
  const dir = mkdtempSync(join(tmpdir(), 'kb-scale-'));
  const cache = mkdtempSync(join(tmpdir(), 'kb-scale-cache-'));
  try {
    cpSync(join(root, 'knowledge'), dir, { recursive: true });
    mkdirSync(join(dir, 'articles'), { recursive: true });
    for (let i = 0; i < COUNT; i++) writeFileSync(join(dir, 'articles', `${900000 + i}-synthetic.yml`), article(i));
    const rssBefore = process.memoryUsage().rss;
    let t = performance.now();
    const cold = loadPrepared(dir, { cacheDir: cache });
    const coldMs = performance.now() - t;
    if (cold.problems.length > 0) throw new Error(`synthetic knowledge invalid: ${JSON.stringify(cold.problems.slice(0, 3))}`);
    t = performance.now();
    const warm = loadPrepared(dir, { cacheDir: cache });
    const warmMs = performance.now() - t;
    const kb = warm.prepared;
    for (const q of QUERIES) answer(kb, q);
    const times: number[] = [];
    for (let round = 0; round < 20; round++) {
      for (const q of QUERIES) {
        const s = performance.now();
        answer(kb, q);
        times.push(performance.now() - s);
      }
    }
    const rss = process.memoryUsage().rss;
    console.log(`knowledge-scale: ${kb.knowledge.articles.length} articles`);
    console.log(`  ready (read + parse + validate + index), index built:   ${coldMs.toFixed(0)} ms  [${cold.timings}]`);
    console.log(`  ready, index from the cache (keyed by knowledge hash): ${warmMs.toFixed(0)} ms  [${warm.timings}]  (target < 1000)`);
    console.log(`  answer() for search questions: p50 ${pct(times, 50).toFixed(2)} ms, p99 ${pct(times, 99).toFixed(2)} ms over ${times.length}  (target p99 < 5)`);
    console.log(`  resident memory: ${(rss / 1e6).toFixed(0)} MB (process; ${((rss - rssBefore) / 1e6).toFixed(0)} MB added by loading twice)  (target < 300)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  }
}
