import type { ExposureChange, Fleet } from '../src/core/model/fleet.ts';
import type { Knowledge } from '../src/core/model/knowledge.ts';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerFleet } from '../src/core/fleet/answer-fleet.ts';
import { exposureSnapshot, type ExposureSnapshot, type SnapshotEntry } from '../src/core/fleet/exposure-snapshot.ts';
import { diffExposure } from '../src/core/fleet/diff-exposure.ts';
import { mergeFleet } from '../src/core/fleet/merge-fleet.ts';
import { foundationData, foundationDigest } from '../src/core/fleet/foundation-data.ts';
import { loadKnowledge } from '../src/core/knowledge/load-knowledge.ts';
import { readKnowledgeDir } from '../src/node/read-knowledge-dir.ts';
import { renderFleetChanges } from '../src/render/render-fleet-changes.ts';
import { FLEET_KNOWLEDGE, NEW_ARTICLES, fleetKb } from './support/fleet-kb.ts';

const kb = fleetKb();
const e = (foundation: string, article: string, product: string, version: string | null, status: SnapshotEntry['status'], fix: string[] = []): SnapshotEntry => ({ foundation, article, product, version, status, fix });
const snap = (...entries: SnapshotEntry[]): ExposureSnapshot => Object.fromEntries(entries.map((x) => [JSON.stringify([x.foundation, x.article, x.product]), x]));

describe('what changed between two snapshots', () => {
  it('snapshots only what a channel acts on: affected and depends', () => {
    const all = answerFleet(kb.knowledge, kb.knowledge.fleet);
    expect(all.foundations.flatMap((f) => f.exposures).some((x) => x.status === 'unknown')).toBe(true);
    expect(new Set(Object.values(exposureSnapshot(all)).map((x) => x.status))).toEqual(new Set(['affected']));
  });

  it.each([
    ['a new affected verdict', snap(), snap(e('lab', '408470', 'capi-release', '1.214.0', 'affected', ['1.215.0'])), [['now-affected', 'lab', '408470']]],
    ['depends becomes affected', snap(e('a', 'x', 'tas', '2.13.20', 'depends')), snap(e('a', 'x', 'tas', '2.13.20', 'affected', ['2.13.34'])), [['changed', 'a', 'x']]],
    ['affected becomes fixed (gone from the snapshot)', snap(e('a', 'x', 'tas', '2.13.20', 'affected')), snap(), [['no-longer-affected', 'a', 'x']]],
    ['an upgrade that is still affected', snap(e('a', 'x', 'tas', '2.13.20', 'affected', ['2.13.34'])), snap(e('a', 'x', 'tas', '2.13.22', 'affected', ['2.13.34'])), [['changed', 'a', 'x']]],
    ['a fix now known', snap(e('a', 'x', 'tas', '3.0.12', 'affected')), snap(e('a', 'x', 'tas', '3.0.12', 'affected', ['3.0.20'])), [['changed', 'a', 'x']]],
    ['nothing', snap(e('a', 'x', 'tas', '2.13.20', 'affected', ['2.13.34'])), snap(e('a', 'x', 'tas', '2.13.20', 'affected', ['2.13.34'])), []],
  ])('%s', (_, before, after, expected) => {
    expect(diffExposure(before, after).map((c) => [c.kind, c.foundation, c.article])).toEqual(expected);
  });

  it('lists changes in one stable order (replicas compute the same change id)', () => {
    const after = snap(e('b', 'y', 'tas', '1.0.0', 'depends'), e('b', 'x', 'tas', '1.0.0', 'affected'), e('a', 'z', 'tas', '1.0.0', 'affected'));
    const before = snap(e('c', 'x', 'tas', '1.0.0', 'affected'));
    const order = (x: ExposureSnapshot) => diffExposure(before, x).map((c) => `${c.kind} ${c.foundation} ${c.article}`);
    expect(order(after)).toEqual(['now-affected a z', 'now-affected b x', 'now-affected b y', 'no-longer-affected c x']);
    expect(order(Object.fromEntries(Object.entries(after).reverse()))).toEqual(order(after));
  });

  it('a new article affecting the BOSH-only foundation: one change, for lab (the tile foundations are only unknown: no news)', () => {
    const { files } = readKnowledgeDir(FLEET_KNOWLEDGE);
    const added = { path: 'articles/408470-space-quota-service-instances.yml', text: readFileSync(join(NEW_ARTICLES, '408470-space-quota-service-instances.yml'), 'utf8') };
    const next = loadKnowledge([...files, added]);
    expect(next.problems).toEqual([]);
    const before = exposureSnapshot(answerFleet(kb.knowledge, kb.knowledge.fleet));
    const after = exposureSnapshot(answerFleet(next.knowledge, next.knowledge.fleet));
    const changes = diffExposure(before, after);
    expect(changes.map((c) => [c.kind, c.foundation, c.article, c.after?.version, c.after?.fix])).toEqual([
      ['now-affected', 'lab', '408470', '1.214.0', ['1.215.0']],
    ]);
    expect(answerFleet(next.knowledge, next.knowledge.fleet, { article: '408470' }).foundations.map((f) => [f.name, f.exposures.map((x) => x.status)]))
      .toEqual([['lab', ['affected']], ['prod-east', ['unknown']], ['prod-west', ['unknown']]]);
    const message = renderFleetChanges(next.knowledge, next.knowledge.fleet!, changes, 'a knowledge reload', exposuresNow(next.knowledge, next.knowledge.fleet!));
    expect(message.text.split('\n')[0]).toBe('Fleet: lab is now affected.');
    expect(message.text).toContain('lab is now affected: capi-release 1.214.0: affected — upgrade to 1.215.0');
    expect(JSON.stringify(message.blocks)).toContain('*Fix:* Fixed in capi-release 1.215.0');
  });

  it('says why a foundation stopped being affected', () => {
    const fleet = kb.knowledge.fleet!;
    const upgraded = { foundations: fleet.foundations.map((f) => (f.name === 'prod-east' ? { ...f, products: new Map([...f.products].filter(([p]) => p !== 'ist')) } : f)) };
    const changes = diffExposure(exposureSnapshot(answerFleet(kb.knowledge, fleet)), exposureSnapshot(answerFleet(kb.knowledge, upgraded)));
    expect(changes.map((c) => [c.kind, c.foundation, c.article, c.product])).toEqual([['no-longer-affected', 'prod-east', '298398', 'ist']]);
    expect(renderFleetChanges(kb.knowledge, upgraded, changes, 'x', exposuresNow(kb.knowledge, upgraded)).text).toContain('prod-east is no longer affected: IST is no longer on record for prod-east');
  });
});

describe('the fleet in effect: fleet.yml with what Slack stored on top', () => {
  const file = kb.knowledge.fleet!;
  const east = file.foundations.find((f) => f.name === 'prod-east')!;
  const stored = (name: string, products: Record<string, string>, base: string) => ({ name, data: { products }, base });

  it.each([
    ['a stored foundation replaces the file\'s entry it was stored against', [stored('prod-east', { tas: '2.13.34' }, foundationDigest(east))], { 'prod-east': { tas: '2.13.34' } }, [], []],
    ['a new foundation is added', [stored('staging', { tas: '2.13.20' }, 'none')], { staging: { tas: '2.13.20' } }, [], []],
    ['the file changed since: the file wins', [stored('prod-east', { tas: '2.13.34' }, 'an-older-digest')], { 'prod-east': { tas: '2.13.20', ist: '2.13.16' } }, ['prod-east'], []],
    ['a stored foundation that no longer validates is not used', [stored('staging', { nope: '1.0.0' }, 'none')], {}, [], ['staging']],
  ])('%s', (_, overlay, expected, stale, invalid) => {
    const merged = mergeFleet(file, overlay, kb.products);
    for (const [name, products] of Object.entries(expected)) expect(foundationData(merged.fleet.foundations.find((f) => f.name === name)!).products).toEqual(products);
    expect(merged.stale).toEqual(stale);
    expect(merged.invalid).toEqual(invalid);
    expect(merged.fleet.foundations.map((f) => f.name)).toEqual(expect.arrayContaining(['prod-east', 'prod-west', 'lab']));
  });
});

/** What the notifier passes: each changed foundation's current exposure to the article, asked of the verdict engine. */
function exposuresNow(knowledge: Knowledge, fleet: Fleet) {
  return (c: ExposureChange) =>
    answerFleet(knowledge, { foundations: fleet.foundations.filter((f) => f.name === c.foundation) }, { article: c.article }).foundations[0]?.exposures.filter((e) => e.product === c.product) ?? [];
}
