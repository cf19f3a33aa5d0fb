import { Redis, ReplyError } from 'ioredis';
import type { Logger } from '@slack/bolt';
import { MAX_RANKED, MemoryStore, StoreUnavailable, type Ranked, type Store } from './memory-store.ts';
import { PendingWrites } from './pending-writes.ts';

export interface RedisStoreOptions {
  url: string;
  logger: Logger;
  /** Called when Redis goes down or comes back. */
  onHealth?: (up: boolean) => void;
  /** Key prefix, so several bots can share one Redis. */
  prefix?: string;
  /** A command slower than this counts as Redis being down (a hung server, a stopped process). */
  commandTimeoutMs?: number;
  /** While down but connected (hung), how often a PING checks whether it answers again. */
  probeMs?: number;
}

/**
 * Shared state on Redis, so that replicas behind a load balancer answer each
 * question once: claims are atomic `SET NX PX`. This replica's memory is kept
 * as well; when Redis cannot be reached — refused, closed, or hung (a command
 * times out while the connection looks open) — it is marked down, with one
 * log line per change, and every call is answered from memory at once (no
 * queueing, no waiting for each command to time out): a duplicate answer
 * across replicas is better than silence. The client reconnects by itself; a
 * hung server is probed with PING until it answers. Claims and values set
 * while it was down are written to Redis, with the time they have left,
 * before the store counts it as up again.
 */
export class RedisStore implements Store {
  private readonly redis: Redis;
  private readonly local = new MemoryStore();
  /** null until the first connection attempt says either way. */
  private up: boolean | null = null;
  private probe: NodeJS.Timeout | null = null;
  private lastReplyError = 0;
  /** What Redis did not get while it was down. */
  private readonly pending = new PendingWrites();
  private recovering = false;
  private closed = false;

  constructor(private readonly options: RedisStoreOptions) {
    this.redis = new Redis(options.url, {
      keyPrefix: options.prefix ?? 'kb-bot:',
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      commandTimeout: options.commandTimeoutMs ?? 500,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
      lazyConnect: false,
    });
    this.redis.on('ready', () => void this.recover('connected'));
    this.redis.on('end', () => this.health(false, 'connection ended'));
    this.redis.on('close', () => this.health(false, 'connection closed'));
    // Connection errors are followed by 'close'; the change is logged there, once.
    this.redis.on('error', () => undefined);
  }

  /** Whether Redis answered last; false while it is unreachable or hung. */
  get healthy(): boolean {
    return this.up === true;
  }

  /**
   * Claims in this replica's memory too, always: what it claimed while Redis
   * was unreachable (or not yet connected) stays claimed here, and is claimed
   * in Redis when it is back.
   */
  async claim(key: string, ttlMs: number): Promise<boolean> {
    if (!(await this.local.claim(key, ttlMs))) return false;
    return this.guard(
      async () => (await this.redis.set(key, '1', 'PX', ttlMs, 'NX')) === 'OK',
      async () => {
        this.keep(key, '1', ttlMs, true);
        return true;
      },
    );
  }

  async get(key: string): Promise<string | null> {
    return (await this.guard(() => this.redis.get(key), async () => null)) ?? this.local.get(key);
  }

  /** A value set while Redis is down is written there when it is back, over what Redis holds (it is the newer). */
  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.local.set(key, value, ttlMs);
    await this.guard(async () => void (await this.redis.set(key, value, 'PX', ttlMs)), async () => this.keep(key, value, ttlMs, false));
  }

  async swap(key: string, value: string, ttlMs: number): Promise<string | null> {
    const before = await this.local.swap(key, value, ttlMs);
    return this.guard(() => this.redis.set(key, value, 'PX', ttlMs, 'GET'), async () => before);
  }

  async incr(key: string, by = 1): Promise<number> {
    return this.guard(() => this.redis.incrby(key, by), () => this.local.incr(key, by));
  }

  async rank(key: string, member: string, by: number, ttlMs: number): Promise<number> {
    return this.guard(
      async () => {
        const replies = await this.redis.multi().zincrby(key, by, member).zremrangebyrank(key, 0, -(MAX_RANKED + 1)).pexpire(key, ttlMs).exec();
        const [error, score] = replies?.[0] ?? [new Error('the transaction was discarded')];
        if (error) throw error;
        return Number(score);
      },
      () => this.local.rank(key, member, by, ttlMs),
    );
  }

  async top(key: string, n: number): Promise<Ranked[]> {
    return this.guard(
      async () => {
        const flat = await this.redis.zrevrange(key, 0, n - 1, 'WITHSCORES');
        const out: Ranked[] = [];
        for (let i = 0; i + 1 < flat.length; i += 2) out.push({ member: flat[i] as string, score: Number(flat[i + 1]) });
        return out;
      },
      () => this.local.top(key, n),
    );
  }

  async push(key: string, value: string, max: number, ttlMs: number): Promise<void> {
    await this.guard(
      async () => {
        const error = (await this.redis.multi().lpush(key, value).ltrim(key, 0, max - 1).pexpire(key, ttlMs).exec())?.find(([e]) => e)?.[0];
        if (error) throw error;
      },
      () => this.local.push(key, value, max, ttlMs),
    );
  }

  async list(key: string): Promise<string[]> {
    return this.guard(() => this.redis.lrange(key, 0, -1), () => this.local.list(key));
  }

  /**
   * Durable maps are Redis hashes. Reads fall back to this replica's copy
   * (what it last read or wrote) while Redis is unreachable; writes then
   * throw StoreUnavailable, so the caller can say nothing was stored rather
   * than keep it where the other replicas never see it.
   */
  async mapSet(key: string, field: string, value: string): Promise<void> {
    await this.write(() => this.redis.hset(key, field, value));
    await this.local.mapSet(key, field, value);
  }

  async mapDelete(key: string, field: string): Promise<boolean> {
    const removed = await this.write(() => this.redis.hdel(key, field));
    await this.local.mapDelete(key, field);
    return removed > 0;
  }

  async mapGet(key: string, field: string): Promise<string | null> {
    return this.guard(async () => {
      const value = await this.redis.hget(key, field);
      if (value === null) await this.local.mapDelete(key, field);
      else await this.local.mapSet(key, field, value);
      return value;
    }, () => this.local.mapGet(key, field));
  }

  async mapEntries(key: string): Promise<Map<string, string>> {
    return this.guard(async () => {
      const entries = new Map(Object.entries(await this.redis.hgetall(key)));
      this.local.mapReplace(key, entries);
      return entries;
    }, () => this.local.mapEntries(key));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopProbe();
    this.redis.disconnect(false);
  }

  private async write<T>(remote: () => Promise<T>): Promise<T> {
    if (!this.up) throw new StoreUnavailable('Redis is unreachable; nothing was stored');
    try {
      return await remote();
    } catch (e) {
      this.options.logger.warn({ code: 'KB_REDIS' }, 'redis write failed', (e as Error).message);
      throw new StoreUnavailable(`Redis did not take the write (${(e as Error).message}); nothing was stored`);
    }
  }

  private async guard<T>(remote: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    if (this.up !== true) return local();
    try {
      return await remote();
    } catch (e) {
      if (e instanceof ReplyError) {
        // Redis answered, with an error (OOM, READONLY…): it is up; say so now and then, not per command.
        if (Date.now() - this.lastReplyError > 60_000) {
          this.lastReplyError = Date.now();
          this.options.logger.warn({ code: 'KB_REDIS' }, `redis answered with an error; using this replica's memory for such calls: ${(e as Error).message}`);
        }
      } else {
        this.health(false, (e as Error).message);
        this.startProbe();
      }
      return local();
    }
  }

  /** Remembers a write Redis did not get because it is down (not when it answered with an error). */
  private keep(key: string, value: string, ttlMs: number, nx: boolean): void {
    if (this.up !== true) this.pending.keep(key, value, ttlMs, nx);
  }

  /**
   * Redis answers again: writes what was kept for it, then counts it as up.
   * Until then calls still go to memory (and are kept too), so nothing falls
   * between. If Redis fails again meanwhile, what is left waits for the next
   * 'ready' or probe.
   */
  private async recover(why: string): Promise<void> {
    if (this.up === true || this.recovering) return;
    this.recovering = true;
    try {
      const written = await this.pending.flush(this.redis);
      this.health(true, why, written > 0 ? { written } : {});
    } catch {
      this.startProbe();
    } finally {
      this.recovering = false;
    }
  }

  /** A hung server keeps its connection open, so no 'ready' will come: ask it directly until it answers. */
  private startProbe(): void {
    if (this.probe || this.closed) return;
    this.probe = setInterval(() => {
      if (this.redis.status !== 'ready' || this.recovering) return; // reconnecting: 'ready' will say when it is back
      this.redis.ping().then(
        () => this.recover('answering again'),
        () => undefined,
      );
    }, this.options.probeMs ?? 1000);
    this.probe.unref();
  }

  private stopProbe(): void {
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
  }

  private health(up: boolean, why: string, fields: Record<string, unknown> = {}): void {
    if (up === this.up) return;
    this.up = up;
    if (up) this.stopProbe();
    this.options.logger[up ? 'info' : 'error']({ code: 'KB_REDIS', why, ...fields }, up ? 'redis is reachable' : 'redis is unreachable; de-duplication is per replica until it is back');
    this.options.onHealth?.(up);
  }
}
