import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKnowledge } from '../src/core/knowledge/load-knowledge.ts';
import { loadKnowledgeDir } from '../src/node/load-knowledge-dir.ts';
import { FIXTURES, KNOWLEDGE_DIR } from './support/kb.ts';

const catalog = readFileSync(join(KNOWLEDGE_DIR, 'products.yml'), 'utf8');
const problemsOf = (file: string) =>
  loadKnowledge([
    { path: 'products.yml', text: catalog },
    { path: `articles/${file}`, text: readFileSync(join(FIXTURES, 'broken-articles', file), 'utf8') },
  ]).problems;

describe('the real knowledge base', () => {
  it('validates clean', () => {
    const { knowledge, problems } = loadKnowledgeDir(KNOWLEDGE_DIR);
    expect(problems).toEqual([]);
    expect(knowledge.articles.map((a) => a.id)).toContain('298398');
    expect(knowledge.version).toMatch(/^[0-9a-f]{16}$/);
  });
});

/** [fixture, field path, message pattern] — each broken file names the file, the field and the problem. */
const cases: [string, string, RegExp][] = [
  ['298336-yaml-syntax.yml', 'line 2', /YAML/],
  ['298336-unquoted-line-key.yml', 'affected.tas.lines["2.1"]', /YAML read an unquoted 2\.10 as 2\.1/],
  ['298336-fix-before-introduced.yml', 'affected.tas.lines["2.13"][1]', /fixed 2\.13\.10 does not come after introduced 2\.13\.18/],
  ['298336-unknown-product.yml', 'affected.isolation', /unknown product "isolation"/],
  ['298336-version-on-wrong-line.yml', 'affected.tas.lines["3.0"][0].introduced', /3\.1\.8 is not on the 3\.0 line/],
  ['298336-not-a-version.yml', 'affected.tas.lines["4.0"][0].introduced', /not a full version/],
  ['298336-two-events-in-one.yml', 'affected.tas.lines["4.0"][0]', /exactly one of introduced, introduced_after, fixed, last_affected/],
  ['298336-missing-summary.yml', 'summary', /expected string/],
  ['298336-bad-url.yml', 'url', /URL/],
  ['298336-bad-signature.yml', 'signatures[0].id', /lower-case/],
  ['wrong-name.yml', 'id', /file name does not start with the id/],
  // log signatures
  ['298245-bad-log-pattern.yml', 'log_signatures[0].line', /unknown placeholder \{port\}/],
  ['298245-log-signature-not-specific.yml', 'log_signatures[0].specific', /specific \(true\) or generic \(false\)/],
  ['298245-core-not-in-line.yml', 'log_signatures[0].core', /not part of the line/],
  ['298245-duplicate-signature-id.yml', 'log_signatures[1].id', /duplicate signature id "nats-errors"/],
  // examples: a verdict on a release line that does not exist is flagged, and so is a wrong one
  ['408470-example-on-unlisted-line.yml', 'examples[0].version', /TAS has no 8\.7 line \(its lines are 2\.0–6\.0, 10\.0–10\.3\)/],
  ['408470-example-wrong-verdict.yml', 'examples[0].status', /kb-bot says status affected, the example expects status not-affected/],
  ['298173-example-without-aspect.yml', 'examples[0].aspect', /one verdict per aspect/],
  // aspects
  ['298173-unknown-aspect.yml', 'affected.routing-release.aspects.access-log', /unknown aspect "access-log"/],
  ['298173-aspect-outside-whole.yml', 'affected.routing-release.aspects.access-log-status', /0\.273\.0 is affected for this aspect but fixed in the product table/],
  // stages and conditions
  ['297525-stage-without-note.yml', 'affected.routing-release.lines["0"][0].stage', /a stage needs a note/],
  ['297525-condition-on-fix.yml', 'affected.routing-release.lines["0"][1].fixed', /a condition belongs on an introduction/],
  ['297525-two-introductions.yml', 'affected.routing-release.lines["0"][1]', /two introductions in a row/],
];

describe('broken knowledge files', () => {
  it.each(cases)('%s: %s', (file, path, message) => {
    const problems = problemsOf(file);
    const hit = problems.find((p) => p.path === path);
    expect(hit, JSON.stringify(problems, null, 1)).toBeDefined();
    expect(hit!.file).toBe(`articles/${file}`);
    expect(hit!.message).toMatch(message);
  });

  it('reports every problem in a signature, each with a tip', () => {
    const paths = problemsOf('298336-bad-signature.yml').map((p) => p.path);
    // The id fails the schema, so semantic checks wait; fix it and the rest appear together.
    expect(paths).toEqual(['signatures[0].id']);
    const fixed = readFileSync(join(FIXTURES, 'broken-articles', '298336-bad-signature.yml'), 'utf8').replace('Bad_Id', 'bad-id');
    const problems = loadKnowledge([{ path: 'products.yml', text: catalog }, { path: 'articles/298336-x.yml', text: fixed }]).problems;
    expect(problems.map((p) => p.path).sort()).toEqual(['signatures[0].error', 'signatures[0].frames[0]', 'signatures[0].program_frames[0]']);
    expect(problems.every((p) => p.tip)).toBe(true);
  });

  it('reports all problems of a file at once', () => {
    expect(problemsOf('298336-every-problem-at-once.yml').map((p) => p.path).sort()).toEqual(['components', 'sumary', 'summary', 'url']);
  });

  it('names a duplicate article id across files', () => {
    const text = readFileSync(join(KNOWLEDGE_DIR, 'articles/298398-gorouter-concurrent-map-writes.yml'), 'utf8');
    const { problems } = loadKnowledge([
      { path: 'products.yml', text: catalog },
      { path: 'articles/298398-a.yml', text },
      { path: 'articles/298398-b.yml', text },
    ]);
    expect(problems).toEqual([expect.objectContaining({ file: 'articles/298398-b.yml', path: 'id', message: expect.stringMatching(/already used/) })]);
  });

  it('a missing catalog or folder is a problem, not a crash', () => {
    expect(loadKnowledge([]).problems[0]).toMatchObject({ file: 'products.yml', message: expect.stringMatching(/missing/) });
    expect(loadKnowledgeDir('/nonexistent/kb').problems[0]?.message).toMatch(/does not exist/);
  });

  it('every new check has a tip', () => {
    for (const [file] of cases.filter(([f]) => !f.startsWith('298336') && f !== 'wrong-name.yml')) {
      expect(problemsOf(file).every((p) => p.tip), file).toBe(true);
    }
  });

  /** [what is changed in the real catalog, field path, problem] */
  it.each([
    ['    bosh_releases: [capi]', '    bosh_releases: [capi, cc]', 'products[3].bosh_releases[1]', /"cc" is not one of the product's aliases/],
    ['    om_slugs: [cf]', '    om_slugs: [cf]\n    majors: [2]', 'products[0].majors', /majors is for single-line products/],
    ['      - { go: "1.22", from: 0.296.0 }', '      - { go: "1.22", from: 0.296.0, to: 0.290.0 }', 'products[2].toolchains[3]', /bad range 0\.296\.0 to 0\.290\.0/],
    ['    version_forms: [major, major.minor]\n    aliases:\n      - nats-release', '    version_forms: [major, patch]\n    aliases:\n      - nats-release', 'products[5].version_forms[1]', /Invalid option/],
    ['    lines: ["all"]\n    majors: [1]', '    lines: ["All Versions"]\n    majors: [1]', 'products[3].lines[0]', /not a single-number line id|not a .* line id/],
  ])('a broken catalog: %s', (from, to, path, message) => {
    expect(catalog).toContain(from);
    const { problems } = loadKnowledge([{ path: 'products.yml', text: catalog.replace(from, to) }]);
    const hit = problems.find((p) => p.path === path);
    expect(hit, JSON.stringify(problems, null, 1)).toBeDefined();
    expect(hit!.message).toMatch(message);
    expect(hit!.tip).toBeTruthy();
  });

  it('an open-ended toolchain range is valid', () => {
    const { knowledge, problems } = loadKnowledgeDir(KNOWLEDGE_DIR);
    expect(problems).toEqual([]);
    expect(knowledge.products.find((p) => p.id === 'routing-release')!.toolchains.at(-1)).toMatchObject({ go: '1.22' });
    expect(knowledge.products.find((p) => p.id === 'routing-release')!.toolchains.at(-1)!.to).toBeUndefined();
  });

  it('a broken catalog names the field', () => {
    const { problems } = loadKnowledge([{ path: 'products.yml', text: catalog.replace('    scheme: single', '    scheme: one') }]);
    expect(problems[0]).toMatchObject({ file: 'products.yml', path: 'products[2].scheme' });
  });
});
