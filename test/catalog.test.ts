import { describe, expect, it } from 'vitest';
import { realKb } from './support/kb.ts';
import { parseProductVersion, claimsBareVersion } from '../src/core/versions/product-version.ts';
import { checkReleaseLine, lineRanges } from '../src/core/versions/check-release-line.ts';
import { parseVersion } from '../src/core/versions/parse-version.ts';
import { answer } from '../src/core/answer/answer.ts';

const kb = realKb();
const product = (id: string) => kb.products.get(id)!;

/** [product, as written after its name, how kb-bot reads it (null: not a version of it)] */
const forms: [string, string, string | null][] = [
  ['nats-release', 'v38', '38.0.0'],
  ['nats-release', '38', '38.0.0'],
  ['nats-release', 'V34', '34.0.0'],
  ['nats-release', '38.1', '38.1.0'],
  ['nats-release', 'v38.0.0', '38.0.0'],
  ['routing-release', '0.287', '0.287.0'],
  ['routing-release', 'v0.288.0', '0.288.0'],
  ['routing-release', '1.2.3', null],
  ['routing-release', '38', null],
  ['capi-release', '1.214.0', '1.214.0'],
  ['capi-release', '1.214', '1.214.0'],
  ['capi-release', '2.0.0', null],
  ['uaa-release', '77.30.0', '77.30.0'],
  ['uaa-release', '74', '74.0.0'],
  ['cf-deployment', 'v54.14.0', '54.14.0'],
  ['cf-deployment', '54.14', '54.14.0'],
  ['cf-deployment', '54', null],
  ['tas', '2.13', '2.13'],
  ['tas', '2.13.20', '2.13.20'],
  ['tas', '38', null],
  ['tas', '0.287.0', null],
  ['tas', 'srt-10.0.5-build.2.pivotal', '10.0.5'],
  ['tas', 'banana', null],
];

describe('parseProductVersion: the forms each product really uses', () => {
  it.each(forms)('%s %s → %s', (id, raw, want) => {
    expect(parseProductVersion(product(id), raw)?.text ?? null).toBe(want);
  });
});

describe('bare versions (no product named)', () => {
  it.each([
    ['0.270.0', 'routing-release', true],
    ['1.214.0', 'capi-release', true],
    ['54.14.0', 'cf-deployment', false],
    ['77.30.0', 'uaa-release', false],
    ['2.13.20', 'tas', true],
    ['8.7.1', 'tas', false],
  ])('%s is read as %s: %s', (raw, id, want) => {
    expect(claimsBareVersion(product(id), parseVersion(raw)!)).toBe(want);
  });
});

describe('catalog hygiene: no verdict on a release line that does not exist', () => {
  it('compresses the catalog lines into ranges', () => {
    expect(lineRanges(product('tas').lines)).toBe('2.0–6.0, 10.0–10.3');
    expect(lineRanges(['2.7', '2.8', '2.10'])).toBe('2.7–2.8, 2.10');
  });

  it.each([
    ['8.7.1', 'unlisted', 'TAS has no 8.7 line (its lines are 2.0–6.0, 10.0–10.3)'],
    ['7.0', 'unlisted', 'TAS has no 7.0 line'],
    ['2.14.2', 'unlisted', 'TAS has no 2.14 line'],
    ['1.12.3', 'unlisted', 'older than every release line kb-bot knows for TAS'],
    ['10.4.0', 'newer', 'newer than every release line kb-bot knows for TAS'],
    ['11.0.1', 'newer', 'articles that say what holds for newer lines'],
    ['2.13.20', 'listed', ''],
    ['10.3', 'listed', ''],
  ])('TAS %s is %s', (raw, kind, notice) => {
    const check = checkReleaseLine(product('tas'), parseVersion(raw)!);
    expect(check.kind).toBe(kind);
    if (check.kind !== 'listed') expect(check.notice).toContain(notice);
  });

  it.each([
    'is TAS 8.7.1 affected?',
    'TAS 7.0.2 and the gorouter crash',
    'TPCF 2.14.1 exposed?',
    'TAS 8.7',
  ])('%s gets no verdict and says why', (text) => {
    const a = answer(kb, text);
    expect(a.versions.filter((v) => v.product === 'tas')).toEqual([]);
    expect(a.notices.join(' ')).toMatch(/TAS has no \d+\.\d+ line \(its lines are 2\.0–6\.0, 10\.0–10\.3\)/);
  });

  it('"cf cli 8.7.1" is the cf CLI\'s version: no TAS verdict, and it says so', () => {
    const a = answer(kb, 'our cf cli 8.7.1 keeps timing out');
    expect(a.versions).toEqual([]);
    expect(a.notices.join(' ')).toMatch(/cf cli 8\.7\.1 is a version of cf cli/);
  });

  it('a version newer than every line gets the newer-lines verdicts, and says so', () => {
    const a = answer(kb, 'is TAS 11.0.1 affected by KB 298398?');
    // The named article leads; the other articles' verdicts stay (ranking never filters).
    expect(a.versions[0]).toEqual(expect.objectContaining({ article: '298398', status: 'fixed', basis: 'inferred' }));
    expect(a.notices.join(' ')).toMatch(/TAS 11\.0 is newer than every release line/);
  });

  it('a single-line product has no lines to miss', () => {
    expect(checkReleaseLine(product('nats-release'), parseProductVersion(product('nats-release'), '38')!)).toEqual({ kind: 'listed', line: 'all' });
  });
});

describe('the BOSH release names are names people type', () => {
  it.each([
    ['routing 0.280.0 KB 298398', 'routing-release', '0.280.0', 'affected'],
    ['capi 1.214.0 KB 408470', 'capi-release', '1.214.0', 'affected'],
    ['uaa 78.7.0 CVE-2026-22723', 'uaa-release', '78.7.0', 'affected'],
    ['nats 34.0.0 KB 298245', 'nats-release', '34.0.0', 'affected'],
    ['cloud controller 1.215.0 KB 408470', 'capi-release', '1.215.0', 'fixed'],
    ['cf-deployment 54.14.0 CVE-2026-22726', 'cf-deployment', '54.14.0', 'affected'],
    ['cf deployment 54.11.0 CVE-2026-22723', 'cf-deployment', '54.11.0', 'fixed'],
  ])('%s', (text, id, version, status) => {
    const a = answer(kb, text);
    // The named article's verdict comes first; every other article covering the version is still answered.
    expect(a.versions[0]).toEqual(expect.objectContaining({ article: a.lead, product: id, version, status }));
    expect(a.versions.every((v) => v.product === id && v.version === version)).toBe(true);
  });

  it('every product\'s BOSH release names are among its aliases', () => {
    for (const p of kb.knowledge.products) {
      for (const b of p.boshReleases) expect(p.aliases.map((a) => a.toLowerCase())).toContain(b);
    }
    expect(product('capi-release').boshReleases).toEqual(['capi']);
    expect(product('uaa-release').boshReleases).toEqual(['uaa']);
    expect(product('nats-release').boshReleases).toEqual(['nats']);
  });
});
