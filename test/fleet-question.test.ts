import { describe, expect, it } from 'vitest';
import { fleetQuestion } from '../src/core/fleet/fleet-question.ts';
import { fleetKb } from './support/fleet-kb.ts';

const kb = fleetKb();
const names = ['prod-east', 'prod-west', 'lab'];

describe('questions about our own foundations', () => {
  it.each([
    ['which of our foundations are affected by KB 298398?', { article: '298398' }],
    ['Which foundations are affected by 298398', { article: '298398' }],
    ['are we affected?', {}],
    ['are we exposed to CVE-2026-22723?', { article: 'CVE-2026-22723' }],
    ['does routing-0.262.0 hit any of ours?', { article: 'routing-0.262.0' }],
    ['is prod-east affected by KB 298398?', { article: '298398', foundation: 'prod-east' }],
    ['is lab vulnerable?', { foundation: 'lab' }],
    ['what is our fleet exposure', {}],
    ['are any of our foundations affected by KB 123456?', { article: '123456' }],
  ])('%s', (text, expected) => {
    expect(fleetQuestion(text, kb.knowledge, names)).toEqual(expected);
  });

  it.each([
    ['is TAS 2.13.20 affected?'],
    ['we run TAS 2.13.20, are we affected?'],
    ['which IST version fixes the gorouter crash?'],
    ['what is KB 298398 about?'],
    ['is the gorouter affected by HTTP/2 rapid reset?'],
    ['fatal error: concurrent map writes'],
    [`are we affected? ${'x'.repeat(600)}`],
  ])('not a fleet question: %s', (text) => {
    expect(fleetQuestion(text, kb.knowledge, names)).toBeNull();
  });
});
