import { describe, expect, it } from 'vitest';
import semver from 'semver';
import { articleWith, APP, COMP, type TableSpec } from './support/synthetic-kb.ts';
import { verdictsForLine, verdictsForVersion, verdictForVersion } from '../src/core/versions/verdict.ts';
import type { VersionVerdict } from '../src/core/model/answer.ts';

type Want = Partial<Pick<VersionVerdict, 'status' | 'fixedIn' | 'upgradeTo' | 'basis' | 'condition' | 'lastAffected' | 'reintroducedIn'>>;

/** [events on comp-release's one line, version, what the verdict must say] — in the manner of node-semver's range tables. */
const single: [string[], string, Want][] = [
  // introduced / fixed
  [['introduced 0.258.0', 'fixed 0.288.0'], '0.257.0', { status: 'not-affected', fixedIn: null }],
  [['introduced 0.258.0', 'fixed 0.288.0'], '0.258.0', { status: 'affected', fixedIn: '0.288.0', upgradeTo: ['0.288.0'] }],
  [['introduced 0.258.0', 'fixed 0.288.0'], '0.287.9', { status: 'affected', fixedIn: '0.288.0' }],
  [['introduced 0.258.0', 'fixed 0.288.0'], '0.288.0', { status: 'fixed', fixedIn: '0.288.0' }],
  // an exclusive lower bound: "after 0.273.0"
  [['introduced_after 0.273.0', 'last_affected 0.297.0'], '0.273.0', { status: 'not-affected' }],
  [['introduced_after 0.273.0', 'last_affected 0.297.0'], '0.273.1', { status: 'affected', lastAffected: '0.297.0' }],
  [['introduced_after 0.273.0', 'last_affected 0.297.0'], '0.274.0', { status: 'affected', fixedIn: null, lastAffected: '0.297.0' }],
  [['introduced_after 0.273.0', 'last_affected 0.297.0'], '0.297.0', { status: 'affected' }],
  [['introduced_after 0.273.0', 'last_affected 0.297.0'], '0.298.0', { status: 'fixed', fixedIn: null }],
  [['introduced_after 0.273.0', 'last_affected 0.297.0', 'fixed 0.298.0~'], '0.297.0', { status: 'affected', fixedIn: '0.298.0', basis: 'inferred' }],
  [['introduced_after 0.273.0', 'last_affected 0.297.0', 'fixed 0.298.0~'], '0.298.0', { status: 'fixed', basis: 'inferred' }],
  // last_affected with no fix: "upgrade past"
  [['introduced 77.30.0', 'last_affected 78.7.0'], '77.29.9', { status: 'not-affected' }],
  [['introduced 77.30.0', 'last_affected 78.7.0'], '78.0.0', { status: 'affected', fixedIn: null, upgradeTo: [], lastAffected: '78.7.0' }],
  [['introduced 77.30.0', 'last_affected 78.7.0'], '78.7.1', { status: 'fixed', fixedIn: null }],
  // an inferred close: the versions after it are inferred fixed, the range itself stays stated
  [['introduced 77.30.0', 'last_affected 78.7.0~'], '78.0.0', { status: 'affected', basis: 'stated', lastAffected: '78.7.0' }],
  [['introduced 77.30.0', 'last_affected 78.7.0~'], '78.8.0', { status: 'fixed', basis: 'inferred' }],
  // a one-version range: exactly this patch
  [['introduced 1.214.0', 'last_affected 1.214.0'], '1.213.0', { status: 'not-affected' }],
  [['introduced 1.214.0', 'last_affected 1.214.0'], '1.214.0', { status: 'affected', lastAffected: '1.214.0' }],
  [['introduced 1.214.0', 'last_affected 1.214.0'], '1.214.1', { status: 'fixed' }],
  // every version before X: from the first release, or a line that starts with its fix
  [['introduced 0', 'fixed 0.277.0'], '0.0.1', { status: 'affected', fixedIn: '0.277.0', basis: 'stated' }],
  [['introduced 0', 'fixed 0.277.0'], '0.276.0', { status: 'affected', fixedIn: '0.277.0' }],
  [['introduced 0', 'fixed 0.277.0'], '0.277.0', { status: 'fixed' }],
  [['introduced 0~', 'fixed 0.336.0'], '0.300.0', { status: 'affected', basis: 'inferred' }],
  [['fixed 0.204.0'], '0.100.0', { status: 'affected', fixedIn: '0.204.0', basis: 'stated' }],
  [['fixed 0.204.0'], '0.204.0', { status: 'fixed' }],
  // enumerated versions: the ones between and around are unknown, never "not affected"
  [['affected 34.0.0', 'affected 38.0.0'], '34.0.0', { status: 'affected', fixedIn: null }],
  [['affected 34.0.0', 'affected 38.0.0'], '38.0.0', { status: 'affected' }],
  [['affected 34.0.0', 'affected 38.0.0'], '36.0.0', { status: 'unknown' }],
  [['affected 34.0.0', 'affected 38.0.0'], '33.0.0', { status: 'unknown' }],
  [['affected 34.0.0', 'affected 38.0.0'], '39.0.0', { status: 'unknown' }],
  // an enumerated version inside ranges
  [['introduced 1.0.0', 'fixed 1.5.0', 'affected 1.7.0'], '1.6.0', { status: 'fixed' }],
  [['introduced 1.0.0', 'fixed 1.5.0', 'affected 1.7.0'], '1.7.0', { status: 'affected' }],
  [['introduced 1.0.0', 'fixed 1.5.0', 'affected 1.7.0'], '1.8.0', { status: 'fixed' }],
  // a status that flips more than once
  [['introduced 2.0.30', 'fixed 2.0.31', 'introduced 2.0.32'], '2.0.29', { status: 'not-affected' }],
  // A fix the line takes back is no lasting fix: never an upgrade target, and the fixed patch is warned about.
  [['introduced 2.0.30', 'fixed 2.0.31', 'introduced 2.0.32'], '2.0.30', { status: 'affected', fixedIn: null, upgradeTo: [], reintroducedIn: '2.0.32' }],
  [['introduced 2.0.30', 'fixed 2.0.31', 'introduced 2.0.32'], '2.0.31', { status: 'fixed', reintroducedIn: '2.0.32' }],
  [['introduced 2.0.30', 'fixed 2.0.31', 'introduced 2.0.32', 'fixed 2.0.40'], '2.0.30', { status: 'affected', fixedIn: '2.0.40', upgradeTo: ['2.0.40'] }],
  [['introduced 2.0.30', 'fixed 2.0.31', 'introduced 2.0.32', 'fixed 2.0.40'], '2.0.35', { status: 'affected', fixedIn: '2.0.40' }],
  [['introduced 2.0.30', 'fixed 2.0.31', 'introduced 2.0.32'], '2.0.40', { status: 'affected', fixedIn: null }],
  // stages: tolerated, opt-in (a condition), enforced
  [['stage 0.209.0: built with the new toolchain, old behaviour kept', 'introduced 0.220.0 ?the property is set to false', 'introduced 0.226.0'], '0.208.0', { status: 'not-affected', condition: null }],
  [['stage 0.209.0: built with the new toolchain, old behaviour kept', 'introduced 0.220.0 ?the property is set to false', 'introduced 0.226.0'], '0.215.0', { status: 'not-affected' }],
  [['stage 0.209.0: built with the new toolchain, old behaviour kept', 'introduced 0.220.0 ?the property is set to false', 'introduced 0.226.0'], '0.220.0', { status: 'affected', condition: 'the property is set to false' }],
  [['stage 0.209.0: built with the new toolchain, old behaviour kept', 'introduced 0.220.0 ?the property is set to false', 'introduced 0.226.0'], '0.225.9', { status: 'affected', condition: 'the property is set to false' }],
  [['stage 0.209.0: built with the new toolchain, old behaviour kept', 'introduced 0.220.0 ?the property is set to false', 'introduced 0.226.0'], '0.226.0', { status: 'affected', condition: null, fixedIn: null }],
  // a vague fix: from here the article cannot say
  [['introduced 0', 'unknown 6.0.0'], '5.9.0', { status: 'affected' }],
  [['unknown 6.0.0'], '6.0.5', { status: 'unknown', fixedIn: null }],
  [['introduced 1.0.0', 'unknown 1.4.0', 'fixed 1.9.0'], '1.5.0', { status: 'unknown' }],
  [['introduced 1.0.0', 'unknown 1.4.0', 'fixed 1.9.0'], '1.9.0', { status: 'fixed' }],
  // basis covers the fix the verdict points to
  [['introduced 2.0.36', 'last_affected 2.0.41', 'fixed 2.0.42~'], '2.0.41', { status: 'affected', fixedIn: '2.0.42', basis: 'inferred' }],
  [['introduced 2.0.36', 'last_affected 2.0.41', 'fixed 2.0.42~'], '2.0.36', { status: 'affected', basis: 'inferred' }],
  [['introduced 2.0.36~', 'fixed 2.0.52'], '2.0.52', { status: 'fixed', basis: 'stated' }],
  // prereleases sort before their release
  [['introduced 1.0.0', 'fixed 1.1.0'], '1.1.0-rc.1', { status: 'affected', fixedIn: '1.1.0' }],
];

describe('verdict rules on one line (synthetic)', () => {
  it.each(single)('%j at %s', (events, version, want) => {
    const article = articleWith('comp', { lines: { all: events } });
    const v = verdictForVersion(article, COMP, semver.parse(version)!)!;
    expect(pick(v, want)).toEqual(want);
    expect(v.reason).toMatch(/\.$/);
    if (v.basis === 'inferred') expect(v.reason).toMatch(/Inferred/);
  });
});

/** [table over APP's lines, version, what the verdict must say] */
const lines: [TableSpec, string, Want][] = [
  // no fix on the line: the newer lines' fixes
  [{ lines: { '1.1': ['introduced 1.1.8'], '1.2': ['introduced 1.2.0', 'fixed 1.2.16'], '1.3': ['introduced 1.3.0', 'fixed 1.3.6'] } }, '1.1.12', { status: 'affected', fixedIn: null, upgradeTo: ['1.2.16', '1.3.6'] }],
  // an unlisted line between listed ones: unknown, never guessed
  [{ lines: { '1.0': ['introduced 1.0.3'], '1.2': ['introduced 1.2.0'] }, newer: { status: 'affected' } }, '1.1.4', { status: 'unknown' }],
  // newer than every listed line: the newer rule, stated or inferred
  [{ lines: { '1.0': ['introduced 1.0.3', 'fixed 1.0.9'] }, newer: { status: 'fixed', inferred: 'newer than the newest patched entry' } }, '2.0.1', { status: 'fixed', basis: 'inferred' }],
  [{ lines: { '1.0': ['introduced 1.0.3', 'fixed 1.0.9'] }, newer: { status: 'fixed' } }, '3.0.0', { status: 'fixed', basis: 'stated' }],
  [{ lines: { '1.0': ['introduced 1.0.3', 'fixed 1.0.9'] } }, '2.0.1', { status: 'unknown' }],
  // "exactly these versions": every other line is not affected
  [{ lines: { '1.2': ['introduced 1.2.2', 'last_affected 1.2.2'] }, others: { status: 'not-affected' } }, '1.0.5', { status: 'not-affected' }],
  [{ lines: { '1.2': ['introduced 1.2.2', 'last_affected 1.2.2'] }, others: { status: 'not-affected' } }, '3.0.0', { status: 'not-affected' }],
  // a vague fix on a line: upgrade targets name it, and the newer rule's first line
  [{ lines: { '1.3': ['introduced 0~'], '2.0': ['unknown 2.0.0'] }, newer: { status: 'fixed' } }, '1.3.4', { status: 'affected', upgradeTo: ['3.0.0'] }],
  [{ lines: { '1.3': ['introduced 0~'], '2.0': ['unknown 2.0.0'] }, newer: { status: 'fixed' } }, '2.0.4', { status: 'unknown' }],
  // a condition on the table is carried on affected verdicts only
  [{ lines: { '1.0': ['introduced 1.0.0', 'fixed 1.0.5'] }, condition: 'HTTP/2 is enabled' }, '1.0.1', { status: 'affected', condition: 'HTTP/2 is enabled' }],
  [{ lines: { '1.0': ['introduced 1.0.0', 'fixed 1.0.5'] }, condition: 'HTTP/2 is enabled' }, '1.0.5', { status: 'fixed' }],
];

describe('verdict rules across release lines (synthetic)', () => {
  it.each(lines)('%j at %s', (table, version, want) => {
    const v = verdictForVersion(articleWith('app', table), APP, semver.parse(version)!)!;
    expect(pick(v, want)).toEqual(want);
  });
});

/** [table, line, status, the parts the reason must name] */
const whole: [TableSpec, string, string, string[]][] = [
  [{ lines: { '1.2': ['introduced 1.2.18', 'fixed 1.2.34'] } }, '1.2', 'depends', ['before 1.2.18 not affected', '1.2.18–1.2.33 affected', '1.2.34 and later fixed']],
  [{ lines: { '1.3': ['introduced 1.3.0'] } }, '1.3', 'affected', ['1.3.0 and later affected']],
  [{ lines: { '1.1': ['introduced 1.1.36', 'last_affected 1.1.41'] } }, '1.1', 'depends', ['1.1.36–1.1.41 affected', 'after 1.1.41 fixed']],
];

describe('whole-line verdicts (synthetic)', () => {
  it.each(whole)('%j line %s is %s', (table, line, status, parts) => {
    const [v] = verdictsForLine(articleWith('app', table), APP, line);
    expect(v!.status).toBe(status);
    for (const p of parts) expect(v!.reason).toContain(p);
  });

  it('names enumerated versions and leaves the rest unknown', () => {
    const [v] = verdictsForLine(articleWith('comp', { lines: { all: ['affected 34.0.0', 'affected 38.0.0'] } }), COMP, 'all');
    expect(v!.status).toBe('depends');
    expect(v!.reason).toContain('34.0.0, 38.0.0 affected');
    expect(v!.reason).toContain('every other version unknown');
  });

  it('shows a stage and its condition', () => {
    const [v] = verdictsForLine(articleWith('comp', { lines: { all: ['introduced 0.220.0 ?opted in', 'introduced 0.226.0'] } }), COMP, 'all');
    expect(v!.reason).toContain('0.220.0–0.225.x affected (only when opted in)');
    expect(v!.reason).toContain('0.226.0 and later affected');
  });
});

/** Two symptoms with two fixes: every row is given; none is hidden. */
describe('aspects (synthetic)', () => {
  const aspects = [
    { id: 'first', title: 'the first symptom', terms: ['first symptom'] },
    { id: 'second', title: 'the second symptom', terms: ['second symptom'] },
  ];
  const table: TableSpec = {
    lines: { all: ['introduced 0.258.0', 'fixed 0.274.0'] },
    aspects: { first: { lines: { all: ['introduced 0.258.0', 'fixed 0.273.0'] } } },
  };
  const article = articleWith('comp', table, { aspects });

  it.each([
    ['0.272.0', [['first', 'affected', '0.273.0'], ['second', 'affected', '0.274.0']]],
    ['0.273.0', [['first', 'fixed', '0.273.0'], ['second', 'affected', '0.274.0']]],
    ['0.274.0', [['first', 'fixed', '0.273.0'], ['second', 'fixed', '0.274.0']]],
  ])('%s gives one row per symptom', (version, rows) => {
    const vs = verdictsForVersion(article, COMP, semver.parse(version)!);
    expect(vs.map((v) => [v.aspect, v.status, v.fixedIn])).toEqual(rows);
    expect(vs.every((v) => v.reason.startsWith('For the '))).toBe(true);
  });

  it('the single most severe verdict is the affected symptom', () => {
    expect(verdictForVersion(article, COMP, semver.parse('0.273.0')!)).toMatchObject({ aspect: 'second', status: 'affected' });
  });

  it('a table without aspect tables gives one row for the whole issue', () => {
    const plain = articleWith('comp', { lines: { all: ['introduced 0.258.0', 'fixed 0.274.0'] } }, { aspects });
    expect(verdictsForVersion(plain, COMP, semver.parse('0.273.0')!).map((v) => v.aspect)).toEqual([undefined]);
  });
});

function pick(v: VersionVerdict, want: Want): Want {
  return Object.fromEntries(Object.keys(want).map((k) => [k, v[k as keyof VersionVerdict]])) as Want;
}
