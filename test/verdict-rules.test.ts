import { describe, expect, it } from 'vitest';
import semver from 'semver';
import { realKb } from './support/kb.ts';
import { verdictForLine, verdictForVersion } from '../src/core/versions/verdict.ts';

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
    // closed ranges with inferred first fixes (KB 298173)
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
