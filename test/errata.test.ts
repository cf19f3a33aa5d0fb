import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { realKb, FIXTURES } from './support/kb.ts';
import { answer } from '../src/core/answer/answer.ts';

const kb = realKb();
const trace = (f: string) => readFileSync(join(FIXTURES, 'traces/errata', f), 'utf8');

/** Each erratum of issue 18, as a test built from the fact in the sources. */
describe('errata', () => {
  // Source: "Routing-release version 0.273.0 has the fix for bug 1. Routing-release version 0.274.0 will have the fix for bug 2."
  it.each([
    ['0.272.0', 'double-100-continue', 'affected', '0.273.0'],
    ['0.273.0', 'double-100-continue', 'fixed', '0.273.0'],
    ['0.273.0', 'access-log-status', 'affected', '0.274.0'],
    ['0.274.0', 'access-log-status', 'fixed', '0.274.0'],
  ])('KB 298173: routing-release %s, %s, is %s (fix %s)', (version, aspect, status, fixedIn) => {
    const v = answer(kb, `routing-release ${version} KB 298173`).versions.find((x) => x.aspect === aspect);
    expect(v).toMatchObject({ status, fixedIn, basis: 'stated' });
  });

  it('KB 298173: a question that does not say which symptom gets both rows, the affected one included', () => {
    const a = answer(kb, 'is routing 0.273.0 affected by KB 298173?');
    const rows = a.versions.filter((v) => v.article === '298173');
    expect(rows.map((v) => `${v.aspect} ${v.status}`).sort()).toEqual(['access-log-status affected', 'double-100-continue fixed']);
    expect(a.versions[0]).toMatchObject({ status: 'affected', aspect: 'access-log-status' });
  });

  // Source: "on 2.11 the strict behaviour is present from 2.11.0" — for the line, Isolation Segment too.
  it.each([
    ['IST 2.11.0', 'ist'],
    ['IST 2.11.12', 'ist'],
    ['TAS 2.11.12', 'tas'],
  ])('KB 297408: %s is affected, stated (not inferred from the newer-lines rule)', (q, product) => {
    const v = answer(kb, `${q} KB 297408`).versions.find((x) => x.product === product)!;
    expect(v).toMatchObject({ status: 'affected', basis: 'stated', line: '2.11' });
    expect(v.reason).not.toMatch(/newer than every line/);
  });

  // Source: "Go 1.22 from 0.296.0" and "288 from the fixed 0.288.0 on": open until a source closes them.
  it.each([
    ['go122-line-288.log', 'routing-release 0.296.0 and later'],
    ['go121-line-288.log', 'routing-release 0.288.0–0.295.0'],
  ])('KB 298398: %s points to %s, and says those releases are fixed', (file, release) => {
    const t = answer(kb, trace(file)).traces[0]!;
    expect(t).toMatchObject({ kind: 'go', article: '298398', level: 'exact', release });
    expect(t.evidence.join('\n')).toMatch(/those releases are fixed by the article's table/);
    expect(t.releaseStatus).toBe('fixed');
    expect(t.upgradeTo).toBeUndefined();
  });

  it('the catalog leaves Go 1.22 open', () => {
    const routing = kb.products.get('routing-release')!;
    expect(routing.toolchains.find((t) => t.go === '1.22')).toMatchObject({ from: expect.objectContaining({ version: '0.296.0' }) });
    expect(routing.toolchains.find((t) => t.go === '1.22')!.to).toBeUndefined();
  });

  // Issue 18: "our cf cli 8.7.1 keeps timing out" answered with TAS 8.7.1 verdicts.
  it('a version on a TAS line that does not exist gets no verdict, but a clear statement', () => {
    const a = answer(kb, 'our cf tile 8.7.1 keeps timing out');
    expect(a.versions).toEqual([]);
    expect(a.notices).toContain('TAS has no 8.7 line (its lines are 2.0–6.0, 10.0–10.3); no verdict is given for TAS 8.7.1.');
    // "cf cli" is the cf CLI, not TAS: its version gets no verdict either, and the reply says whose version it is.
    const cli = answer(kb, 'our cf cli 8.7.1 keeps timing out');
    expect(cli.versions).toEqual([]);
    expect(cli.notices.join(' ')).toMatch(/cf cli 8\.7\.1 is a version of cf cli/);
  });
});
