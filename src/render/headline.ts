import { articleLabel } from '../core/model/article-label.ts';
import { shortName, aspectTitle, upgradeWords, worstPerArticle, versionKey } from './verdict-line.ts';
import { upgradeHeadline } from './upgrade-headline.ts';
import type { Answer, VersionVerdict } from '../core/model/answer.ts';
import { fixSentence, shortFix } from './fix-sentence.ts';

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
      const lead = a.lead !== null && !a.versions.some((v) => v.article === a.lead) ? a.notices.find((n) => n.startsWith(articleLabel(a.lead as string))) : undefined;
      // "which version fixes it?" / "how do we mitigate?" after a version question, with no issue named: what to upgrade to, per version.
      const upgrade = a.lead === null && (a.focus.includes('fix') || a.focus.includes('mitigation')) ? upgradeHeadline(a) : null;
      if (upgrade) return upgrade;
      // A line newer than every line kb-bot knows (a typo, or a release newer than the catalog): said before any verdict.
      const newer = [...new Set(a.versions.filter((v) => v.newerLine).map((v) => `${shortName(a, v.product)} ${v.line ?? v.version}`))];
      const caveat = newer.length > 0 ? `${newer.join(', ')} ${newer.length === 1 ? 'is' : 'are'} newer than every line kb-bot knows: only articles that say what holds for newer lines answer. ` : '';
      return `${caveat}${lead ? `${lead} ${versionHeadline(a)}` : versionHeadline(a)}`;
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

function traceHeadline(a: Answer): string {
  const matches = a.traces.filter((t) => t.level !== 'partial');
  const top = matches[0];
  let line: string;
  if (top) {
    const title = a.cards.find((c) => c.id === top.article)?.title ?? '';
    // With versions asked beside the paste, their verdicts say where it is fixed: no second fix list.
    const fix = a.versions.some((v) => v.article === top.article) ? null : shortFix(a, top.article);
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

function articleHeadline(a: Answer): string {
  const card = a.cards.find((c) => c.id === a.lead) ?? a.cards[0];
  if (!card) return headline({ ...a, intent: 'none' });
  if (a.focus.includes('mitigation')) return `How to mitigate ${articleLabel(card.id)}:`;
  if (a.focus.includes('reference') && !a.focus.includes('fix') && !a.focus.includes('cause') && !a.focus.includes('summary')) {
    const ids = card.aliases.length > 0
      ? `also known as ${card.aliases.join(', ')}.`
      : `no ${/^(?:CVE|GHSA|GO)-/i.test(card.id) ? 'other' : 'CVE or advisory'} id is recorded for it.`;
    return `${articleLabel(card.id)} is at ${card.url} — ${ids}`;
  }
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
      const next = v.reintroducedIn
        ? ` — no lasting fix on ${v.line}: ${v.reintroducedIn} and later are affected again`
        : v.fixedIn
        ? ` — fixed in ${v.fixedIn}`
        : v.lastAffected
          ? ` — upgrade past ${v.lastAffected}, its last affected ${a.products.find((p) => p.id === v.product)?.kind === 'component' ? 'release' : 'patch'}`
          : v.upgradeTo.length > 0 || v.upgradeCheck
            ? ` — no ${v.line} fix; ${upgradeWords(v)}`
            : ' — no fixed version';
      return `${key} is affected by ${kb}${when}${next}.`;
    }
    case 'fixed':
      return v.reintroducedIn ? `${key} is not affected by ${kb}, but ${v.reintroducedIn} and later ${v.line ?? ''} patches are affected again: do not upgrade within the line expecting it to stay fixed.` : `${key} has the fix for ${kb}.`;
    case 'not-affected':
      return `${key} is not affected by ${kb}.`;
    case 'depends':
      return `${key}: whether ${kb} applies depends on the patch${v.fixedIn ? ` — fixed from ${v.fixedIn}` : v.lastAffected ? ` — affected up to ${v.lastAffected}` : v.upgradeTo.length > 0 || v.upgradeCheck ? ` — no ${v.line} fix; ${upgradeWords(v)}` : ' — no fixed version'}.`;
    default:
      return `${kb} does not say whether ${key} is affected.`;
  }
}

export function versionHeadline(a: Answer): string {
  // The lead article's table, line by line ("which version fixes it?", "and IST?"): said as where it is fixed.
  const found = a.versions.filter((v) => v.article === a.lead && v.version === v.line);
  // A component's one line ("0" of routing-release) is its whole table too.
  // A table is several lines of one product; one line of each of several products ("does 5.0 have it?") is a version question.
  const linesOf = (product: string) => new Set(found.filter((v) => v.product === product).map((v) => v.line)).size;
  const isTable = found.some((v) => linesOf(v.product) >= 2) || found.some((v) => a.products.find((p) => p.id === v.product)?.kind === 'component');
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
  const keys = [...new Set(rows.map((v) => versionKey(a, v)))];
  const by = (s: VersionVerdict['status']) => [...new Set(rows.filter((v) => v.status === s).map((v) => articleLabel(v.article)))];
  const parts = [by('affected').length > 0 && `${by('affected').join(', ')} affected`, by('depends').length > 0 && `${by('depends').join(', ')} depend${by('depends').length === 1 ? 's' : ''} on the patch`].filter(Boolean);
  return parts.length > 0 ? `Other known issues on ${keys.join(', ')}: ${parts.join('; ')}.` : '';
}

function verdictGroups(a: Answer, verdicts: VersionVerdict[]): string {
  const groups = new Map<string, VersionVerdict[]>();
  for (const v of verdicts) {
    const key = versionKey(a, v);
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  const said = new Set<string>();
  return [...groups.entries()]
    .map(([key, rows]) => {
      // An article with a row per symptom counts once, by its most severe row, unless it is the only article.
      const vs = new Set(rows.map((v) => v.article)).size === 1 ? rows.slice(0, 2) : worstPerArticle(rows);
      const lead = vs.find((v) => v.article === a.lead);
      if (vs.length === 2 && vs[0]?.article === vs[1]?.article) return vs.map((v) => singleHeadline(a, key, v)).join(' ');
      if (vs.length === 1) return singleHeadline(a, key, vs[0] as VersionVerdict);
      if (lead) {
        // The lead article's rows in the answer's order: the symptom the question names first, then its other symptoms.
        const own = rows.filter((v) => v.article === a.lead).slice(0, 2);
        const others = othersSummary(vs.filter((v) => v.article !== a.lead));
        // Said once: a second version with the same other issues does not repeat them.
        const repeat = said.has(others);
        said.add(others);
        return `${own.map((v) => singleHeadline(a, key, v)).join(' ')}${repeat ? '' : ` ${others}`}`;
      }
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


/** The first sentence of a text, whitespace collapsed. */
export function firstSentence(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return /^.*?[.!?](?=\s|$)/.exec(t)?.[0] ?? t;
}

