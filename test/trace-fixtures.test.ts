import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { realKb, FIXTURES } from './support/kb.ts';
import { answer } from '../src/core/answer/answer.ts';

const kb = realKb();
const dir = (d: string) => join(FIXTURES, 'traces', d);
const read = (d: string, f: string) => readFileSync(join(dir(d), f), 'utf8');

/** The level each positive fixture must reach for KB 298398, and the release it pins (if any). */
const positives: Record<string, { level: 'exact' | 'strong'; release?: string }> = {
  'seed-verbatim.log': { level: 'exact', release: 'routing-release 0.269.0–0.278.0' },
  'slack-fenced-escaped.txt': { level: 'exact', release: 'routing-release 0.269.0–0.278.0' },
  'every-line-prefixed.log': { level: 'exact', release: 'routing-release 0.269.0–0.278.0' },
  'syslog-prefixed.log': { level: 'exact', release: 'routing-release 0.269.0–0.278.0' },
  'crlf-tabs-as-spaces.log': { level: 'exact', release: 'routing-release 0.269.0–0.278.0' },
  'frames-only.txt': { level: 'strong', release: 'routing-release 0.269.0–0.278.0' },
  'runtime-frames-on-top.log': { level: 'exact' },
  'wrapped-at-80-columns.txt': { level: 'exact', release: 'routing-release 0.269.0–0.278.0' },
  'lines-cut-short.txt': { level: 'exact' },
  'header-only-in-router-log.log': { level: 'strong' },
  'go121-thousands-of-goroutines.log': { level: 'exact', release: 'routing-release 0.279.0–0.281.0' },
  'crash-inside-access-log.log': { level: 'exact', release: 'routing-release 0.269.0–0.278.0' },
  'two-crashes-one-paste.log': { level: 'exact' },
};

describe('pastes of the KB 298398 crash', () => {
  it('has a fixture for every case in the table, and no untested fixture', () => {
    expect(readdirSync(dir('match')).sort()).toEqual(Object.keys(positives).sort());
  });

  it.each(Object.entries(positives))('%s matches', (file, want) => {
    const a = answer(kb, read('match', file));
    expect(a.intent).toBe('trace');
    const top = a.traces[0]!;
    expect(top.article).toBe('298398');
    expect(top.level).toBe(want.level);
    if (want.release) expect(top.release).toBe(want.release);
    if (want.release) expect(top.upgradeTo).toEqual(['0.288.0']);
    expect(top.evidence.some((e) => e.includes('HandleError') || e.includes('gorouter'))).toBe(true);
  });

  it('shows what the seed trace reveals', () => {
    const top = answer(kb, read('match', 'seed-verbatim.log')).traces[0]!;
    expect(top.facts).toContain('built with Go 1.20 (from the package paths)');
    expect(top.facts).toContain('program: code.cloudfoundry.org/gorouter');
    expect(top.evidence[0]).toBe('line 1: "fatal error: concurrent map writes" is the article\'s error line');
  });

  it('reports the other crash in a paste with two', () => {
    const a = answer(kb, read('match', 'two-crashes-one-paste.log'));
    expect(a.unmatched).toEqual([expect.stringContaining('nil pointer dereference in code.cloudfoundry.org/gorouter/registry.(*RouteRegistry).Lookup')]);
  });

  it('answers the question around a paste too', () => {
    const a = answer(kb, read('match', 'slack-fenced-escaped.txt'));
    expect(a.versions.find((v) => v.article === '298398')).toMatchObject({ product: 'tas', version: '2.13.20', status: 'affected' });
  });
});

describe('pastes that are not KB 298398', () => {
  const negatives = readdirSync(dir('nomatch'));

  it.each(negatives)('%s is no match', (file) => {
    const a = answer(kb, read('nomatch', file));
    expect(a.traces.filter((t) => t.level !== 'partial')).toEqual([]);
  });

  it.each([
    ['same-error-other-program.log', 'github.com/acme/edge-proxy'],
    ['concurrent-map-read-and-write.log', 'concurrent map read and map write'],
  ])('%s is at most the closest known issue', (file, unmatched) => {
    const a = answer(kb, read('nomatch', file));
    expect(a.traces[0]).toMatchObject({ article: '298398', level: 'partial' });
    expect(a.unmatched.join('\n')).toContain(unmatched);
  });

  it.each(['java-trace.txt', 'python-trace.txt', 'chat-mentions-the-error.txt', 'plain-gorouter-log.log'])('%s holds no Go crash', (file) => {
    const a = answer(kb, read('nomatch', file));
    expect(a.traces).toEqual([]);
    expect(a.unmatched).toEqual([]);
  });
});
