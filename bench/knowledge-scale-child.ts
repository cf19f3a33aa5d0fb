/** A fresh process for bench/knowledge-scale: time to ready, search latency and resident memory. */
import { loadPrepared } from '../src/node/load-prepared.ts';
import { answer } from '../src/core/answer/answer.ts';

const [dir, cacheDir, queries] = process.argv.slice(2) as [string, string, string];
const started = performance.now();
const { prepared, problems, timings } = loadPrepared(dir, { cacheDir });
const readyMs = performance.now() - started;
if (problems.length > 0) throw new Error(`invalid: ${JSON.stringify(problems.slice(0, 3))}`);
const qs = JSON.parse(queries) as string[];
for (const q of qs) answer(prepared, q);
const times: number[] = [];
for (let round = 0; round < 20; round++) {
  for (const q of qs) {
    const s = performance.now();
    answer(prepared, q);
    times.push(performance.now() - s);
  }
}
process.stdout.write(JSON.stringify({ readyMs, timings, times, rss: process.memoryUsage().rss, articles: prepared.knowledge.articles.length }));
