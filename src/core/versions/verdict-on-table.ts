import { lineOf, compareLines, lineStart } from './line-of.ts';
import { statusOnLine, finalFix, rangeEvents } from './status-on-line.ts';
import { lineSegments } from './describe-line.ts';
import { basisOf, inferredText, noteOf, joinConditions, conditionText, versionWord, listWords } from './verdict-text.ts';
import type { SemVer } from 'semver';
import type { Article, Product, VersionEvent, VersionTable } from '../model/knowledge.ts';
import type { VersionVerdict } from '../model/answer.ts';

type Base = Omit<VersionVerdict, 'status' | 'fixedIn' | 'upgradeTo' | 'basis' | 'reason'>;

/**
 * The verdict of one version table (a product's, or one aspect's) for one
 * version, by the rules in docs/verdicts.md.
 */
export function verdictOnTable(article: Article, product: Product, table: VersionTable, version: SemVer): VersionVerdict {
  const line = lineOf(product, version);
  const v = version.version;
  const base: Base = { article: article.id, product: product.id, version: v, line, condition: table.condition ?? null };
  const events = table.lines.get(line);
  if (!events) return verdictForUnlistedLine(table, product, line, base);
  const on = product.scheme === 'minor' ? ` on the ${line} line` : '';
  const state = statusOnLine(events, version);
  const ranges = rangeEvents(events);
  // The range's close (`last_affected`) names where to upgrade past; an inference on it is about what comes after, not about this version.
  const used = [state.decidedBy, state.nextFix].filter((e): e is VersionEvent => e !== undefined);
  if (!state.decidedBy && ranges[0]) used.push(ranges[0]);
  const basis = basisOf(used);
  const inferred = inferredText(used);
  const stage = state.stage ? ` From ${state.stage.version.version}: ${state.stage.note}.` : '';
  // A fix the line takes back later (KB 297408: 2.7.31 lenient, 2.7.32 strict again) is no lasting fix.
  const againAfter = (fix: VersionEvent) => ranges.find((e) => (e.kind === 'introduced' || e.kind === 'introduced_after') && e.version.compare(fix.version) > 0);

  if (state.status === 'not-affected') {
    const first = ranges[0] as VersionEvent;
    const why = first.kind === 'introduced_after'
      ? `${v} is not after ${first.version.version}; the affected range starts after it${on}`
      : `${v} is before ${first.version.version}, the first affected version${on}`;
    return { ...base, status: 'not-affected', fixedIn: null, upgradeTo: [], basis, reason: `${why}${noteOf(first)}.${stage}${inferred}` };
  }
  if (state.status === 'fixed') {
    const by = state.decidedBy as VersionEvent;
    const fixedIn = by.kind === 'fixed' ? by.version.version : null;
    const why = by.kind === 'fixed'
      ? `${v} is at or after ${by.version.version}, which carries the fix${on}`
      : `${v} is after ${by.version.version}, the last affected version${on} (the article names no first fixed patch)`;
    const again = by.kind === 'fixed' ? againAfter(by) : undefined;
    if (again) {
      return { ...base, status: 'fixed', fixedIn, upgradeTo: [], basis, reintroducedIn: again.version.version,
        reason: `${why}.${noteOf(by)} But ${again.version.version} and later patches${on} are affected again${noteOf(again)}: upgrading within the line brings it back.${stage}${inferred}` };
    }
    return { ...base, status: 'fixed', fixedIn, upgradeTo: [], basis, reason: `${why}.${noteOf(by)}${stage}${inferred}` };
  }
  if (state.status === 'unknown') {
    const by = state.decidedBy;
    const points = events.filter((e) => e.kind === 'affected').map((e) => e.version.version);
    const why = by?.kind === 'unknown'
      ? `From ${by.version.version}${on} the article does not say which release carries the fix${by.note ? ` (${by.note})` : ''}: check the release notes — kb-bot does not guess`
      : ranges.length === 0
        ? `The article names only ${listWords(points)} as affected${on}; it says nothing about ${v}, so kb-bot does not guess`
        : `The article does not say whether ${v} is affected${on}; kb-bot does not guess`;
    return { ...base, status: 'unknown', fixedIn: null, upgradeTo: [], basis, condition: null, reason: `${why}.${inferred}` };
  }

  const condition = joinConditions(table.condition, state.condition);
  const by = state.decidedBy;
  const opened = !by
    ? 'affected before its first listed fix'
    : by.kind === 'affected'
      ? 'one of the versions the article names as affected'
      : by.kind === 'introduced_after'
        ? `affected after ${by.version.version}`
        : `affected from ${by.first ? (product.scheme === 'minor' ? `its first patch` : 'the first release') : versionWord(by)}`;
  const where = product.scheme === 'minor' ? `${v} is on the ${line} line, ${opened}` : `${v} is ${opened}`;
  const tail = `${stage}${conditionText(condition)}${inferred}`;
  const again = state.nextFix ? againAfter(state.nextFix) : undefined;
  if (state.nextFix && again) {
    const fix = state.nextFix.version.version;
    // The first fix after the issue came back that is not taken back again: the one to upgrade to.
    const lasting = ranges.find((e) => e.kind === 'fixed' && e.version.compare(again.version) > 0 && againAfter(e) === undefined);
    const until = `${fix} alone is not affected${noteOf(state.nextFix)}, but ${again.version.version} and later are affected again${noteOf(again)}`;
    if (lasting) {
      return { ...base, condition, status: 'affected', fixedIn: lasting.version.version, upgradeTo: [lasting.version.version], basis,
        reason: `${where}; ${until}; the lasting fix is in ${lasting.version.version}.${tail}` };
    }
    return { ...base, condition, status: 'affected', fixedIn: null, upgradeTo: [], basis, reintroducedIn: again.version.version,
      reason: `${where}; ${until}: the article lists no lasting fix${on}.${tail}` };
  }
  if (state.nextFix) {
    const fix = state.nextFix.version.version;
    return { ...base, condition, status: 'affected', fixedIn: fix, upgradeTo: [fix], basis, reason: `${where}; the fix is in ${fix}.${tail}` };
  }
  if (state.closing) {
    const last = state.closing.version.version;
    return { ...base, condition, status: 'affected', fixedIn: null, upgradeTo: [], basis, lastAffected: last,
      reason: `${where} up to ${last}; upgrade past ${last} (the article names no first fixed patch).${tail}` };
  }
  const { upgradeTo, check, advice } = newerLineAdvice(table, product, line);
  return { ...base, condition, status: 'affected', fixedIn: null, upgradeTo, ...check, basis, reason: `${where}; ${advice}.${tail}` };
}

/** The verdict for a whole release line ("TAS 2.13"): one status, or `depends`. */
export function lineVerdictOnTable(article: Article, product: Product, table: VersionTable, line: string): VersionVerdict {
  const base: Base = { article: article.id, product: product.id, version: line, line, condition: table.condition ?? null };
  const events = table.lines.get(line);
  if (!events) return verdictForUnlistedLine(table, product, line, base);
  const basis = basisOf(events);
  const segments = lineSegments(events, lineStart(product, line));
  const parts = segments.map((s) => `${s.span} ${s.status === 'not-affected' ? 'not affected' : s.status}${s.condition ? ` (only when ${s.condition})` : ''}`);
  const fix = finalFix(events);
  const statuses = new Set(segments.map((s) => s.status));
  const only = statuses.size === 1 && segments.length === 1 ? segments[0]?.status : undefined;
  const conditional = segments.some((s) => s.condition !== undefined);
  if (only !== undefined && !conditional) {
    const advice = only === 'affected' ? newerLineAdvice(table, product, line) : { upgradeTo: [], check: {}, advice: '' };
    const whole = product.scheme === 'minor' ? `The whole ${line} line is` : `Every ${product.short} release is`;
    return { ...base, status: only, fixedIn: fix?.version.version ?? null, upgradeTo: advice.upgradeTo, ...advice.check, basis,
      condition: only === 'affected' ? base.condition : null,
      reason: `${whole} ${only === 'not-affected' ? 'not affected' : only} (${parts[0]}).${only === 'affected' ? ` ${capital(advice.advice)}.${conditionText(base.condition)}` : ''}${inferredText(events)}` };
  }
  const last = rangeEvents(events).at(-1);
  const closed = last?.kind === 'last_affected' ? { lastAffected: last.version.version } : {};
  const newer = fix ? { upgradeTo: [fix.version.version], check: {}, advice: '' } : newerLineAdvice(table, product, line);
  const advice = fix || last?.kind === 'last_affected' ? '' : ` ${capital(newer.advice)}.`;
  return { ...base, ...closed, status: 'depends', fixedIn: fix?.version.version ?? null, upgradeTo: newer.upgradeTo, ...newer.check, basis,
    reason: `Depends on the ${product.scheme === 'minor' ? 'patch' : 'release'}: ${parts.join('; ')}.${advice}${conditionText(base.condition)}${inferredText(events)}` };
}

function verdictForUnlistedLine(table: VersionTable, product: Product, line: string, base: Base): VersionVerdict {
  const listed = [...table.lines.keys()].sort(compareLines);
  const newest = listed[listed.length - 1];
  if (table.newer && newest !== undefined && compareLines(line, newest) > 0) {
    const rule = table.newer;
    return { ...base, status: rule.status, fixedIn: null, upgradeTo: [],
      basis: rule.inferred === undefined ? 'stated' : 'inferred',
      condition: rule.status === 'affected' ? base.condition : null,
      reason: `The ${line} line is newer than every line the article lists (newest: ${newest}); it is taken as ${rule.status}${rule.inferred ? `: ${rule.inferred}` : ''}${rule.note ? ` (${rule.note})` : ''}.` };
  }
  if (table.others) {
    const rule = table.others;
    return { ...base, status: rule.status, fixedIn: null, upgradeTo: [],
      basis: rule.inferred === undefined ? 'stated' : 'inferred',
      condition: rule.status === 'affected' ? base.condition : null,
      reason: `The article does not list the ${line} line; it says that lines it does not list are ${rule.status === 'not-affected' ? 'not affected' : rule.status}${rule.inferred ? ` (inferred: ${rule.inferred})` : ''}${rule.note ? ` (${rule.note})` : ''}.` };
  }
  const where = newest === undefined ? 'no release lines' : listed.length === 1 ? `only the ${newest} line` : `the lines ${listed.join(', ')}`;
  return { ...base, status: 'unknown', fixedIn: null, upgradeTo: [], basis: 'stated', condition: null,
    reason: `The article lists ${where} for ${product.short}, not ${line}; kb-bot does not guess for unlisted lines.` };
}

/**
 * Where to go from a line with no fix of its own: the version from which each
 * newer listed line stays fixed, newer lines whose fix is vague, and the
 * table's rule for lines newer than all it lists.
 */
function newerLineAdvice(table: VersionTable, product: Product, line: string): { upgradeTo: string[]; check: { upgradeCheck?: string[] }; advice: string } {
  const newer = [...table.lines.entries()].filter(([l]) => compareLines(l, line) > 0).sort(([a], [b]) => compareLines(a, b));
  const upgradeTo = newer.flatMap(([, events]) => {
    const fix = finalFix(events);
    return fix ? [fix.version.version] : [];
  });
  const vagueLines = newer.filter(([, events]) => rangeEvents(events).at(-1)?.kind === 'unknown').map(([l]) => l);
  const vague = vagueLines.map((l) => `a ${l} patch (check its release notes)`);
  const newest = [...table.lines.keys()].sort(compareLines).at(-1);
  // The table's rule says every line newer than its newest is fixed: the first such catalog line is a stated target.
  const next = table.newer?.status === 'fixed' && newest !== undefined && upgradeTo.length === 0
    ? product.lines.filter((l) => compareLines(l, newest) > 0).sort(compareLines)[0]
    : undefined;
  if (next !== undefined) upgradeTo.push(`${next}.0`);
  const targets = [...upgradeTo.map((u) => `${u}+`), ...vague];
  const none = product.scheme === 'minor' ? `no ${line} patch fixes it` : 'no release fixes it';
  return { upgradeTo, check: vagueLines.length > 0 ? { upgradeCheck: vagueLines } : {}, advice: targets.length > 0 ? `${none}; upgrade to ${targets.join(' or ')}` : 'the article lists no fixed version' };
}

function capital(s: string): string {
  return s.length > 0 ? s[0]!.toUpperCase() + s.slice(1) : s;
}
