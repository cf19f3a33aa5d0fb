import { describe, expect, it } from 'vitest';
import semver from 'semver';
import { realKb } from './support/kb.ts';
import { verdictForLine, verdictForVersion } from '../src/core/versions/verdict.ts';
import { answer } from '../src/core/answer/answer.ts';
import { main } from '../src/cli/main.ts';
import type { CliIo } from '../src/cli/io.ts';

const kb = realKb();
const article = kb.articles.get('298398')!;

/** [product, version, status, fixedIn, upgradeTo, basis] — DESIGN's rules table with every boundary. */
const rows: [string, string, string, string | null, string[], 'stated' | 'inferred'][] = [
  // TAS for VMs
  ['tas', '2.11.35', 'not-affected', null, [], 'stated'],
  ['tas', '2.11.36', 'affected', '2.11.52', ['2.11.52'], 'stated'],
  ['tas', '2.11.40', 'affected', '2.11.52', ['2.11.52'], 'stated'],
  ['tas', '2.11.51', 'affected', '2.11.52', ['2.11.52'], 'stated'],
  ['tas', '2.11.52', 'fixed', '2.11.52', [], 'stated'],
  ['tas', '2.11.60', 'fixed', '2.11.52', [], 'stated'],
  ['tas', '2.12.4', 'unknown', null, [], 'stated'],
  ['tas', '2.13.17', 'not-affected', null, [], 'stated'],
  ['tas', '2.13.18', 'affected', '2.13.34', ['2.13.34'], 'stated'],
  ['tas', '2.13.33', 'affected', '2.13.34', ['2.13.34'], 'stated'],
  ['tas', '2.13.34', 'fixed', '2.13.34', [], 'stated'],
  ['tas', '3.0.7', 'not-affected', null, [], 'stated'],
  ['tas', '3.0.8', 'affected', null, ['4.0.16', '5.0.6'], 'stated'],
  ['tas', '3.0.12', 'affected', null, ['4.0.16', '5.0.6'], 'stated'],
  ['tas', '4.0.0', 'affected', '4.0.16', ['4.0.16'], 'stated'],
  ['tas', '4.0.15', 'affected', '4.0.16', ['4.0.16'], 'stated'],
  ['tas', '4.0.16', 'fixed', '4.0.16', [], 'stated'],
  ['tas', '5.0.0', 'affected', '5.0.6', ['5.0.6'], 'inferred'],
  ['tas', '5.0.2', 'affected', '5.0.6', ['5.0.6'], 'inferred'],
  ['tas', '5.0.5', 'affected', '5.0.6', ['5.0.6'], 'inferred'],
  ['tas', '5.0.6', 'fixed', '5.0.6', [], 'stated'],
  ['tas', '6.0.1', 'fixed', null, [], 'inferred'],
  ['tas', '10.2.3', 'fixed', null, [], 'inferred'],
  ['tas', '2.10.5', 'unknown', null, [], 'stated'],
  // Isolation Segment: its own numbers
  ['ist', '2.11.29', 'not-affected', null, [], 'stated'],
  ['ist', '2.11.30', 'affected', '2.11.46', ['2.11.46'], 'stated'],
  ['ist', '2.11.45', 'affected', '2.11.46', ['2.11.46'], 'stated'],
  ['ist', '2.11.46', 'fixed', '2.11.46', [], 'stated'],
  ['ist', '2.12.0', 'unknown', null, [], 'stated'],
  ['ist', '2.13.14', 'not-affected', null, [], 'stated'],
  ['ist', '2.13.15', 'affected', '2.13.31', ['2.13.31'], 'stated'],
  ['ist', '2.13.20', 'affected', '2.13.31', ['2.13.31'], 'stated'],
  ['ist', '2.13.30', 'affected', '2.13.31', ['2.13.31'], 'stated'],
  ['ist', '2.13.31', 'fixed', '2.13.31', [], 'stated'],
  ['ist', '3.0.7', 'not-affected', null, [], 'stated'],
  ['ist', '3.0.8', 'affected', null, ['4.0.16', '5.0.6'], 'stated'],
  ['ist', '4.0.15', 'affected', '4.0.16', ['4.0.16'], 'stated'],
  ['ist', '4.0.16', 'fixed', '4.0.16', [], 'stated'],
  ['ist', '5.0.5', 'affected', '5.0.6', ['5.0.6'], 'inferred'],
  ['ist', '5.0.6', 'fixed', '5.0.6', [], 'stated'],
  ['ist', '6.0.0', 'fixed', null, [], 'inferred'],
  // routing-release: one line
  ['routing-release', '0.257.0', 'not-affected', null, [], 'inferred'],
  ['routing-release', '0.258.0', 'affected', '0.288.0', ['0.288.0'], 'inferred'],
  ['routing-release', '0.269.0', 'affected', '0.288.0', ['0.288.0'], 'inferred'],
  ['routing-release', '0.287.0', 'affected', '0.288.0', ['0.288.0'], 'inferred'],
  ['routing-release', '0.288.0', 'fixed', '0.288.0', [], 'stated'],
  ['routing-release', '0.300.0', 'fixed', '0.288.0', [], 'stated'],
];

describe('KB 298398 verdicts, by the rules table', () => {
  it.each(rows)('%s %s is %s', (productId, version, status, fixedIn, upgradeTo, basis) => {
    const v = verdictForVersion(article, kb.products.get(productId)!, semver.parse(version)!)!;
    expect({ status: v.status, fixedIn: v.fixedIn, upgradeTo: v.upgradeTo, basis: v.basis }).toEqual({ status, fixedIn, upgradeTo, basis });
    expect(v.reason).toMatch(/\.$/);
    if (basis === 'inferred') expect(v.reason).toMatch(/[Ii]nferred|taken as/);
  });

  it('answers a whole line with the ranges it depends on', () => {
    const v = verdictForLine(article, kb.products.get('tas')!, '2.13')!;
    expect(v.status).toBe('depends');
    expect(v.reason).toContain('2.13.18–2.13.33 affected');
    expect(v.reason).toContain('2.13.34 and later fixed');
    expect(v.fixedIn).toBe('2.13.34');
  });

  it('a line with no fix names the newer lines to move to', () => {
    const v = verdictForLine(article, kb.products.get('tas')!, '3.0')!;
    expect(v.status).toBe('depends');
    expect(v.upgradeTo).toEqual(['4.0.16', '5.0.6']);
  });

  it('never guesses for an unlisted line between listed ones', () => {
    expect(verdictForLine(article, kb.products.get('tas')!, '2.12')!.status).toBe('unknown');
  });
});

describe('the other articles stretch the model', () => {
  const check = (id: string, product: string, version: string) =>
    verdictForVersion(kb.articles.get(id)!, kb.products.get(product)!, semver.parse(version)!)!;

  it.each([
    // closed ranges with inferred first fixes (KB 298173; TAS and IST have one table for both symptoms)
    // affected is stated, but the fix it points to is inferred, so the verdict as a whole is
    ['298173', 'tas', '2.11.41', 'affected', 'inferred'],
    ['298173', 'tas', '2.11.42', 'fixed', 'inferred'],
    ['298173', 'ist', '2.13.20', 'affected', 'stated'],
    ['298173', 'ist', '2.13.21', 'fixed', 'stated'],
    ['298173', 'tas', '5.0.1', 'not-affected', 'inferred'],
    // a status that flips twice on one line (KB 297408)
    ['297408', 'tas', '2.7.29', 'not-affected', 'stated'],
    ['297408', 'tas', '2.7.30', 'affected', 'stated'],
    ['297408', 'tas', '2.7.31', 'fixed', 'stated'],
    ['297408', 'tas', '2.7.32', 'affected', 'stated'],
    ['297408', 'tas', '2.11.0', 'affected', 'stated'],
    // configuration condition (KB 298165)
    ['298165', 'tas', '4.0.3', 'affected', 'stated'],
    ['298165', 'tas', '2.11.40', 'unknown', 'stated'],
    // fix-only lists (KB 298075)
    ['298075', 'tas', '2.9.13', 'affected', 'inferred'],
    ['298075', 'tas', '2.9.14', 'fixed', 'stated'],
    // component-only versions
    ['routing-0.262.0', 'routing-release', '0.261.0', 'not-affected', 'stated'],
    ['routing-0.262.0', 'routing-release', '0.265.0', 'affected', 'stated'],
    ['routing-0.262.0', 'routing-release', '0.266.0', 'fixed', 'stated'],
  ])('KB %s: %s %s is %s (%s)', (id, product, version, status, basis) => {
    const v = check(id, product, version);
    expect([v.status, v.basis]).toEqual([status, basis]);
  });

  it('carries the HTTP/2 condition on affected verdicts', () => {
    expect(check('298165', 'tas', '4.0.3').condition).toMatch(/HTTP\/2/);
  });

  it('an article that does not cover a product gives no verdict', () => {
    expect(verdictForVersion(kb.articles.get('298165')!, kb.products.get('ist')!, semver.parse('2.13.20')!)).toBeNull();
  });
});

/** What the knowledge base answers for a question, through the one entry point: "article product version status [aspect]". */
function rowsOf(text: string, article?: string): string[] {
  return answer(kb, text)
    .versions.filter((v) => article === undefined || v.article === article)
    .map((v) => `${v.article} ${v.product} ${v.version} ${v.status}${v.aspect ? ` [${v.aspect}]` : ''}`);
}

/** [question, article, every row it must give for that article] — the new articles, stated and inferred, at their boundaries. */
const asked: [string, string, string[]][] = [
  // CVE-2024-22279: an exclusive lower bound, the fix inferred
  ['is routing-release 0.273.0 affected by CVE-2024-22279?', 'CVE-2024-22279', ['CVE-2024-22279 routing-release 0.273.0 not-affected']],
  ['routing 0.274.0 CVE-2024-22279', 'CVE-2024-22279', ['CVE-2024-22279 routing-release 0.274.0 affected']],
  ['routing 0.297.0 and CVE-2024-22279', 'CVE-2024-22279', ['CVE-2024-22279 routing-release 0.297.0 affected']],
  ['are we exposed to CVE-2024-22279 on routing 0.298.0?', 'CVE-2024-22279', ['CVE-2024-22279 routing-release 0.298.0 fixed']],
  // CVE-2026-22726: two products, a condition
  ['CVE-2026-22726 routing-release 0.371.0', 'CVE-2026-22726', ['CVE-2026-22726 routing-release 0.371.0 affected']],
  ['CVE-2026-22726 routing-release 0.372.0', 'CVE-2026-22726', ['CVE-2026-22726 routing-release 0.372.0 fixed']],
  ['CVE-2026-22726 routing 0.117.0', 'CVE-2026-22726', ['CVE-2026-22726 routing-release 0.117.0 not-affected']],
  ['is cf-deployment 54.14.0 affected by CVE-2026-22726', 'CVE-2026-22726', ['CVE-2026-22726 cf-deployment 54.14.0 affected']],
  ['cf-d v54.15.0 CVE-2026-22726?', 'CVE-2026-22726', ['CVE-2026-22726 cf-deployment 54.15.0 fixed']],
  // CVE-2026-22723: last affected without a named fix
  ['uaa 77.30.0 CVE-2026-22723', 'CVE-2026-22723', ['CVE-2026-22723 uaa-release 77.30.0 affected']],
  ['uaa-release 78.7.0 CVE-2026-22723', 'CVE-2026-22723', ['CVE-2026-22723 uaa-release 78.7.0 affected']],
  ['uaa-release 78.8.0 CVE-2026-22723', 'CVE-2026-22723', ['CVE-2026-22723 uaa-release 78.8.0 fixed']],
  ['uaa 77.29.0 CVE-2026-22723', 'CVE-2026-22723', ['CVE-2026-22723 uaa-release 77.29.0 not-affected']],
  ['cf-deployment 48.6.0 and 54.10.0 CVE-2026-22723', 'CVE-2026-22723', ['CVE-2026-22723 cf-deployment 48.6.0 not-affected', 'CVE-2026-22723 cf-deployment 54.10.0 affected']],
  // KB 408470: exactly three patches; CAPI itself
  ['TPCF 10.2.2 KB 408470', '408470', ['408470 tas 10.2.2 affected']],
  ['TPCF 10.2.1 KB 408470', '408470', ['408470 tas 10.2.1 not-affected']],
  ['TAS 10.0.9 and 6.0.19, KB 408470', '408470', ['408470 tas 10.0.9 affected', '408470 tas 6.0.19 affected']],
  ['TAS 6.0.20 KB 408470', '408470', ['408470 tas 6.0.20 fixed']],
  ['TAS 4.0.10 KB 408470', '408470', ['408470 tas 4.0.10 not-affected']],
  ['capi 1.214.0 KB 408470', '408470', ['408470 capi-release 1.214.0 affected']],
  ['cloud controller 1.215.0 KB 408470', '408470', ['408470 capi-release 1.215.0 fixed']],
  // KB 386660: a vague fix ("6.x and later")
  ['TAS 6.0.3 KB 386660', '386660', ['386660 tas 6.0.3 unknown']],
  ['TAS 5.0.8 KB 386660', '386660', ['386660 tas 5.0.8 affected']],
  ['TPCF 10.1.2 KB 386660', '386660', ['386660 tas 10.1.2 fixed']],
  ['routing 0.335.0 KB 386660', '386660', ['386660 routing-release 0.335.0 affected']],
  ['routing 0.336.0 KB 386660', '386660', ['386660 routing-release 0.336.0 fixed']],
  // KB 297525: tolerated, opt-in, enforced
  ['routing 0.208.0 KB 297525', '297525', ['297525 routing-release 0.208.0 not-affected']],
  ['routing 0.219.0 KB 297525', '297525', ['297525 routing-release 0.219.0 not-affected']],
  ['routing 0.220.0 KB 297525', '297525', ['297525 routing-release 0.220.0 affected']],
  ['routing 0.226.0 KB 297525', '297525', ['297525 routing-release 0.226.0 affected']],
  // routing-0.277.0: every release before
  ['routing-release 0.276.0 routing-0.277.0', 'routing-0.277.0', ['routing-0.277.0 routing-release 0.276.0 affected']],
  ['routing-release 0.150.0 routing-0.277.0', 'routing-0.277.0', ['routing-0.277.0 routing-release 0.150.0 affected']],
  ['routing-release 0.277.0 routing-0.277.0', 'routing-0.277.0', ['routing-0.277.0 routing-release 0.277.0 fixed']],
  // The PAS Java TLS known issue: 2.7.9 vs 2.7.10; unknown where the notes are silent
  ['PAS 2.7.9 pas-2.7.8', 'pas-2.7.8', ['pas-2.7.8 tas 2.7.9 affected']],
  ['PAS 2.7.10 pas-2.7.8', 'pas-2.7.8', ['pas-2.7.8 tas 2.7.10 fixed']],
  ['PAS 2.7.7 pas-2.7.8', 'pas-2.7.8', ['pas-2.7.8 tas 2.7.7 not-affected']],
  ['PAS 2.6.15 and 2.6.16 pas-2.7.8', 'pas-2.7.8', ['pas-2.7.8 tas 2.6.15 affected', 'pas-2.7.8 tas 2.6.16 fixed']],
  ['PAS 2.8.1 pas-2.7.8', 'pas-2.7.8', ['pas-2.7.8 tas 2.8.1 unknown']],
  ['PAS 2.5.4 pas-2.7.8', 'pas-2.7.8', ['pas-2.7.8 tas 2.5.4 unknown']],
  // KB 298463: before 2.8, with backports
  ['TAS 2.7.22 KB 298463', '298463', ['298463 tas 2.7.22 affected']],
  ['TAS 2.7.23 KB 298463', '298463', ['298463 tas 2.7.23 fixed']],
  ['TAS 2.6.18 KB 298463', '298463', ['298463 tas 2.6.18 affected']],
  ['TAS 2.8.0 KB 298463', '298463', ['298463 tas 2.8.0 fixed']],
  ['PAS 2.4.2 KB 298463', '298463', ['298463 tas 2.4.2 affected']],
  // KB 298245: nats v34 and v38 only
  ['nats-release 34.0.0 KB 298245', '298245', ['298245 nats-release 34.0.0 affected']],
  ['nats 38.0.0 KB 298245', '298245', ['298245 nats-release 38.0.0 affected']],
  ['nats 36.0.0 KB 298245', '298245', ['298245 nats-release 36.0.0 unknown']],
  ['is nats v36 affected?', '298245', ['298245 nats-release 36.0.0 unknown']],
  ['we run nats v34, any known issues?', '298245', ['298245 nats-release 34.0.0 affected']],
  ['nats-release 38 stops accepting connections?', '298245', ['298245 nats-release 38.0.0 affected']],
  ['uaa 74 and KB 298463', '298463', ['298463 uaa-release 74.0.0 fixed']],
  // KB 426429: no fix yet
  ['TAS 6.0.7 KB 426429', '426429', ['426429 tas 6.0.7 affected']],
  // KB 298173, the erratum: two symptoms, two fixes, both rows
  ['routing-release 0.273.0 KB 298173', '298173', ['298173 routing-release 0.273.0 affected [access-log-status]', '298173 routing-release 0.273.0 fixed [double-100-continue]']],
  ['routing-release 0.272.0 KB 298173', '298173', ['298173 routing-release 0.272.0 affected [double-100-continue]', '298173 routing-release 0.272.0 affected [access-log-status]']],
  ['routing-release 0.274.0 KB 298173', '298173', ['298173 routing-release 0.274.0 fixed [double-100-continue]', '298173 routing-release 0.274.0 fixed [access-log-status]']],
  // KB 297408, the erratum: "present from 2.11.0" holds for IST too, stated
  ['IST 2.11.4 KB 297408', '297408', ['297408 ist 2.11.4 affected']],
];

describe('the new articles answer as their sources say', () => {
  it.each(asked)('%s', (text, article, want) => {
    expect(rowsOf(text, article).sort()).toEqual([...want].sort());
  });
});

describe('stated or inferred, and what the verdict carries', () => {
  const one = (text: string, article: string) => answer(kb, text).versions.find((v) => v.article === article)!;
  it.each([
    ['routing 0.274.0 CVE-2024-22279', 'CVE-2024-22279', { basis: 'inferred', fixedIn: '0.298.0' }],
    ['routing 0.298.0 CVE-2024-22279', 'CVE-2024-22279', { basis: 'inferred' }],
    ['uaa 78.0.0 CVE-2026-22723', 'CVE-2026-22723', { basis: 'stated', fixedIn: null, lastAffected: '78.7.0' }],
    ['TAS 5.0.8 KB 386660', '386660', { basis: 'inferred', condition: 'an app runs with fewer than three instances' }],
    ['TAS 10.2.2 KB 408470', '408470', { basis: 'stated', lastAffected: '10.2.2', condition: expect.stringContaining('total_service_instances') }],
    ['cf-deployment 54.14.0 CVE-2026-22726', 'CVE-2026-22726', { condition: 'the foundation uses route services', fixedIn: '54.15.0', basis: 'inferred' }],
    ['routing 0.371.0 CVE-2026-22726', 'CVE-2026-22726', { condition: 'the foundation uses route services' }],
    ['routing 0.222.0 KB 297525', '297525', { condition: expect.stringMatching(/no SAN.*golang\.x509ignoreCN is set to false/) }],
    ['routing 0.230.0 KB 297525', '297525', { condition: expect.not.stringContaining('x509ignoreCN is set to false') }],
    ['IST 2.11.4 KB 297408', '297408', { basis: 'stated' }],
    ['PAS 2.7.9 pas-2.7.8', 'pas-2.7.8', { basis: 'stated', fixedIn: '2.7.10' }],
    ['TAS 2.7.22 KB 298463', '298463', { fixedIn: '2.7.23', condition: expect.stringContaining('special characters') }],
  ])('%s', (text, article, want) => {
    expect(one(text, article)).toMatchObject(want);
  });

  it('a vague fix says to check the release notes, never a patch', () => {
    const v = one('TAS 6.0.3 KB 386660', '386660');
    expect(v.reason).toMatch(/check the release notes/);
    expect(v.reason).toContain('0.336.0');
    expect([v.fixedIn, v.upgradeTo]).toEqual([null, []]);
  });

  it('the stage a version is in is named (tolerated before the opt-in)', () => {
    expect(one('routing 0.215.0 KB 297525', '297525').reason).toContain('GODEBUG=x509ignoreCN=0');
  });

  it('the enumerated nats versions say the rest is unknown', () => {
    expect(one('nats 36.0.0 KB 298245', '298245').reason).toMatch(/names only 34\.0\.0 and 38\.0\.0/);
  });

  it('a question about one symptom puts its row first and keeps the other', () => {
    const rows = (text: string) => answer(kb, text).versions.filter((v) => v.article === '298173');
    expect(rows('does routing-release 0.273.0 still log 100 in the access log? KB 298173').map((v) => v.aspect)).toEqual(['access-log-status', 'double-100-continue']);
    expect(rows('routing-release 0.273.0: do spring clients still get two 100 continue responses? KB 298173').map((v) => `${v.aspect} ${v.status}`)).toEqual(['double-100-continue fixed', 'access-log-status affected']);
  });
});

/** nats-release versions are whole numbers: "nats 38" goes through the catalog's version forms. */
describe('kb-bot check with a product\'s own version forms', () => {
  const io = (): CliIo & { stdout: string; stderr: string } => {
    const r = { stdout: '', stderr: '', out: (t: string) => void (r.stdout += t), err: (t: string) => void (r.stderr += t), env: {}, readStdin: () => '', stdinFd: -1 };
    return r;
  };
  it.each([
    ['v34', 'affected'],
    ['38', 'affected'],
    ['v36', 'unknown'],
    ['39', 'unknown'],
  ])('nats %s is %s for KB 298245', async (version, status) => {
    const r = io();
    expect(await main(['check', 'nats', version, '--json'], r)).toBe(0);
    expect(JSON.parse(r.stdout).versions.find((v: { article: string }) => v.article === '298245').status).toBe(status);
  });

  it('routing takes 0.287 as 0.287.0 and refuses a version with another major', async () => {
    const r = io();
    expect(await main(['check', 'routing', '0.287', '--json'], r)).toBe(0);
    expect(JSON.parse(r.stdout).versions.find((v: { article: string }) => v.article === '298398')).toMatchObject({ version: '0.287.0', status: 'affected' });
    const bad = io();
    expect(await main(['check', 'routing', '1.2.3'], bad)).toBe(2);
    expect(bad.stderr).toMatch(/not a version of routing-release/);
  });
});
