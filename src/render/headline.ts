import { articleLabel } from '../core/model/article-label.ts';
import { shortName, aspectTitle } from './verdict-line.ts';
import type { Answer, FixLine, VersionVerdict } from '../core/model/answer.ts';

/** The first thing a reader sees: the verdict, the match or what was found, said plainly. */
export function headline(a: Answer): string {
  switch (a.intent) {
    case 'help':
      return 'kb-bot answers version questions, recognises pasted crashes and log lines, and finds known-issue articles.';
    case 'list':
      return `kb-bot knows ${a.articles.length} article${a.articles.length === 1 ? '' : 's'}.`;
    case 'trace':
      return traceHeadline(a);
    case 'version': {
      // A named article with no verdict for the asked version (versioned by another product): say that first.
      const lead = a.leadFrom === 'named' && a.lead !== null && !a.versions.some((v) => v.article === a.lead) ? a.notices.find((n) => n.startsWith(articleLabel(a.lead as string))) : undefined;
      return lead ? `${lead} ${versionHeadline(a)}` : versionHeadline(a);
    }
    case 'article':
      return articleHeadline(a);
    case 'search':
      if (a.articles.every((h) => h.weak)) return `No article clearly matches; the closest is ${articleLabel(a.articles[0]?.id ?? '')} (a guess).`;
      return a.articles.length === 1 ? 'One article matches.' : `${a.articles.length} articles match, best first.`;
    default:
      // Nothing to answer, but something to say: no such release line, not a product version, an unknown KB number.
      if (a.notices.length > 0 && a.otherSoftware.length === 0) return a.notices[0] as string;
      if (a.lead !== null) {
        return `Not sure what you need. This thread is about ${articleLabel(a.lead)} — ask "which version fixes it?", "how do we mitigate?" or "is TAS 2.13.20 affected?".`;
      }
      if (a.otherSoftware.length > 0) {
        return `${a.otherSoftware.map((o) => `${o.name} ${o.version}`).join(', ')} ${a.otherSoftware.length === 1 ? 'is' : 'are'} not a product kb-bot knows: no verdict. Ask about ${a.products.length > 0 ? a.products.map((p) => p.short).join(', ') : 'TAS or IST'} versions, or paste a crash.`;
      }
      return 'I found no version, crash or known issue in that. Ask "is TAS 2.13.20 affected?", paste a crash, or try "help".';
  }
}

/**
 * Where an article is fixed, in the products operators install, with the
 * component release beside it: "KB 298398 is fixed in TAS 2.11.52, 2.13.34,
 * 4.0.16, 5.0.6 (no fix on 3.0); IST … — routing-release 0.288.0." `only`
 * keeps the tiles to the products asked about (components always show).
 */
export function fixSentence(a: Answer, article: string, only?: ReadonlySet<string>): string | null {
  const rows = a.fixes.filter((f) => f.article === article);
  if (rows.length === 0) return null;
  const byProduct = new Map<string, FixLine[]>();
  for (const r of rows) byProduct.set(r.product, [...(byProduct.get(r.product) ?? []), r]);
  const tiles: string[] = [];
  const components: string[] = [];
  for (const [product, lines] of byProduct) {
    const kind = a.products.find((p) => p.id === product)?.kind ?? 'tile';
    if (kind === 'tile' && only && only.size > 0 && !only.has(product)) continue;
    const fixed = lines.flatMap((l) => (l.fixedIn ? [l.fixedIn] : l.laterLines ? [`every line from ${l.line} on`] : []));
    const after = lines.flatMap((l) => (!l.fixedIn && l.lastAffected ? [l.lastAffected] : []));
    const none = spanOf(lines.filter((l) => !l.fixedIn && !l.lastAffected && !l.laterLines).map((l) => l.line));
    const name = shortName(a, product);
    const parts: string[] = [];
    if (fixed.length > 0) parts.push(`${name} ${fixed.join(', ')}`);
    if (after.length > 0) parts.push(`${fixed.length > 0 ? '' : `${name} `}after ${after.join(', ')} (the last affected patch${after.length === 1 ? '' : 'es'}; the first fixed one${after.length === 1 ? ' is' : 's are'} not named)`);
    let part = parts.join('; ');
    if (part === '') part = `${name}: no fixed version`;
    else if (none.length > 0) {
      const newer = lines.filter((l) => l.fixedIn && lineAfter(l.line, none[none.length - 1] as string)).map((l) => l.fixedIn as string);
      part += ` (no fix on ${none.join(', ')}${newer.length > 0 ? `: move to ${newer.join(' or ')}` : ''})`;
    }
    (kind === 'component' ? components : tiles).push(part);
  }
  const all = [...tiles, ...components];
  if (all.length === 0 || all.every((p) => p.endsWith('no fixed version'))) return `${articleLabel(article)} names no fixed version.`;
  return `${articleLabel(article)} is fixed in ${tiles.join('; ')}${tiles.length > 0 && components.length > 0 ? ' — ' : ''}${components.join('; ')}.`;
}

function traceHeadline(a: Answer): string {
  const matches = a.traces.filter((t) => t.level !== 'partial');
  const top = matches[0];
  let line: string;
  if (top) {
    const title = a.cards.find((c) => c.id === top.article)?.title ?? '';
    const fix = shortFix(a, top.article);
    // The fix in what operators install (the tiles' patches), the component release beside it; the title follows below.
    const generic = top.kind === 'log' && top.specific === false;
    const what = top.kind === 'log' ? 'log line' : 'crash';
    const level = generic ? `${top.level} match of a generic line: other causes log it too` : `${top.level} match`;
    line = fix
      ? `This ${what} is ${articleLabel(top.article)} (${level}). Fix: ${fix}.`
      : `This ${what} is ${articleLabel(top.article)}: ${title} (${level}${top.release ? `, from ${top.release}` : ''}).`;
    // A trace from a release the table says is fixed (or older than the issue): the match stands, the advice does not.
    if (top.releaseStatus && top.release) {
      line = `This crash is ${articleLabel(top.article)} (${top.level} match), but it comes from ${top.release}, which the article lists as ${top.releaseStatus === 'fixed' ? 'fixed' : 'not affected'}: check the versions actually deployed.`;
    }
    if (matches.length > 1) line += ` It also matches ${matches.slice(1).map((m) => `${articleLabel(m.article)} (${m.level})`).join(', ')}.`;
  } else {
    const closest = a.traces[0];
    line = 'No known issue matches this crash.';
    if (closest) line += ` Closest: ${articleLabel(closest.article)}, which shares only part of it.`;
  }
  if (a.versions.length > 0) line += ` ${versionHeadline(a)}`;
  return line;
}

/** "TAS 2.11.52/2.13.34/4.0.16/5.0.6, IST 2.11.46/… — routing-release 0.288.0", or null when nothing is fixed. */
function shortFix(a: Answer, article: string): string | null {
  const tiles: string[] = [];
  const components: string[] = [];
  const rows = a.fixes.filter((f) => f.article === article);
  for (const product of [...new Set(rows.map((r) => r.product))]) {
    const fixed = rows.filter((r) => r.product === product && (r.fixedIn || r.laterLines)).map((r) => r.fixedIn ?? `${r.line}+`);
    if (fixed.length === 0) continue;
    const none = spanOf(rows.filter((r) => r.product === product && !r.fixedIn && !r.lastAffected && !r.laterLines).map((r) => r.line));
    const kind = a.products.find((p) => p.id === product)?.kind ?? 'tile';
    (kind === 'component' ? components : tiles).push(`${shortName(a, product)} ${fixed.join('/')}${none.length > 0 ? ` (none on ${none.join(', ')})` : ''}`);
  }
  if (tiles.length + components.length === 0) return null;
  return `${tiles.join(', ')}${tiles.length > 0 && components.length > 0 ? ' — ' : ''}${components.join(', ')}`;
}

function articleHeadline(a: Answer): string {
  const card = a.cards.find((c) => c.id === a.lead) ?? a.cards[0];
  if (!card) return headline({ ...a, intent: 'none' });
  if (a.focus.includes('mitigation')) return `How to mitigate ${articleLabel(card.id)}:`;
  if (a.focus.includes('fix')) return fixSentence(a, card.id) ?? `${articleLabel(card.id)} names no fixed version.`;
  // The gist first (the title is on the article right below): why it happens, when that is the question.
  return `${articleLabel(card.id)}: ${firstSentence(a.focus.includes('cause') ? card.cause : card.summary)}`;
}

/** "Which IST version fixes it?": the fix per release line, and the lines with none. */
function lineTableHeadline(a: Answer, verdicts: VersionVerdict[]): string {
  const article = verdicts[0]?.article ?? '';
  return fixSentence(a, article, new Set(verdicts.map((v) => v.product))) ?? `${articleLabel(article)}: ${verdicts.map((v) => `${shortName(a, v.product)} ${v.line} ${v.status}`).join(', ')}.`;
}

/** One verdict, said plainly: the status first, then what to do. */
function singleHeadline(a: Answer, key: string, v: VersionVerdict): string {
  const aspect = aspectTitle(a, v);
  const kb = aspect ? `${articleLabel(v.article)} (${aspect})` : `${articleLabel(v.article)}`;
  switch (v.status) {
    case 'affected': {
      const when = v.condition ? ` when ${v.condition}` : '';
      const next = v.fixedIn
        ? ` — fixed in ${v.fixedIn}`
        : v.lastAffected
          ? ` — upgrade past ${v.lastAffected}, its last affected patch`
          : v.upgradeTo.length > 0
            ? ` — no ${v.line} fix; upgrade to ${v.upgradeTo.join(' or ')}`
            : ' — no fixed version';
      return `${key} is affected by ${kb}${when}${next}.`;
    }
    case 'fixed':
      return `${key} has the fix for ${kb}.`;
    case 'not-affected':
      return `${key} is not affected by ${kb}.`;
    case 'depends':
      return `${key}: whether ${kb} applies depends on the patch${v.fixedIn ? ` — fixed from ${v.fixedIn}` : ''}.`;
    default:
      return `${kb} does not say whether ${key} is affected.`;
  }
}

export function versionHeadline(a: Answer): string {
  // The lead article's table, line by line ("which version fixes it?", "and IST?"): said as where it is fixed.
  const found = a.versions.filter((v) => v.article === a.lead && v.version === v.line);
  // A component's one line ("0" of routing-release) is its whole table too.
  const isTable = found.length >= 2 || found.some((v) => a.products.find((p) => p.id === v.product)?.kind === 'component');
  const table = isTable ? found : [];
  const rows = isTable ? a.versions.filter((v) => !table.includes(v)) : a.versions;
  if (!isTable) return verdictGroups(a, rows);
  const fix = lineTableHeadline(a, table);
  if (rows.length === 0) return fix;
  // The asker's own version first; other articles on the table's lines after the fix.
  if (rows.some((v) => v.article === a.lead)) return `${verdictGroups(a, rows)} ${fix}`;
  return `${fix} ${othersOnLines(a, rows)}`;
}

/** "Other known issues on IST 2.13: KB 297408 affected; KB 298173, KB 298336 depend on the patch." */
function othersOnLines(a: Answer, rows: VersionVerdict[]): string {
  const keys = [...new Set(rows.map((v) => `${shortName(a, v.product)} ${v.version}`))];
  const by = (s: VersionVerdict['status']) => rows.filter((v) => v.status === s).map((v) => `${articleLabel(v.article)}`);
  const parts = [by('affected').length > 0 && `${by('affected').join(', ')} affected`, by('depends').length > 0 && `${by('depends').join(', ')} depend${by('depends').length === 1 ? 's' : ''} on the patch`].filter(Boolean);
  return parts.length > 0 ? `Other known issues on ${keys.join(', ')}: ${parts.join('; ')}.` : '';
}

function verdictGroups(a: Answer, verdicts: VersionVerdict[]): string {
  const groups = new Map<string, VersionVerdict[]>();
  for (const v of verdicts) {
    const key = `${shortName(a, v.product)} ${v.version}`;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  return [...groups.entries()]
    .map(([key, rows]) => {
      // An article with a row per symptom counts once, by its most severe row, unless it is the only article.
      const vs = new Set(rows.map((v) => v.article)).size === 1 ? rows.slice(0, 2) : worstPerArticle(rows);
      const lead = vs.find((v) => v.article === a.lead);
      if (vs.length === 2 && vs[0]?.article === vs[1]?.article) return vs.map((v) => singleHeadline(a, key, v)).join(' ');
      if (vs.length === 1) return singleHeadline(a, key, vs[0] as VersionVerdict);
      if (lead) return `${singleHeadline(a, key, lead)} ${othersSummary(vs.filter((v) => v !== lead))}`;
      const count = (s: VersionVerdict['status']) => vs.filter((v) => v.status === s).length;
      const parts = [
        count('affected') && `affected by ${count('affected')} known issue${count('affected') === 1 ? '' : 's'}`,
        count('depends') && `${count('depends')} depend${count('depends') === 1 ? 's' : ''} on the patch`,
        count('fixed') && `${count('fixed')} fixed`,
        count('not-affected') && `${count('not-affected')} not affecting it`,
        count('unknown') && `${count('unknown')} unknown`,
      ].filter(Boolean);
      return `${key}: ${parts.join(', ')}.`;
    })
    .join(' ');
}

function othersSummary(others: VersionVerdict[]): string {
  const affected = others.filter((v) => v.status === 'affected' || v.status === 'depends');
  const unknown = others.filter((v) => v.status === 'unknown');
  if (affected.length > 0) return `Also affected by ${affected.map((v) => `${articleLabel(v.article)}${v.status === 'depends' ? ' (depends on the patch)' : ''}`).join(', ')}.`;
  if (unknown.length > 0) return `${unknown.length} other known issue${unknown.length === 1 ? ' does' : 's do'} not say; no other affects it.`;
  return `No other known issue affects it (${others.length} checked).`;
}

/** "4.0" comes after "3.0", "2.13" after "2.9". */
function lineAfter(a: string, b: string): boolean {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d > 0;
  }
  return false;
}

const SEVERITY: Record<VersionVerdict['status'], number> = { affected: 0, depends: 1, unknown: 2, fixed: 3, 'not-affected': 4 };

/** One row per article: its most severe (symptom rows of one article count once). */
function worstPerArticle(rows: VersionVerdict[]): VersionVerdict[] {
  const out = new Map<string, VersionVerdict>();
  for (const v of rows) {
    const prev = out.get(v.article);
    if (!prev || SEVERITY[v.status] < SEVERITY[prev.status]) out.set(v.article, v);
  }
  return [...out.values()];
}

/** The first sentence of a text, whitespace collapsed. */
export function firstSentence(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return /^.*?[.!?](?=\s|$)/.exec(t)?.[0] ?? t;
}

/** Lines said briefly: up to three by name, more as "2.0 to 2.5". */
function spanOf(lines: string[]): string[] {
  return lines.length > 3 ? [`${lines[0]} to ${lines[lines.length - 1]}`] : lines;
}
