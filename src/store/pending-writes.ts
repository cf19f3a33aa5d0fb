import { ReplyError, type Redis } from 'ioredis';

/** Writes kept while Redis is down; past this the oldest are dropped (a bound on memory). */
const MAX_PENDING = 100_000;

interface Pending {
  value: string;
  expires: number;
  /** A claim: written with NX, so a claim another replica made in Redis meanwhile stands. */
  nx: boolean;
}

/**
 * Claims and values a replica kept only in its memory while Redis was down,
 * to write there once it is back: claims with NX, values over what Redis
 * holds (it is the newer); each with the time it has left.
 */
export class PendingWrites {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly now: () => number = Date.now) {}

  keep(key: string, value: string, ttlMs: number, nx: boolean): void {
    this.pending.delete(key);
    this.pending.set(key, { value, expires: this.now() + ttlMs, nx });
    if (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value as string);
  }

  /**
   * Writes them all, those kept meanwhile too; returns how many were sent. A
   * write Redis refuses (OOM, READONLY) is dropped; one that fails because
   * Redis is down again throws, and what is left stays kept.
   */
  async flush(redis: Redis): Promise<number> {
    let sent = 0;
    while (this.pending.size > 0) {
      const batch = [...take(this.pending.entries(), 1000)];
      const now = this.now();
      await Promise.all(
        batch.map(async ([key, p]) => {
          const left = p.expires - now;
          try {
            if (left > 0) await (p.nx ? redis.set(key, p.value, 'PX', left, 'NX') : redis.set(key, p.value, 'PX', left));
          } catch (e) {
            if (!(e instanceof ReplyError)) throw e;
          }
          if (this.pending.get(key) === p) this.pending.delete(key);
          if (left > 0) sent++;
        }),
      );
    }
    return sent;
  }
}

function* take<T>(items: Iterator<T>, n: number): Generator<T> {
  for (let i = 0; i < n; i++) {
    const next = items.next();
    if (next.done) return;
    yield next.value;
  }
}
