import { describe, expect, it } from 'vitest';
import { realKb } from './support/kb.ts';
import { answer } from '../src/core/answer/answer.ts';
import { slackToPlain } from '../src/slack/slack-to-plain.ts';

const kb = realKb();

/**
 * What KB 298398 says for each (product, version) the phrasing asks about, as
 * "product version status". The phrasings are typed in Slack: its markup is
 * undone by the Slack adapter, as in the app.
 */
function seedVerdicts(text: string): string[] {
  return answer(kb, slackToPlain(text))
    .versions.filter((v) => v.article === '298398')
    .map((v) => `${v.product} ${v.version} ${v.status}`);
}

const rows: [string, string[]][] = [
  ['is TAS 2.13.20 affected?', ['tas 2.13.20 affected']],
  ['Is tas 2.13.20 affected', ['tas 2.13.20 affected']],
  ['are we affected? running TAS for VMs 2.13.20', ['tas 2.13.20 affected']],
  ['we run Tanzu Application Service 2.11.40, do we need to patch?', ['tas 2.11.40 affected']],
  ['PAS 2.11.35 - are we ok?', ['tas 2.11.35 not-affected']],
  ['Pivotal Application Service v2.11.52', ['tas 2.11.52 fixed']],
  ['is *TAS 3.0.12* exposed to the gorouter crash?', ['tas 3.0.12 affected']],
  ['`TAS 5.0.2` ?', ['tas 5.0.2 affected']],
  ['_TAS_ 6.0.1 still has the gorouter crash?', ['tas 6.0.1 fixed']],
  ['<@U024BE7LH> is TAS 2.12.4 affected by KB 298398', ['tas 2.12.4 unknown']],
  ['TAS 4.0.16+LTS-T affected?', ['tas 4.0.16 fixed']],
  ['tas v4.0.15 vulnerable?', ['tas 4.0.15 affected']],
  ['we upgraded to srt-10.0.5-build.2.pivotal, still affected?', ['tas 10.0.5 fixed']],
  ['cf-2.13.20-build.3.pivotal', ['tas 2.13.20 affected']],
  ['TAS 2.13', ['tas 2.13 depends']],
  ['what about tas 2.13.x?', ['tas 2.13 depends']],
  ['IST 2.13.15 affected?', ['ist 2.13.15 affected']],
  ['Isolation Segment 2.11.46', ['ist 2.11.46 fixed']],
  ['iso seg 2.13.14 ok?', ['ist 2.13.14 not-affected']],
  ['p-isolation-segment-2.13.31-build.1.pivotal', ['ist 2.13.31 fixed']],
  ['Tanzu Isolation Segment 3.0.9 - is there a fix?', ['ist 3.0.9 affected']],
  ['routing-release 0.269.0', ['routing-release 0.269.0 affected']],
  ['routing release v0.288.0 has the fix?', ['routing-release 0.288.0 fixed']],
  ['we are on routing 0.257.0', ['routing-release 0.257.0 not-affected']],
  ['TAS 2.13.20 and IST 2.13.15', ['tas 2.13.20 affected', 'ist 2.13.15 affected']],
  ['TAS 2.11.40 and 2.13.34', ['tas 2.11.40 affected', 'tas 2.13.34 fixed']],
  ['2.13.20 of TAS', ['tas 2.13.20 affected']],
  ['is 2.13.20 affected?', ['tas 2.13.20 affected', 'ist 2.13.20 affected']],
  ['2.11.45', ['tas 2.11.45 affected', 'ist 2.11.45 affected']],
  ['0.270.0 affected?', ['routing-release 0.270.0 affected']],
  ['KB 298398 TAS 2.13.33', ['tas 2.13.33 affected']],
  ['kb298398 for tas 2.13.34?', ['tas 2.13.34 fixed']],
  ['ticket INC0042133: TAS 2.13.20 gorouters keep dying', ['tas 2.13.20 affected']],
  ['case 12345678 - TAS 4.0.3', ['tas 4.0.3 affected']],
  ['TAS 2.13.20 built with go 1.20 — affected?', ['tas 2.13.20 affected']],
  ['TAS 2.13.20, HTTP/1.1 only', ['tas 2.13.20 affected']],
  ['IST 2.13.20 on TAS 2.13.33', ['ist 2.13.20 affected', 'tas 2.13.33 affected']],
  ['Tanzu Platform for Cloud Foundry 10.0.1', ['tas 10.0.1 fixed']],
  ['TPCF 10.2.0 affected by the map writes crash?', ['tas 10.2.0 fixed']],
  ['which IST version fixes the gorouter crash KB 298398?', ['ist 2.11 depends', 'ist 2.13 depends', 'ist 3.0 depends', 'ist 4.0 depends', 'ist 5.0 depends']],
  ['TAS 2.11.36-2.11.41 range', ['tas 2.11.36–2.11.41 affected']],
  ['TAS 2.13.20? and 2.11.30?', ['tas 2.13.20 affected', 'tas 2.11.30 not-affected']],
  ['is routing-release 0.287 affected?', ['routing-release 0.287.0 affected']],
  ['are iso segs on 2.13.20 hit by the gorouter crash?', ['ist 2.13.20 affected']],
  ['Is Tanzu Application Service 4.0.15 vulnerable to the gorouter concurrent map writes crash?', ['tas 4.0.15 affected']],
  ['what should I upgrade TAS 3.0.12 to for the concurrent map writes crash', ['tas 3.0.12 affected']],
  // A version the asker has left is context, not a question — and "from A to B" after a change is not a range.
  ["we're not on TAS 2.13 anymore, we're on 3.0.12", ['tas 3.0.12 affected']],
  ['we upgraded TAS from 2.13.20 to 2.13.34 yesterday and the gorouter still crashes', ['tas 2.13.34 fixed']],
  ['went from tas 2.11.40 to 2.11.52 last night, still seeing resets', ['tas 2.11.52 fixed']],
  ['moved off 2.11.51 last week, now on TAS 2.13.34', ['tas 2.13.34 fixed']],
  ['TAS 2.13.20 (no longer on 2.11.40)', ['tas 2.13.20 affected']],
  ['is TAS 2.13.34 fixed? we are not on 2.13.34 yet', ['tas 2.13.34 fixed']],
  ['anything from TAS 2.13.18 to 2.13.33?', ['tas 2.13.18–2.13.33 affected']],
  // "go" the verb is not Go the language.
  ['if we go to 4.0.16 are we safe from the map writes crash?', ['tas 4.0.16 fixed', 'ist 4.0.16 fixed']],
  ['should we go TAS 2.13.34 or 4.0.16?', ['tas 2.13.34 fixed', 'tas 4.0.16 fixed']],
  // A release line the catalog lists is a line after "about", "from", "since", not a time of day.
  ['what about TAS 2.13?', ['tas 2.13 depends']],
  ['how about tas 2.11', ['tas 2.11 depends']],
  ['we moved TAS from 2.11 to 2.13 last month', ['tas 2.13 depends']],
];

describe('version questions as on-call engineers type them', () => {
  it.each(rows)('%s', (text, expected) => {
    expect(seedVerdicts(text).sort()).toEqual([...expected].sort());
  });
});

describe('what is not a version question', () => {
  it.each([
    ['TASW 2.13.20 affected?', /TAS for Windows/],
    ['TAS for Windows 2.13.20', /TAS for Windows/],
  ])('%s is not read as TAS', (text, notice) => {
    const a = answer(kb, text);
    expect(a.versions.filter((v) => v.product === 'tas')).toEqual([]);
    expect(a.notices.join(' ')).toMatch(notice);
  });

  it.each([
    'KB 298398',
    'gorouter on 10.0.1.5 keeps crashing',
    'error at 2024.01.25 10:00',
    'HTTP/2 on go 1.22',
    'gorouters started crashing at 10.13 on prod',
    '/var/vcap/data/packages/golang-1.20-linux/src/net/http/server.go:3086',
    'vcap 1.20',
    'first seen at 2.13 this morning',
    'since 9.45 the resets are back',
    'it began around 11.30 UTC',
  ])('%s has no version verdicts', (text) => {
    expect(answer(kb, text).versions).toEqual([]);
  });

  it('answers every covering article, the named one first', () => {
    const a = answer(kb, 'is TAS 2.13.20 affected?', { articles: ['298173'], products: [], versions: [] });
    expect(a.intent).toBe('version');
    expect(a.versions[0]?.article).toBe('298173');
    expect(new Set(a.versions.map((v) => v.article)).size).toBeGreaterThan(3);
  });

  it('a question that describes one issue leads with that article, and keeps every other affected verdict', () => {
    const a = answer(kb, 'Is TAS 4.0.15 vulnerable to the gorouter concurrent map writes crash?');
    const plain = answer(kb, 'TAS 4.0.15');
    expect(a.lead).toBe('298398');
    expect(a.versions[0]?.article).toBe('298398');
    const affected = (x: typeof a) => x.versions.filter((v) => v.status === 'affected').map((v) => v.article).sort();
    expect(affected(a)).toEqual(affected(plain));
    expect(affected(a).length).toBeGreaterThan(1);
  });

  it('names an unknown KB id instead of pretending', () => {
    expect(answer(kb, 'KB 123456 TAS 2.13.20').notices.join(' ')).toContain('123456');
  });

  it('says when no product has the line', () => {
    const a = answer(kb, 'is 7.9.1 affected?');
    expect(a.versions).toEqual([]);
    expect(a.notices.join(' ')).toMatch(/7\.9\.1/);
  });
});
