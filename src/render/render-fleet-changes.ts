import { articleLabel } from '../core/model/article-label.ts';
import { fitBlocks, clip } from './fit-blocks.ts';
import { escapeMrkdwn as esc } from './escape-mrkdwn.ts';
import { articleOf, exposureLine, productShort } from './view-fleet.ts';
import type { KnownBlock } from './block-types.ts';
import type { Knowledge } from '../core/model/knowledge.ts';
import type { Exposure, ExposureChange, Fleet, SnapshotEntry } from '../core/model/fleet.ts';

const ICON = { 'now-affected': ':red_circle:', changed: ':large_orange_circle:', 'no-longer-affected': ':white_check_mark:'} as const;

/**
 * The message a subscribed channel gets when exposure changes: per article,
 * which foundations became affected (or stopped being, or changed), with
 * the upgrade target and the article's fix. Pure.
 */
/**
 * `now(change)` is each changed foundation's current exposure to the
 * article for the product (the caller asks the verdict engine; rendering
 * only says it).
 */
export function renderFleetChanges(knowledge: Knowledge, fleet: Fleet, changes: readonly ExposureChange[], reason: string, now: (c: ExposureChange) => Exposure[]): { text: string; blocks: KnownBlock[] } {
  const affected = new Set(changes.filter((c) => c.kind === 'now-affected').map((c) => c.foundation));
  const cleared = new Set(changes.filter((c) => c.kind === 'no-longer-affected').map((c) => c.foundation));
  const headline = [
    affected.size > 0 ? `${[...affected].join(', ')} ${affected.size === 1 ? 'is' : 'are'} now affected` : '',
    cleared.size > 0 ? `${[...cleared].join(', ')} no longer affected` : '',
  ].filter(Boolean).join('; ') || 'Fleet exposure changed';
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: clip(`Fleet: ${headline}`, 150), emoji: true } }];
  const text: string[] = [`Fleet: ${headline}.`];
  const articles = [...new Set(changes.map((c) => c.article))];
  for (const id of articles) {
    const article = articleOf(knowledge, id);
    const mine = changes.filter((c) => c.article === id);
    const lines = mine.map((c) => changeLine(knowledge, fleet, c, now));
    const title = article ? `<${article.url}|${esc(articleLabel(id))}> — ${esc(article.title)}` : `${esc(articleLabel(id))} (no longer in the knowledge base)`;
    const fix = article && mine.some((c) => c.kind !== 'no-longer-affected') ? `\n*Fix:* ${esc(clip(article.resolution, 600))}` : '';
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*${title}*\n${lines.map((l) => `${ICON[l.kind]} ${esc(l.text)}`).join('\n')}${fix}` } });
    text.push(`${articleLabel(id)}${article ? ` — ${article.title}` : ''}`, ...lines.map((l) => `  ${l.text}`));
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Because of ${esc(reason)} · \`/kb fleet\` for the whole table · \`/kb unsubscribe\` to stop these` }] });
  return { text: clip(text.join('\n'), 3000), blocks: fitBlocks(blocks, 'More changes: /kb fleet.') };
}

function changeLine(knowledge: Knowledge, fleet: Fleet, c: ExposureChange, now: (c: ExposureChange) => Exposure[]): { kind: ExposureChange['kind']; text: string } {
  const after = c.after;
  const was = c.before;
  switch (c.kind) {
    case 'now-affected':
      return { kind: c.kind, text: `${c.foundation} is now affected: ${entryLine(knowledge, after as SnapshotEntry)}` };
    case 'changed': {
      const then = was && was.version !== after?.version ? ` (was ${was.version ?? 'no version'})` : '';
      return { kind: c.kind, text: `${c.foundation} is still affected: ${entryLine(knowledge, after as SnapshotEntry)}${then}` };
    }
    case 'no-longer-affected':
      return { kind: c.kind, text: `${c.foundation} is no longer affected: ${nowText(knowledge, fleet, c, now)}` };
  }
}

function entryLine(knowledge: Knowledge, e: SnapshotEntry): string {
  return exposureLine(knowledge, {
    article: e.article, product: e.product, version: e.version, status: e.status,
    fixedIn: e.fix.length === 1 ? (e.fix[0] as string) : null, upgradeTo: e.fix, basis: 'stated', condition: null, reason: '',
  });
}

/** Why an exposure ended: the foundation or article is gone, or today's verdict. */
function nowText(knowledge: Knowledge, fleet: Fleet, c: ExposureChange, exposures: (c: ExposureChange) => Exposure[]): string {
  if (!fleet.foundations.some((f) => f.name === c.foundation)) return `${c.foundation} is no longer on record`;
  if (!articleOf(knowledge, c.article)) return `${articleLabel(c.article)} was removed from the knowledge base`;
  const now = exposures(c);
  if (now.length === 0) return `${productShort(knowledge, c.product)} is no longer on record for ${c.foundation}`;
  return now.map((e) => exposureLine(knowledge, e)).join('; ');
}
