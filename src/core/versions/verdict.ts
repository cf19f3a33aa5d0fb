import semver, { type SemVer } from 'semver';
import { lineOf, compareLines } from './line-of.ts';
import { statusOnLine, finalFix, describeLine } from './status-on-line.ts';
import type { Article, Product, ProductTable, VersionEvent } from '../model/knowledge.ts';
import type { Basis, VersionVerdict } from '../model/answer.ts';

/**
 * The verdict of one article for one product version, by the rules in
 * docs/verdicts.md: a listed line is read from its events; a line newer than
 * every listed line follows the table's `newer` rule; any other line is
 * unknown, never guessed.
 */
export function verdictForVersion(article: Article, product: Product, version: SemVer): VersionVerdict | null {
  const table = article.affected.get(product.id);
  if (!table) return null;
  const line = lineOf(product, version);
  const v = version.version;
  const base = { article: article.id, product: product.id, version: v, line, condition: table.condition ?? null };
  const events = table.lines.get(line);
  if (events) {
    const state = statusOnLine(events, version);
    const used = [state.decidedBy, state.nextFix].filter((e): e is VersionEvent => e !== undefined);
    const basis = basisOf(used, state.decidedBy === undefined ? events[0] : undefined);
    const inferredNotes = inferredText([...used, ...(state.decidedBy ? [] : events.slice(0, 1))]);
    if (state.status === 'not-affected') {
      const first = events[0] as VersionEvent;
      return { ...base, status: 'not-affected', fixedIn: null, upgradeTo: [], basis,
        reason: `${v} is before ${first.version.version}, the first affected version on the ${line} line.${inferredNotes}` };
    }
    if (state.status === 'fixed') {
      const by = state.decidedBy as VersionEvent;
      const fixedIn = by.kind === 'fixed' ? by.version.version : null;
      const why = by.kind === 'fixed'
        ? `${v} is at or after ${by.version.version}, which carries the fix on the ${line} line`
        : `${v} is after ${by.version.version}, the last affected version on the ${line} line (the article names no first fixed patch)`;
      return { ...base, status: 'fixed', fixedIn, upgradeTo: [], basis, reason: `${why}.${noteOf(by)}${inferredNotes}` };
    }
    const opened = state.decidedBy ? `affected from ${state.decidedBy.version.version}` : `affected before its first listed fix`;
    if (state.nextFix) {
      const fix = state.nextFix.version.version;
      return { ...base, status: 'affected', fixedIn: fix, upgradeTo: [fix], basis,
        reason: `${v} is on the ${line} line, ${opened}; the fix is in ${fix}.${conditionText(table)}${inferredNotes}` };
    }
    const closing = events.find((e) => e.kind === 'last_affected' && semver.gte(e.version, version));
    if (closing) {
      return { ...base, status: 'affected', fixedIn: null, upgradeTo: [], basis, lastAffected: closing.version.version,
        reason: `${v} is on the ${line} line, ${opened} up to ${closing.version.version}; upgrade past ${closing.version.version} (the article names no first fixed patch).${conditionText(table)}${inferredNotes}` };
    }
    const upgradeTo = fixesOnNewerLines(table, line);
    const target = upgradeTo.length > 0
      ? `no ${line} patch fixes it; upgrade to ${upgradeTo.map((u) => `${u}+`).join(' or ')}`
      : 'the article lists no fixed version';
    return { ...base, status: 'affected', fixedIn: null, upgradeTo, basis: basis,
      reason: `${v} is on the ${line} line, ${opened}; ${target}.${conditionText(table)}${inferredNotes}` };
  }
  return verdictForUnlistedLine(table, product, line, { ...base, version: v });
}

/** The verdict for a whole release line ("TAS 2.13"): one status, or `depends`. */
export function verdictForLine(article: Article, product: Product, line: string): VersionVerdict | null {
  const table = article.affected.get(product.id);
  if (!table) return null;
  const base = { article: article.id, product: product.id, version: line, line, condition: table.condition ?? null };
  const events = table.lines.get(line);
  if (!events) return verdictForUnlistedLine(table, product, line, base);
  const basis = basisOf(events);
  const parts = describeLine(events);
  const fix = finalFix(events);
  const statuses = new Set(parts.map((p) => p.split(' ').pop()));
  if (statuses.size === 1 && parts.length === 1) {
    const only = [...statuses][0] === 'fixed' ? 'fixed' : 'affected';
    const upgradeTo = only === 'affected' ? fixesOnNewerLines(table, line) : [];
    return { ...base, status: only, fixedIn: fix?.version.version ?? null, upgradeTo, basis,
      reason: `The whole ${line} line is ${only} (${parts[0]}).${only === 'affected' ? conditionText(table) : ''}${inferredText(events)}` };
  }
  const upgradeTo = fix ? [fix.version.version] : fixesOnNewerLines(table, line);
  const last = events[events.length - 1];
  const closed = last?.kind === 'last_affected' ? { lastAffected: last.version.version } : {};
  const advice = fix ? '' : upgradeTo.length > 0 ? ` No ${line} patch fixes it; upgrade to ${upgradeTo.map((u) => `${u}+`).join(' or ')}.` : '';
  return { ...base, ...closed, status: 'depends', fixedIn: fix?.version.version ?? null, upgradeTo, basis,
    reason: `Depends on the patch: ${parts.join('; ')}.${advice}${conditionText(table)}${inferredText(events)}` };
}

function verdictForUnlistedLine(
  table: ProductTable,
  product: Product,
  line: string,
  base: Omit<VersionVerdict, 'status' | 'fixedIn' | 'upgradeTo' | 'basis' | 'reason'>,
): VersionVerdict {
  const listed = [...table.lines.keys()].sort(compareLines);
  const newest = listed[listed.length - 1];
  if (table.newer && newest !== undefined && compareLines(line, newest) > 0) {
    const rule = table.newer;
    return { ...base, status: rule.status, fixedIn: null, upgradeTo: [],
      basis: rule.inferred === undefined ? 'stated' : 'inferred',
      condition: rule.status === 'affected' ? base.condition : null,
      reason: `The ${line} line is newer than every line the article lists (newest: ${newest}); it is taken as ${rule.status}${rule.inferred ? `: ${rule.inferred}` : ''}.` };
  }
  const where = newest === undefined ? 'no release lines' : listed.length === 1 ? `only the ${newest} line` : `the lines ${listed.join(', ')}`;
  return { ...base, status: 'unknown', fixedIn: null, upgradeTo: [], basis: 'stated', condition: null,
    reason: `The article lists ${where} for ${product.short}, not ${line}; kb-bot does not guess for unlisted lines.` };
}

/** The version from which each line newer than `line` stays fixed. */
function fixesOnNewerLines(table: ProductTable, line: string): string[] {
  return [...table.lines.entries()]
    .filter(([l]) => compareLines(l, line) > 0)
    .sort(([a], [b]) => compareLines(a, b))
    .flatMap(([, events]) => {
      const fix = finalFix(events);
      return fix ? [fix.version.version] : [];
    });
}

function basisOf(events: readonly VersionEvent[], extra?: VersionEvent): Basis {
  return [...events, ...(extra ? [extra] : [])].some((e) => e.inferred !== undefined) ? 'inferred' : 'stated';
}

function inferredText(events: readonly VersionEvent[]): string {
  const notes = [...new Set(events.flatMap((e) => (e.inferred ? [`${e.kind.replace('_', ' ')} ${e.version.version}: ${e.inferred}`] : [])))];
  return notes.length > 0 ? ` Inferred — ${notes.join('; ')}.` : '';
}

function noteOf(e: VersionEvent): string {
  return e.note ? ` (${e.note})` : '';
}

function conditionText(table: ProductTable): string {
  return table.condition ? ` Only when ${table.condition}.` : '';
}
