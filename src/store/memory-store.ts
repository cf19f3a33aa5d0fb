/** Shared memory of what was already answered; in-process by default, Redis later. */
export interface Store {
  /** True the first time a key is claimed within `ttlMs`; false for every later claim. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Adds one to a counter and returns the new count. */
  incr(key: string): Promise<number>;
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

/** An in-memory store with expiry, bounded in size (oldest entries go first). */
export class MemoryStore implements Store {
  private readonly entries = new Map<string, { value: string; expires: number }>();
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
    return this.live(key) ?? null;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.put(key, value, ttlMs);
  }

  async incr(key: string): Promise<number> {
    const next = Number(this.live(key) ?? 0) + 1;
    this.put(key, String(next), 365 * 24 * 60 * 60 * 1000);
    return next;
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

  private live(key: string): string | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  private put(key: string, value: string, ttlMs: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
