/** Shared memory of what was already answered; in-process by default, Redis with several replicas. */
export interface Store {
  /** True the first time a key is claimed within `ttlMs`; false for every later claim. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Sets a value and returns the one it replaced (null when there was none), in one step. */
  swap(key: string, value: string, ttlMs: number): Promise<string | null>;
  /** Adds `by` (default 1, may be negative) to a counter and returns the new count. */
  incr(key: string, by?: number): Promise<number>;
  /**
   * Adds `by` to a member's score in a ranked set and returns the new score;
   * the set keeps its `MAX_RANKED` best members and lives `ttlMs` after its last change.
   */
  rank(key: string, member: string, by: number, ttlMs: number): Promise<number>;
  /** The `n` best members of a ranked set, best first. */
  top(key: string, n: number): Promise<Ranked[]>;
  /** Adds a value at the front of a list that keeps its newest `max` values and lives `ttlMs` after its last change. */
  push(key: string, value: string, max: number, ttlMs: number): Promise<void>;
  /** A list, newest first. */
  list(key: string): Promise<string[]>;
  /**
   * A small durable map under `key` (channel subscriptions, foundations stored
   * from Slack): no expiry, never evicted. Writes throw `StoreUnavailable`
   * when they cannot be kept where every replica sees them.
   */
  mapSet(key: string, field: string, value: string): Promise<void>;
  /** True when the field was there. */
  mapDelete(key: string, field: string): Promise<boolean>;
  mapGet(key: string, field: string): Promise<string | null>;
  mapEntries(key: string): Promise<Map<string, string>>;
}

/** A durable write that could not be made (Redis unreachable): nothing was stored. */
export class StoreUnavailable extends Error {
  readonly code = 'KB_STORE_DOWN';
}

export interface Ranked {
  member: string;
  score: number;
}

/** A ranked set keeps this many members (the best); a bound on memory, not a feature. */
export const MAX_RANKED = 500;
const YEAR = 365 * 24 * 60 * 60 * 1000;

type Value = string | Map<string, number> | string[];

/** An in-memory store with expiry, bounded in size (oldest entries go first). */
export class MemoryStore implements Store {
  private readonly entries = new Map<string, { value: Value; expires: number }>();
  /** Durable maps live apart from the expiring entries, so a burst of claims never evicts them. */
  private readonly maps = new Map<string, Map<string, string>>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 100_000,
  ) {}

  async claim(key: string, ttlMs: number): Promise<boolean> {
    if (this.live(key) !== undefined) return false;
    this.put(key, '1', ttlMs);
    return true;
  }

  async get(key: string): Promise<string | null> {
    const v = this.live(key);
    return typeof v === 'string' ? v : null;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.put(key, value, ttlMs);
  }

  async swap(key: string, value: string, ttlMs: number): Promise<string | null> {
    const before = await this.get(key);
    this.put(key, value, ttlMs);
    return before;
  }

  async incr(key: string, by = 1): Promise<number> {
    const next = Number((await this.get(key)) ?? 0) + by;
    this.put(key, String(next), YEAR);
    return next;
  }

  async rank(key: string, member: string, by: number, ttlMs: number): Promise<number> {
    const current = this.live(key);
    const scores = current instanceof Map ? current : new Map<string, number>();
    const score = (scores.get(member) ?? 0) + by;
    scores.set(member, score);
    if (scores.size > MAX_RANKED) {
      const worst = [...scores.entries()].reduce((a, b) => (b[1] < a[1] ? b : a));
      scores.delete(worst[0]);
    }
    this.put(key, scores, ttlMs);
    return score;
  }

  async top(key: string, n: number): Promise<Ranked[]> {
    const v = this.live(key);
    if (!(v instanceof Map)) return [];
    return [...v.entries()]
      .map(([member, score]) => ({ member, score }))
      .sort((a, b) => b.score - a.score || a.member.localeCompare(b.member))
      .slice(0, n);
  }

  async push(key: string, value: string, max: number, ttlMs: number): Promise<void> {
    const v = this.live(key);
    const items = Array.isArray(v) ? v : [];
    items.unshift(value);
    items.length = Math.min(items.length, max);
    this.put(key, items, ttlMs);
  }

  async list(key: string): Promise<string[]> {
    const v = this.live(key);
    return Array.isArray(v) ? [...v] : [];
  }

  async mapSet(key: string, field: string, value: string): Promise<void> {
    const map = this.maps.get(key) ?? new Map<string, string>();
    map.set(field, value);
    this.maps.set(key, map);
  }

  async mapDelete(key: string, field: string): Promise<boolean> {
    return this.maps.get(key)?.delete(field) ?? false;
  }

  async mapGet(key: string, field: string): Promise<string | null> {
    return this.maps.get(key)?.get(field) ?? null;
  }

  async mapEntries(key: string): Promise<Map<string, string>> {
    return new Map(this.maps.get(key) ?? []);
  }

  /** Replaces a whole map (a replica's copy of what Redis holds). */
  mapReplace(key: string, entries: Map<string, string>): void {
    this.maps.set(key, new Map(entries));
  }

  private live(key: string): Value | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  private put(key: string, value: Value, ttlMs: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
