import semver, { type SemVer } from 'semver';
import { lineOf, isLineId, lineStart } from '../versions/line-of.ts';
import { EVENT_KEYS, type EventInput, type VersionTableInput } from './schema.ts';
import type { EventKind, LineRule, Product, VersionEvent, VersionTable } from '../model/knowledge.ts';

type Report = (path: (string | number)[], message: string, tip?: string) => void;

/**
 * Validates one version table (a product's, or one aspect's) against the
 * catalog and builds it. `path` is where it sits in the file.
 */
export function buildVersionTable(table: VersionTableInput, product: Product, path: (string | number)[], report: Report): VersionTable {
  const lines = new Map<string, VersionEvent[]>();
  for (const [line, rawEvents] of Object.entries(table.lines)) {
    const at = [...path, 'lines', line];
    if (!isLineId(product.scheme, line) || !product.lines.includes(line)) {
      report(at, `"${line}" is not a known release line of ${product.short}`,
        product.scheme === 'minor'
          ? `quote line keys ("2.10": YAML reads 2.10 as 2.1); known lines: ${product.lines.join(', ')}`
          : `${product.short} has one line, "${product.lines[0]}"`);
      continue;
    }
    // An unquoted 2.10 key reaches us as "2.1", which may itself be a real line.
    const misread = product.scheme === 'minor' && rawEvents.length > 0 && rawEvents.every((e) => {
      const v = semver.parse(e[kindOf(e)] as string);
      return v !== null && `${v.major}.${v.minor}` === `${line}0`;
    });
    if (misread) {
      report(at, `the line key "${line}" holds ${line}0.x versions: YAML read an unquoted ${line}0 as ${line}`, `quote line keys: "${line}0"`);
      continue;
    }
    const events: VersionEvent[] = [];
    rawEvents.forEach((e, i) => {
      const event = buildEvent(e, product, line, (m, tip) => report([...at, i, kindOf(e)], m, tip));
      if (event) events.push(event);
    });
    checkEventOrder(events, (i, m, tip) => report([...at, i], m, tip));
    lines.set(line, events);
  }
  const built: VersionTable = { lines };
  if (table.newer) built.newer = lineRule(table.newer);
  if (table.others) built.others = lineRule(table.others);
  if (table.condition !== undefined) built.condition = table.condition;
  if (table.note !== undefined) built.note = table.note;
  return built;
}

function lineRule(r: { status: LineRule['status']; inferred?: string | undefined; note?: string | undefined }): LineRule {
  const rule: LineRule = { status: r.status };
  if (r.inferred !== undefined) rule.inferred = r.inferred;
  if (r.note !== undefined) rule.note = r.note;
  return rule;
}

function kindOf(e: EventInput): EventKind {
  return EVENT_KEYS.find((k) => e[k] !== undefined) as EventKind;
}

function buildEvent(e: EventInput, product: Product, line: string, report: (message: string, tip?: string) => void): VersionEvent | null {
  const kind = kindOf(e);
  const raw = e[kind] as string;
  const first = kind === 'introduced' && raw === '0';
  const version: SemVer | null = first ? lineStart(product, line) : semver.parse(raw);
  if (!version || version.build.length > 0) {
    report(`"${raw}" is not a full version`, kind === 'introduced' ? 'write major.minor.patch, e.g. 2.13.34, or "0" for "from the first release"' : 'write major.minor.patch, e.g. 2.13.34');
    return null;
  }
  if (!first && lineOf(product, version) !== line) {
    report(`${raw} is not on the ${line} line`, 'move it under the line it belongs to');
    return null;
  }
  if (kind === 'stage' && e.note === undefined) {
    report('a stage needs a note', 'say what changes at this version, e.g. "built with Go 1.15, Common Name matching kept on"');
    return null;
  }
  if (e.condition !== undefined && kind !== 'introduced' && kind !== 'introduced_after') {
    report(`a condition belongs on an introduction, not on ${kind}`, 'put it on the introduced event of the stage it qualifies, or on the table');
    return null;
  }
  const event: VersionEvent = { kind, version };
  if (first) event.first = true;
  if (e.inferred !== undefined) event.inferred = e.inferred;
  if (e.note !== undefined) event.note = e.note;
  if (e.condition !== undefined) event.condition = e.condition;
  return event;
}

const OPENS = new Set<EventKind>(['introduced', 'introduced_after']);
const CLOSES = new Set<EventKind>(['fixed', 'last_affected']);

/**
 * Events on a line must rise, and alternate sensibly: a fix cannot come
 * before anything was affected, nor two introductions in a row (unless the
 * later one changes the stage's condition). A one-version range
 * (introduced V, last_affected V) is allowed; enumerated `affected` versions
 * and `stage` notes may sit anywhere in order.
 */
function checkEventOrder(events: VersionEvent[], report: (i: number, message: string, tip?: string) => void): void {
  let previous: VersionEvent | undefined;
  let previousRange: VersionEvent | undefined;
  events.forEach((e, i) => {
    const oneVersionRange = e.kind === 'last_affected' && previous?.kind === 'introduced' && semver.eq(e.version, previous.version);
    if (previous && semver.lt(e.version, previous.version)) {
      report(i, `${e.kind} ${e.version.version} does not come after ${previous.kind} ${previous.version.version}`, 'list events oldest first; a fix cannot precede its introduction');
    } else if (previous && semver.eq(e.version, previous.version) && !oneVersionRange) {
      report(i, `${e.kind} ${e.version.version} does not come after ${previous.kind} ${previous.version.version}`, 'list events oldest first; two events cannot share a version (except introduced then last_affected: one affected version)');
    } else if (OPENS.has(e.kind) || CLOSES.has(e.kind) || e.kind === 'unknown') {
      const p = previousRange;
      if (p && OPENS.has(p.kind) && OPENS.has(e.kind) && p.condition === e.condition) {
        report(i, `two introductions in a row (${p.version.version}, ${e.version.version})`, 'add the fix between them, drop the later one, or give the later stage its own condition');
      } else if (p && p.kind === 'fixed' && e.kind === 'fixed') {
        report(i, `two fixes in a row (${p.version.version}, ${e.version.version})`, 'add the reintroduction between them, or drop the later one');
      } else if (e.kind === 'last_affected' && p && !OPENS.has(p.kind)) {
        report(i, `last_affected ${e.version.version} follows a "${p.kind}" event`, 'last_affected closes a range opened by introduced');
      }
      previousRange = e;
    }
    previous = e;
  });
  if (events.length > 0 && !events.some((e) => e.kind !== 'stage')) report(0, 'a line needs a range or an affected version, not only stages', 'add the introduced or fixed event the stages lead to');
}
