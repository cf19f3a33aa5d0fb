export interface Backoff {
  /** The wait after the first failure. */
  firstMs: number;
  /** The longest wait between two attempts. */
  maxMs: number;
}

export const SLACK_BACKOFF: Backoff = { firstMs: 500, maxMs: 30_000 };

/**
 * The wait before attempt `failures + 1`: doubling from `firstMs` up to
 * `maxMs`, each drawn between half and all of it so that replicas which lost
 * Slack together do not come back together.
 */
export function backoffDelay(failures: number, backoff: Backoff = SLACK_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Waits for `work` at most `ms`; true if it settled in time. Leaves no timer behind. */
export async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true, () => true), late]);
  } finally {
    clearTimeout(timer);
  }
}
