/**
 * Synthetic knowledge articles for bench/knowledge-scale: valid YAML in the
 * shape of the real ones, words drawn from a Zipf-like law.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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

/** Writes `count` articles (and the real catalog and articles) to a folder. */
export function writeSyntheticKnowledge(dir: string, count: number, realKnowledge: string): void {
  cpSync(realKnowledge, dir, { recursive: true });
  mkdirSync(join(dir, 'articles'), { recursive: true });
  for (let i = 0; i < count; i++) writeFileSync(join(dir, 'articles', `${900000 + i}-synthetic.yml`), article(i));
}
