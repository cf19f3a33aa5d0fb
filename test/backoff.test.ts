import { describe, expect, it } from 'vitest';
import { backoffDelay, sleep, within } from '../src/app/backoff.ts';

describe('backoffDelay', () => {
  const b = { firstMs: 500, maxMs: 30_000 };
  it.each([
    // failures, random, wait
    [1, 1, 500],
    [1, 0, 250],
    [2, 1, 1000],
    [3, 1, 2000],
    [7, 1, 30_000],
    [50, 1, 30_000],
    [50, 0, 15_000],
    [0, 1, 500],
  ])('after %i failure(s) with random %d waits %i ms', (failures, random, wait) => {
    expect(backoffDelay(failures, b, () => random)).toBe(wait);
  });
});

describe('within', () => {
  it('says whether the work settled in time, rejected work included', async () => {
    expect(await within(Promise.resolve(), 50)).toBe(true);
    expect(await within(Promise.reject(new Error('x')), 50)).toBe(true);
    expect(await within(new Promise(() => {}), 20)).toBe(false);
  });

  it('sleep ends at once when aborted', async () => {
    const abort = new AbortController();
    const slept = sleep(60_000, abort.signal);
    abort.abort();
    expect(await within(slept, 1000)).toBe(true);
  });
});
