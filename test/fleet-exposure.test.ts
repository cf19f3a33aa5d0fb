import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { answerFleet } from '../src/core/fleet/answer-fleet.ts';
import { buildFleet } from '../src/core/knowledge/build-fleet.ts';
import { cliIo } from './support/cli-io.ts';
import { FLEET_KNOWLEDGE, fleetKb } from './support/fleet-kb.ts';
import type { Fleet } from '../src/core/model/fleet.ts';

const kb = fleetKb();
const knowledge = kb.knowledge;
const fleetFrom = (foundations: Record<string, unknown>): Fleet => {
  const { fleet, problems } = buildFleet('fleet.yml', { foundations }, kb.products);
  expect(problems).toEqual([]);
  return fleet;
};
const rows = (fleet: Fleet | undefined, article?: string) =>
  answerFleet(knowledge, fleet, article ? { article } : {}).foundations.flatMap((f) =>
    f.exposures.map((e) => [f.name, e.article, e.product, e.version, e.status, e.fixedIn ?? e.upgradeTo.join(' or ')]));

describe('fleet exposure (the three-foundation fleet)', () => {
  it('lists every exposed article per foundation, worst first, then by foundation', () => {
    expect(rows(knowledge.fleet)).toEqual([
      ['lab', '298398', 'routing-release', '0.280.0', 'affected', '0.288.0'],
      ['lab', 'CVE-2026-22723', 'uaa-release', '77.31.0', 'affected', '78.8.0'],
      ['prod-east', '298398', 'tas', '2.13.20', 'affected', '2.13.34'],
      ['prod-east', '298398', 'ist', '2.13.16', 'affected', '2.13.31'],
      ['prod-east', '298165', 'tas', '2.13.20', 'affected', ''],
      ['prod-east', 'CVE-2026-22723', 'uaa-release', null, 'unknown', ''],
      ['prod-east', 'routing-0.262.0', 'routing-release', null, 'unknown', ''],
      ['prod-west', '298165', 'tas', '4.0.16+LTS-T', 'affected', ''],
      ['prod-west', 'CVE-2026-22723', 'uaa-release', null, 'unknown', ''],
      ['prod-west', 'routing-0.262.0', 'routing-release', null, 'unknown', ''],
    ]);
  });

  it('answers one article for every foundation, fixed ones included', () => {
    expect(rows(knowledge.fleet, 'KB 298398')).toEqual([
      ['lab', '298398', 'routing-release', '0.280.0', 'affected', '0.288.0'],
      ['prod-east', '298398', 'tas', '2.13.20', 'affected', '2.13.34'],
      ['prod-east', '298398', 'ist', '2.13.16', 'affected', '2.13.31'],
      ['prod-west', '298398', 'tas', '4.0.16+LTS-T', 'fixed', '4.0.16'],
    ]);
  });

  it('answers a component article from the BOSH release version, and says unknown for tiles with none on record', () => {
    const a = answerFleet(knowledge, knowledge.fleet, { article: 'routing-0.262.0' });
    expect(a.foundations.map((f) => [f.name, f.exposures.map((e) => `${e.product} ${e.version}: ${e.status}`)])).toEqual([
      ['prod-east', ['routing-release null: unknown']],
      ['prod-west', ['routing-release null: unknown']],
      ['lab', ['routing-release 0.280.0: fixed']],
    ]);
    expect(a.foundations[0]?.exposures[0]?.reason).toMatch(/prod-east has none on record.*bosh deployments --json/);
  });

  it.each([
    // [what, foundation, article, expected status of each exposure]
    ['an unlisted older line is unknown, never guessed', { x: { products: { tas: '2.12.4' } } }, '298398', ['tas 2.12.4: unknown']],
    ['a version before the first affected one', { x: { products: { tas: '2.13.10' } } }, '298398', ['tas 2.13.10: not-affected']],
    ['a line with no fix points to newer lines', { x: { products: { tas: '3.0.12' } } }, '298398', ['tas 3.0.12: affected (4.0.16 or 5.0.6)']],
    ['several deployments, one affected', { x: { products: { 'routing-release': ['0.290.0', '0.270.0'] } } }, '298398', ['routing-release 0.270.0: affected (0.288.0)', 'routing-release 0.290.0: fixed']],
    ['a TAS for Windows foundation is not covered by a gorouter article', { x: { products: { tasw: '2.13.20' } } }, '298398', []],
    ['BOSH releases only: no unknown for tiles it does not have', { x: { products: { 'capi-release': '1.214.0' } } }, '298398', []],
  ])('%s', (_, foundations, article, expected) => {
    const a = answerFleet(knowledge, fleetFrom(foundations), { article });
    expect(a.foundations[0]?.exposures.map((e) => `${e.product} ${e.version}: ${e.status}${e.status === 'affected' ? ` (${e.fixedIn ?? e.upgradeTo.join(' or ')})` : ''}`)).toEqual(expected);
  });

  it('never drops an affected verdict behind a condition: it is listed, after the unconditional ones', () => {
    const east = answerFleet(knowledge, knowledge.fleet).foundations.find((f) => f.name === 'prod-east')!;
    const http2 = east.exposures.find((e) => e.article === '298165')!;
    expect(http2).toMatchObject({ status: 'affected', condition: expect.stringMatching(/HTTP\/2/) });
    expect(east.exposures.indexOf(http2)).toBeGreaterThan(east.exposures.findIndex((e) => e.article === '298398'));
  });

  it('an unknown article or an empty fleet is said so', () => {
    expect(answerFleet(knowledge, knowledge.fleet, { article: '123456' }).notices).toEqual(["KB 123456 is not in kb-bot's knowledge base: kb-bot cannot say which foundations it affects."]);
    expect(answerFleet(knowledge, undefined).notices[0]).toMatch(/No foundations are on record/);
  });
});

describe('kb-bot fleet', () => {
  const run = async (...args: string[]) => {
    const io = cliIo();
    const code = await main(['fleet', '--knowledge', FLEET_KNOWLEDGE, ...args], io);
    return { code, out: io.stdout, err: io.stderr };
  };

  it('--json prints exactly the documented contract', async () => {
    const r = await run('--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['foundations']);
    const [lab] = json.foundations;
    expect(Object.keys(lab)).toEqual(['name', 'products', 'exposures']);
    expect(lab.products[0]).toEqual({ product: 'routing-release', version: '0.280.0' });
    expect(lab.exposures[0]).toEqual({ article: '298398', product: 'routing-release', version: '0.280.0', status: 'affected', fixedIn: '0.288.0', upgradeTo: ['0.288.0'], basis: 'inferred' });
    expect(json.foundations.map((f: { name: string }) => f.name)).toEqual(['lab', 'prod-east', 'prod-west']);
    expect(json.foundations[2].products).toEqual([{ product: 'tas', version: '4.0.16+LTS-T' }]);
  });

  it.each([
    [['--article', '298398']],
    [['298398']],
    [['--article', 'KB 298398', '--json']],
  ])('one article: %j', async (args) => {
    const r = await run(...args);
    expect(r.code).toBe(0);
    if (args.includes('--json')) {
      expect(JSON.parse(r.out).foundations.map((f: { name: string; exposures: { status: string }[] }) => [f.name, f.exposures.map((e) => e.status)])).toEqual([['lab', ['affected']], ['prod-east', ['affected', 'affected']], ['prod-west', ['fixed']]]);
    } else {
      expect(r.out.split('\n')[0]).toBe('KB 298398: 2 of 3 foundations are affected — lab, prod-east.');
      expect(r.out).toContain('TAS 2.13.20: affected — upgrade to 2.13.34');
      expect(r.out).toContain('TAS 4.0.16+LTS-T: fixed');
      expect(r.out).toContain('Fix: The fix serialises');
    }
  });

  it('reads like an answer: the headline, then per foundation the fix', async () => {
    const r = await run();
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('3 of 3 foundations are affected by 3 known issues — lab, prod-east, prod-west.');
    expect(r.out).toContain('prod-east (production, owner C0PRODEAST) — TAS 2.13.20, IST 2.13.16');
    expect(r.out).toContain('IST 2.13.16: affected — upgrade to 2.13.31');
    expect(r.out).toContain('routing-release (no version on record): unknown');
  });

  it.each([
    [['--article', '123456'], /KB 123456 is not in kb-bot's knowledge base/],
    [['bogus'], /fleet takes no "bogus"/],
  ])('%j exits 2', async (args, message) => {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('an empty fleet says how to add one', async () => {
    const io = cliIo();
    expect(await main(['fleet', '--knowledge', FLEET_KNOWLEDGE, '--fleet', '/nonexistent/fleet.yml'], io)).toBe(0);
    expect(io.stdout).toMatch(/No foundations are on record yet/);
  });
});
