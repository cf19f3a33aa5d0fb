import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKnowledge } from '../src/core/knowledge/load-knowledge.ts';
import { loadKnowledgeDir } from '../src/node/load-knowledge-dir.ts';
import { parseDeployedVersion } from '../src/core/versions/parse-deployed-version.ts';
import { main } from '../src/cli/main.ts';
import { FIXTURES, KNOWLEDGE_DIR } from './support/kb.ts';
import { FLEET_KNOWLEDGE, fleetKnowledgeCopy } from './support/fleet-kb.ts';
import { writeFileSync } from 'node:fs';
import { cliIo } from './support/cli-io.ts';

const catalog = readFileSync(join(FLEET_KNOWLEDGE, 'products.yml'), 'utf8');
const article = readFileSync(join(FLEET_KNOWLEDGE, 'articles/298398-gorouter-concurrent-map-writes.yml'), 'utf8');
const load = (fleet: string) => loadKnowledge([
  { path: 'products.yml', text: catalog },
  { path: 'articles/298398-gorouter-concurrent-map-writes.yml', text: article },
  { path: 'fleet.yml', text: fleet },
]);
const broken = (file: string) => load(readFileSync(join(FIXTURES, 'fleet/broken-fleets', file), 'utf8')).problems;

describe('fleet.yml', () => {
  it('is the fleet, not an article: three foundations with their products and versions', () => {
    const { knowledge, problems } = loadKnowledgeDir(FLEET_KNOWLEDGE);
    expect(problems).toEqual([]);
    expect(knowledge.articles.map((a) => a.source)).not.toContain('fleet.yml');
    const fleet = knowledge.fleet!.foundations.map((f) => ({ name: f.name, environment: f.environment, channel: f.channel, products: Object.fromEntries([...f.products].map(([p, v]) => [p, v.map((x) => x.text)])) }));
    expect(fleet).toEqual([
      { name: 'prod-east', environment: 'production', channel: 'C0PRODEAST', products: { tas: ['2.13.20'], ist: ['2.13.16'] } },
      { name: 'prod-west', environment: 'production', channel: undefined, products: { tas: ['4.0.16+LTS-T'] } },
      { name: 'lab', environment: 'lab', channel: undefined, products: { 'routing-release': ['0.280.0'], 'capi-release': ['1.214.0'], 'uaa-release': ['77.31.0'], 'nats-release': ['56.0.0'] } },
    ]);
  });

  it('the project\'s own fleet.yml validates with the real catalog', () => {
    const { knowledge, problems } = loadKnowledgeDir(KNOWLEDGE_DIR);
    expect(problems).toEqual([]);
    expect(knowledge.fleet?.foundations.length).toBeGreaterThan(0);
  });

  it.each([
    ['an empty file', ''],
    ['only comments', '# no foundations yet\n'],
    ['no foundations', 'foundations:\n'],
  ])('%s is an empty fleet, not a problem', (_, text) => {
    const { knowledge, problems } = load(text);
    expect(problems).toEqual([]);
    expect(knowledge.fleet?.foundations).toEqual([]);
  });

  it('changes the knowledge version when it changes (a reload sees it)', () => {
    expect(load('foundations:\n  a: { products: { tas: 2.13.20 } }\n').knowledge.version).not.toBe(load('foundations:\n  a: { products: { tas: 2.13.21 } }\n').knowledge.version);
  });
});

/** [fixture, field path, message, tip] — every problem names the file, the field, and what to do. */
const cases: [string, string, RegExp, RegExp][] = [
  ['unknown-product.yml', 'foundations.prod-east.products.routing', /unknown product "routing"/, /routing-release/],
  ['not-a-version.yml', 'foundations.prod-east.products.tas', /"latest" is not a version/, /2\.13\.20/],
  ['unquoted-number.yml', 'foundations.lab.products.nats-release', /reads as the number 56/, /56\.0\.0/],
  ['no-products.yml', 'foundations.staging.products', /lists no products/, /kb-bot fleet import/],
  ['bad-name.yml', 'foundations["prod east!"]', /not a foundation name/, /prod-east/],
  ['unknown-field.yml', 'foundations.prod-east.owner', /unknown field "owner"/, /README/],
  ['routing-version-as-tas.yml', 'foundations.prod-east.products.tas', /0\.280\.0 is not a TAS version/, /BOSH release/],
  ['duplicate-version.yml', 'foundations.prod-east.products.routing-release[1]', /listed twice/, /once/],
  ['yaml-syntax.yml', 'line 5', /YAML/, /indentation/],
];

describe('a broken fleet.yml', () => {
  it.each(cases)('%s: %s', (file, path, message, tip) => {
    const problems = broken(file);
    const hit = problems.find((p) => p.path === path);
    expect(hit, JSON.stringify(problems, null, 1)).toBeDefined();
    expect(hit).toMatchObject({ file: 'fleet.yml', message: expect.stringMatching(message), tip: expect.stringMatching(tip) });
  });

  it('reports every foundation\'s problems at once', () => {
    expect(broken('every-problem-at-once.yml').map((p) => p.path)).toEqual([
      'foundations.prod-east.products.tas',
      'foundations.prod-east.products.isolation-segment',
      'foundations.prod-west.products.tas',
      'foundations.lab.products',
    ]);
  });

  it('fails kb-bot validate (exit 2) and names the field', async () => {
    const dir = fleetKnowledgeCopy();
    writeFileSync(join(dir, 'fleet.yml'), readFileSync(join(FIXTURES, 'fleet/broken-fleets/not-a-version.yml')));
    const io = cliIo();
    expect(await main(['validate', dir], io)).toBe(2);
    expect(io.stderr).toContain('fleet.yml: foundations.prod-east.products.tas: "latest" is not a version');
  });
});

describe('deployed versions', () => {
  it.each([
    ['2.13.20-build.3', {}, '2.13.20'],
    ['4.0.16+LTS-T', {}, '4.0.16+LTS-T'],
    ['4.0.16-build.2+LTS-T', {}, '4.0.16+LTS-T'],
    ['v0.280.0', { padRelease: true }, '0.280.0'],
    ['56', { padRelease: true }, '56.0.0'],
    ['0.287', { padRelease: true }, '0.287.0'],
    ['0.280.0+dev.3', { padRelease: true }, '0.280.0+dev.3'],
    ['56', {}, null],
    ['2.13', {}, null],
    ['2.13.x', {}, null],
    ['latest', {}, null],
    ['', {}, null],
    ['2.13.020', {}, null],
    ['1.2.3'.repeat(40), {}, null],
  ])('%s %j → %s', (raw, options, text) => {
    expect(parseDeployedVersion(raw, options)?.text ?? null).toBe(text);
  });
});
