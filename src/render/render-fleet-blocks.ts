import { articleLabel } from '../core/model/article-label.ts';
import { fitBlocks, clip } from './fit-blocks.ts';
import { escapeMrkdwn as esc } from './escape-mrkdwn.ts';
import { renderFleetText } from './render-fleet.ts';
import { articleOf, byArticle, exposureLine, fleetHeadline, productsText } from './view-fleet.ts';
import type { KnownBlock } from './block-types.ts';
import type { Knowledge } from '../core/model/knowledge.ts';
import type { Exposure, FleetAnswer, FoundationExposure } from '../core/model/fleet.ts';

const MAX_LINES = 12;
const ICON: Record<Exposure['status'], string> = { affected: ':red_circle:', depends: ':large_orange_circle:', unknown: ':grey_question:', fixed: ':white_check_mark:', 'not-affected': ':white_check_mark:' };

/** The fleet answer as a Slack message (within Slack's limits), with its plain-text fallback. */
export function renderFleetBlocks(knowledge: Knowledge, a: FleetAnswer): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: clip(fleetHeadline(knowledge, a), 150), emoji: true } }];
  const one = a.article !== null ? articleOf(knowledge, a.article) : undefined;
  if (one) blocks.push(section(`*<${one.url}|${esc(articleLabel(one.id))}> — ${esc(one.title)}*\n*Fix:* ${esc(one.resolution)}`));
  for (const f of a.foundations) blocks.push(section(foundationText(knowledge, f, one !== undefined)));
  if (a.foundations.length === 0) blocks.push(section(esc(a.notices[0] ?? 'No foundations are on record.')));
  blocks.push(context(one ? 'Every foundation on record, worst first. `/kb fleet` for all articles.' : 'Worst first. `/kb fleet <KB id>` for one article · `kb-bot fleet --json` for everything.'));
  return { text: clip(renderFleetText(knowledge, a), 3000), blocks: fitBlocks(blocks, 'More foundations: kb-bot fleet, or /kb fleet <KB id>.') };
}

function foundationText(knowledge: Knowledge, f: FoundationExposure, one: boolean): string {
  const labels = [f.environment ? esc(f.environment) : '', f.channel ? `owner ${channelRef(f.channel)}` : ''].filter(Boolean).join(' · ');
  const lines = [`*${esc(f.name)}*${labels ? ` · ${labels}` : ''} · _${esc(productsText(knowledge, f))}_`];
  if (f.exposures.length === 0) lines.push(one ? 'Not covered: the article names none of its products.' : ':white_check_mark: Nothing affected, depends or unknown.');
  const acting = f.exposures.filter((e) => e.status !== 'unknown' && (!one ? e.status === 'affected' || e.status === 'depends' : true));
  for (const g of byArticle(acting)) {
    const article = articleOf(knowledge, g.article);
    const link = article ? `<${article.url}|${esc(articleLabel(g.article))}>` : `${esc(articleLabel(g.article))}`;
    for (const e of g.exposures) lines.push(`${ICON[e.status]} ${one ? '' : `${link} `}${esc(exposureLine(knowledge, e)).replace(/: (affected|depends on the patch)/, ': *$1*')}`);
  }
  const unknown = f.exposures.filter((e) => e.status === 'unknown');
  if (unknown.length > 0) {
    const ids = [...new Set(unknown.map((e) => e.article))];
    lines.push(`${ICON.unknown} Unknown for ${ids.slice(0, 8).map((id) => `${esc(articleLabel(id))}`).join(', ')}${ids.length > 8 ? ` and ${ids.length - 8} more` : ''}${one ? ` — ${esc(unknown[0]?.reason ?? '')}` : ''}`);
  }
  const shown = lines.slice(0, MAX_LINES + 1);
  if (lines.length > shown.length) shown.push(`…and ${lines.length - shown.length} more: \`/kb fleet <KB id>\``);
  return shown.join('\n');
}

/** The fleet's exposure table for App Home: one line per foundation. */
export function renderFleetHome(knowledge: Knowledge, a: FleetAnswer): KnownBlock[] {
  const rows = a.foundations.map((f) => {
    const count = (s: Exposure['status']) => new Set(f.exposures.filter((e) => e.status === s).map((e) => e.article)).size;
    const affected = count('affected') + count('depends');
    const top = [...new Set(f.exposures.filter((e) => e.status === 'affected').map((e) => `${esc(articleLabel(e.article))}`))].slice(0, 3);
    const status = affected > 0 ? `${ICON.affected} affected by ${affected}${top.length > 0 ? ` (${top.join(', ')})` : ''}` : `${ICON.fixed} not affected`;
    const unknown = count('unknown') > 0 ? ` · ${ICON.unknown} unknown for ${count('unknown')}` : '';
    return `*${esc(f.name)}*${f.environment ? ` _${esc(f.environment)}_` : ''} — ${status}${unknown}\n      _${esc(productsText(knowledge, f))}_`;
  });
  const blocks: KnownBlock[] = [{ type: 'divider' }, section(`*Fleet exposure* — ${esc(fleetHeadline(knowledge, a))}`)];
  for (let i = 0; i < rows.length; i += 8) blocks.push(section(rows.slice(i, i + 8).join('\n')));
  blocks.push(context('`/kb fleet` for the fixes · `/kb subscribe` in a channel to hear when this changes'));
  return fitBlocks(blocks, 'More foundations: /kb fleet.');
}

/** A Slack channel id becomes a channel link; a #name stays text. */
export function channelRef(channel: string): string {
  return /^[CG][A-Z0-9]{6,}$/.test(channel) ? `<#${channel}>` : esc(channel);
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}
