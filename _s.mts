import { mkdtempSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadPrepared } from './src/node/load-prepared.ts';
import { searchArticles } from './src/core/search/search-articles.ts';
import { answer } from './src/core/answer/answer.ts';
import lunr from 'lunr';
const dir = process.argv[2]!;
const { prepared: kb } = loadPrepared(dir, { cacheDir: '/tmp/kbs-cache' });
const qs = ['router crash restart', 'tls handshake certificate expiry', 'memory leak cell', 'dns lookup failure timeout'];
const time = (f: () => void) => { const t = performance.now(); for (let i = 0; i < 50; i++) f(); return ((performance.now() - t) / 50).toFixed(2); };
for (const q of qs) {
  const toks = q.split(' ');
  console.log(q, 'answer', time(() => answer(kb, q)), 'search', time(() => searchArticles(kb.index, kb.articles, q)),
    'AND', time(() => kb.index.query((qq) => toks.forEach((t) => qq.term(t, { presence: lunr.Query.presence.REQUIRED })))),
    'AND hits', kb.index.query((qq) => toks.forEach((t) => qq.term(t, { presence: lunr.Query.presence.REQUIRED }))).length,
    'OR hits', kb.index.query((qq) => toks.forEach((t) => qq.term(t))).length);
}
