import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../src/cli/main.ts';
import { loadKnowledgeDir } from '../src/node/load-knowledge-dir.ts';
import { foundationData } from '../src/core/fleet/foundation-data.ts';
import { planImport } from '../src/core/fleet/plan-import.ts';
import { cliIo } from './support/cli-io.ts';
import { BAD_INVENTORIES, FLEET_KNOWLEDGE, INVENTORIES, fleetKb, fleetKnowledgeCopy, inventory } from './support/fleet-kb.ts';

const handWritten = () => Object.fromEntries(fleetKb().knowledge.fleet!.foundations.map((f) => [f.name, foundationData(f)]));
const fleetOf = (dir: string) => {
  const { knowledge, problems } = loadKnowledgeDir(dir);
  expect(problems).toEqual([]);
  return Object.fromEntries((knowledge.fleet?.foundations ?? []).map((f) => [f.name, foundationData(f)]));
};
const fleetImport = async (dir: string, args: string[], stdin = '') => {
  const io = cliIo(stdin);
  const code = await main(['fleet', 'import', '--knowledge', dir, ...args], io);
  return { code, out: io.stdout, err: io.stderr };
};

describe('kb-bot fleet import: the three documented formats', () => {
  it('importing each sample gives the same fleet as the hand-written fleet.yml', async () => {
    const dir = fleetKnowledgeCopy(false);
    const runs = [
      ['--name', 'prod-east', '--environment', 'production', '--channel', 'C0PRODEAST', join(INVENTORIES, 'om-deployed-products-prod-east.json')],
      ['--name', 'prod-west', '--environment', 'production', join(INVENTORIES, 'om-diagnostic-report-prod-west.json')],
      ['--name', 'lab', '--environment', 'lab', join(INVENTORIES, 'bosh-deployments-lab.json')],
    ];
    for (const args of runs) expect((await fleetImport(dir, args)).code).toBe(0);
    expect(fleetOf(dir)).toEqual(handWritten());
  });

  it.each([
    ['om deployed-products --format json', 'om-deployed-products-prod-east.json', 'prod-east'],
    ['om deployed-products (table)', 'om-deployed-products-prod-east.txt', 'prod-east'],
    ['om curl -p /api/v0/deployed/products', 'om-curl-deployed-products-prod-east.json', 'prod-east'],
    ['om diagnostic-report', 'om-diagnostic-report-prod-west.json', 'prod-west'],
    ['bosh deployments --json', 'bosh-deployments-lab.json', 'lab'],
    ['bosh deployments (table)', 'bosh-deployments-lab.txt', 'lab'],
  ])('%s (%s) gives %s\'s products', (format, file, name) => {
    const kb = fleetKb();
    const plan = planImport({ text: inventory(file), name, products: kb.knowledge.products });
    expect(plan.error).toBeUndefined();
    expect(plan.format).toBe(format.replace(/ --format json| --json/, '').replace(/ \(table\)/, ' table').replace('om curl -p /api/v0/deployed/products', 'om curl deployed products'));
    expect(plan.data?.products).toEqual(handWritten()[name]?.products);
  });

  it('names what it ignored and read: other tiles, other releases, staged products', async () => {
    const dir = fleetKnowledgeCopy(false);
    const east = await fleetImport(dir, ['--name', 'prod-east', join(INVENTORIES, 'om-deployed-products-prod-east.json')]);
    expect(east.out).toContain('prod-east: stored from om deployed-products — TAS 2.13.20 (new), IST 2.13.16 (new).');
    expect(east.out).toContain('Ignored (no product in the catalog): p-bosh 2.10.61-build.12, pivotal-mysql 3.1.2, p-healthwatch2 2.2.4-build.2.');
    const west = await fleetImport(dir, ['--name', 'prod-west', join(INVENTORIES, 'om-diagnostic-report-prod-west.json')]);
    expect(west.out).toContain('staged but not deployed yet (not counted): cf 4.0.20+LTS-T');
    const lab = await fleetImport(dir, ['--name', 'lab', join(INVENTORIES, 'bosh-deployments-lab.json')]);
    expect(lab.out).toMatch(/Ignored \(no product in the catalog\): binary-buildpack 1\.1\.11, .* and \d+ more\./);
    expect(lab.out).toMatch(/lab is affected/);
  });

  it('reads a paste from standard input, fenced, with the command line and Slack-style smart quotes', async () => {
    const dir = fleetKnowledgeCopy(false);
    const paste = `$ om deployed-products --format json\n\`\`\`\n${inventory('om-deployed-products-prod-east.json').replace(/"/g, (_, i: number) => (i % 2 ? '”' : '“'))}\n\`\`\``;
    expect((await fleetImport(dir, ['--name', 'prod-east', '-'], paste)).code).toBe(0);
    expect(fleetOf(dir)['prod-east']?.products).toEqual({ tas: '2.13.20', ist: '2.13.16' });
  });
});

describe('kb-bot fleet import: updating a foundation', () => {
  it('adds BOSH release versions to a foundation of tiles, keeping the file\'s comments and other foundations', async () => {
    const dir = fleetKnowledgeCopy();
    const before = readFileSync(join(dir, 'fleet.yml'), 'utf8');
    const r = await fleetImport(dir, ['--name', 'prod-east', join(INVENTORIES, 'bosh-deployments-prod-east.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('routing-release 0.276.0, 0.275.0 (new)');
    const after = readFileSync(join(dir, 'fleet.yml'), 'utf8');
    for (const kept of ['# Three foundations, written by hand', '# An open-source cf-deployment: BOSH releases only.', before.slice(before.indexOf('  prod-west:'))]) expect(after).toContain(kept);
    expect(after).toContain('routing-release: [ 0.276.0, 0.275.0 ] # bosh: routing/0.276.0 in cf-3f2a9b8c7d6e5f4a3b2c, routing/0.275.0 in p-isolation-segment-8e7d6c5b4a3f2e1d0c9b');
    const fleet = fleetOf(dir);
    expect(fleet['prod-east']).toEqual({
      environment: 'production', channel: 'C0PRODEAST',
      products: { tas: '2.13.20', ist: '2.13.16', 'capi-release': '1.181.0', 'nats-release': '56.0.0', 'routing-release': ['0.276.0', '0.275.0'], 'uaa-release': '77.20.0' },
    });
    expect(fleet['prod-west']).toEqual(handWritten()['prod-west']);
  });

  it('an Ops Manager listing replaces the tiles only, and says what it removed', async () => {
    const dir = fleetKnowledgeCopy();
    await fleetImport(dir, ['--name', 'prod-east', join(INVENTORIES, 'bosh-deployments-prod-east.json')]);
    const noIst = JSON.stringify([{ name: 'p-bosh', version: '2.10.61-build.12' }, { name: 'cf', version: '2.13.34-build.1' }]);
    const r = await fleetImport(dir, ['--name', 'prod-east', '-'], noIst);
    expect(r.out).toContain('TAS 2.13.34 (was 2.13.20)');
    expect(r.out).toContain('Removed (not in this inventory): IST 2.13.16.');
    expect(fleetOf(dir)['prod-east']?.products).toEqual({ tas: '2.13.34', 'capi-release': '1.181.0', 'nats-release': '56.0.0', 'routing-release': ['0.276.0', '0.275.0'], 'uaa-release': '77.20.0' });
  });

  it('a replicated Isolation Segment tile (p-isolation-segment-<name>) is IST', () => {
    const plan = planImport({ text: '[{"name":"p-isolation-segment-blue","version":"2.13.16-build.1"}]', name: 'x', products: fleetKb().knowledge.products });
    expect(plan.data?.products).toEqual({ ist: '2.13.16' });
  });

  it('--dry-run writes nothing', async () => {
    const dir = fleetKnowledgeCopy(false);
    const r = await fleetImport(dir, ['--dry-run', '--name', 'lab', join(INVENTORIES, 'bosh-deployments-lab.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('lab: would store from bosh deployments');
    expect(existsSync(join(dir, 'fleet.yml'))).toBe(false);
  });
});

const FIFTY_MB = 50 * 1024 * 1024;

describe('kb-bot fleet import: bad inventories change nothing and say what was skipped', () => {
  it.each([
    ['truncated JSON', 'truncated-om-deployed-products.json', [/JSON ends before it is complete \(cut off after 150 characters\)/]],
    ['only unknown slugs', 'only-unknown-slugs.json', [/names no product kb-bot knows/, /Ignored \(no product in the catalog\): p-bosh 2\.10\.61-build\.12, p-redis 3\.2\.0, p-healthwatch2 2\.2\.4-build\.2/]],
    ['versions that are not versions', 'versions-not-versions.json', [/cf latest: "latest" is not a version/, /p-isolation-segment 2\.13: "2\.13" is not a version/]],
    ['a BOSH release that is not a version', 'bosh-release-not-a-version.json', [/uaa\/latest in cf: "latest" is not a version/]],
  ])('%s (%s)', async (_, file, messages) => {
    const dir = fleetKnowledgeCopy();
    const before = readFileSync(join(dir, 'fleet.yml'), 'utf8');
    const r = await fleetImport(dir, ['--name', 'prod-east', join(BAD_INVENTORIES, file)]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^Nothing changed for prod-east: /);
    for (const m of messages) expect(r.err).toMatch(m);
    expect(readFileSync(join(dir, 'fleet.yml'), 'utf8')).toBe(before);
  });

  it.each([
    ['a 50 MB paste', 'x'.repeat(FIFTY_MB), /the inventory is 50\.0 MB; kb-bot reads inventories of at most 4\.0 MB/],
    ['chat, not an inventory', 'prod-east runs TAS 2.13.20, I think', /not an inventory kb-bot can read/],
    ['nothing', '   \n', /the inventory is empty/],
    ['JSON of something else', '{"deployments": 3}', /this JSON is not an inventory kb-bot knows/],
    ['a list of other things', '[1, 2, 3]', /names no product|lists nothing/],
  ])('%s on standard input', async (_, stdin, message) => {
    const dir = fleetKnowledgeCopy();
    const before = readFileSync(join(dir, 'fleet.yml'), 'utf8');
    const r = await fleetImport(dir, ['--name', 'prod-east', '-'], stdin);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(readFileSync(join(dir, 'fleet.yml'), 'utf8')).toBe(before);
  });

  it('a 50 MB file is refused without reading it', async () => {
    const dir = fleetKnowledgeCopy();
    const big = join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, FIFTY_MB);
    const r = await fleetImport(dir, ['--name', 'prod-east', big]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/big\.json is 50\.0 MB; kb-bot reads inventories of at most 4 MB/);
  });

  it.each([
    ['no name', ['-'], /needs a foundation name/],
    ['a bad name', ['--name', 'prod east', '-'], /"prod east" is not a foundation name/],
    ['no file', ['--name', 'prod-east', join(FLEET_KNOWLEDGE, 'nope.json')], /cannot read .*nope\.json: ENOENT/],
  ])('%s', async (_, args, message) => {
    const r = await fleetImport(fleetKnowledgeCopy(), args, inventory('om-deployed-products-prod-east.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
