import { Redis, ReplyError } from 'ioredis';
import type { Logger } from '@slack/bolt';
import { MemoryStore, type Store } from './memory-store.ts';

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
 * hung server is probed with PING until it answers.
 */
export class RedisStore implements Store {
  private readonly redis: Redis;
  private readonly local = new MemoryStore();
  /** null until the first connection attempt says either way. */
  private up: boolean | null = null;
  private probe: NodeJS.Timeout | null = null;
  private lastReplyError = 0;

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
    this.redis.on('ready', () => this.health(true, 'connected'));
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
   * was unreachable (or not yet connected) stays claimed when Redis is back.
   */
  async claim(key: string, ttlMs: number): Promise<boolean> {
    if (!(await this.local.claim(key, ttlMs))) return false;
    return this.guard(async () => (await this.redis.set(key, '1', 'PX', ttlMs, 'NX')) === 'OK', async () => true);
  }

  async get(key: string): Promise<string | null> {
    return (await this.guard(() => this.redis.get(key), async () => null)) ?? this.local.get(key);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.local.set(key, value, ttlMs);
    await this.guard(async () => void (await this.redis.set(key, value, 'PX', ttlMs)), async () => undefined);
  }

  async incr(key: string): Promise<number> {
    return this.guard(() => this.redis.incr(key), () => this.local.incr(key));
  }

  async close(): Promise<void> {
    this.stopProbe();
    this.redis.disconnect(false);
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

  /** A hung server keeps its connection open, so no 'ready' will come: ask it directly until it answers. */
  private startProbe(): void {
    if (this.probe) return;
    this.probe = setInterval(() => {
      if (this.redis.status !== 'ready') return; // reconnecting: 'ready' will say when it is back
      this.redis.ping().then(
        () => {
          this.stopProbe();
          this.health(true, 'answering again');
        },
        () => undefined,
      );
    }, this.options.probeMs ?? 1000);
    this.probe.unref();
  }

  private stopProbe(): void {
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
  }

  private health(up: boolean, why: string): void {
    if (up === this.up) return;
    this.up = up;
    if (up) this.stopProbe();
    this.options.logger[up ? 'info' : 'error']({ code: 'KB_REDIS', why }, up ? 'redis is reachable' : 'redis is unreachable; de-duplication is per replica until it is back');
    this.options.onHealth?.(up);
  }
}
