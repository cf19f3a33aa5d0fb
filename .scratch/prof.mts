import { realKb } from '/work/main/test/support/kb.ts';
import { answer } from '/work/main/src/core/answer/answer.ts';
import { parseQuery } from '/work/main/src/core/query/parse-query.ts';
import { renderBlocks } from '/work/main/src/render/render-blocks.ts';
import { slackToPlain } from '/work/main/src/slack/slack-to-plain.ts';
const kb = realKb();
const qs = ['<@UKBBOT0001> is TAS 2.13.20 affected?', '<@UKBBOT0001> which version fixes KB 298398?', '<@UKBBOT0001> gorouter keeps crashing and clients see connection resets'];
for (const q of qs) {
  const N = 300;
  let t = performance.now(); for (let i = 0; i < N; i++) parseQuery(kb, slackToPlain(q)); const p = (performance.now() - t) / N;
  const query = parseQuery(kb, slackToPlain(q));
  t = performance.now(); for (let i = 0; i < N; i++) answer(kb, query); const a = (performance.now() - t) / N;
  const ans = answer(kb, query);
  t = performance.now(); for (let i = 0; i < N; i++) renderBlocks(ans, { showAllValue: 'x' }); const r = (performance.now() - t) / N;
  console.log(q.slice(14, 60).padEnd(48), 'parse', p.toFixed(3), 'answer', a.toFixed(3), 'render', r.toFixed(3), 'ms');
}
