import { createHash } from 'node:crypto';
import type { Answer } from '../core/model/answer.ts';
import type { KnownBlock } from '../render/block-types.ts';

/** Everything an answer depends on. Two questions with equal keys get the same answer. */
export interface AnswerKey {
  /** The knowledge version the answer is computed from (a reload changes it). */
  version: string;
  /** The entry point: mention, dm, passive, command, share… */
  via: string;
  /** The text as answered (exactly; see `cacheText`). */
  text: string;
  /** The conversation the answer depends on (the thread's article, …), serialised; '' for none. */
  context: string;
}

/** A rendered reply, with its blocks serialised once for the Web API. */
export type RenderedReply<M extends { blocks: KnownBlock[] } = { text: string; blocks: KnownBlock[] }> = M & {
  /** `JSON.stringify(blocks)`: what chat.postMessage sends. */
  blocksJson: string;
};

/** What the cache keeps per question: the answer, and whatever else was derived with it (the parsed query). */
export interface Answered {
  answer: Answer;
}

/** Texts longer than this are keyed by their SHA-256, so a pasted dump does not sit in memory as a key. */
const HASH_OVER = 4096;

/**
 * The exact text, or a digest of it. Deliberately no other normalisation:
 * answer() reports line numbers and quotes the question, so trimming or
 * folding whitespace could change the answer; the one parser upstream (the
 * Query) is where equivalent phrasings should meet.
 */
export function cacheText(text: string): string {
  return text.length > HASH_OVER ? `sha256:${createHash('sha256').update(text).digest('base64')}` : text;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** A Map used as a least-recently-used list: re-inserting moves a key to the end. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, v: V): void {
    if (this.max <= 0) return;
    this.map.delete(key);
    this.map.set(key, v);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
  clear(): void {
    this.map.clear();
  }
  get size(): number {
    return this.map.size;
  }
}

/**
 * Answers and rendered replies, kept per knowledge version: in an incident
 * many people paste the same crash and ask the same question, and each time
 * would otherwise parse, match, search and render it again. Bounded (least
 * recently used entries go first); a new knowledge version empties it.
 *
 * Cached answers are deep-frozen: `answer()` hands out a frozen copy whose
 * `answer.notices` array may be appended to; anything else that would change
 * an answer must copy it first (a frozen object throws, so such a bug cannot
 * corrupt the cache).
 */
export class AnswerCache {
  private version = '';
  private readonly answers: Lru<Answered>;
  private readonly renders: Lru<RenderedReply<{ blocks: KnownBlock[] }>>;
  private readonly jsons: Lru<string>;
  hits = 0;
  misses = 0;
  /** The answers handed out, with their key and how many notices they had: rendering them needs no serialisation. */
  private issued = new WeakMap<Answer, { key: string; notices: number }>();

  constructor(readonly maxEntries = 500) {
    this.answers = new Lru(maxEntries);
    this.renders = new Lru(maxEntries);
    this.jsons = new Lru(maxEntries);
  }

  private at(version: string): void {
    if (version === this.version) return;
    this.version = version;
    this.answers.clear();
    this.renders.clear();
    this.jsons.clear();
    this.issued = new WeakMap();
  }

  /** The answer for `key` (with what was derived alongside it), computed once per knowledge version. */
  answer<T extends Answered>(key: AnswerKey, compute: () => T): T {
    this.at(key.version);
    const k = `${key.via}\u0000${key.context}\u0000${cacheText(key.text)}`;
    let a = this.answers.get(k) as T | undefined;
    if (a) this.hits++;
    else {
      this.misses++;
      a = deepFreeze(compute());
      this.answers.set(k, a);
    }
    // The copy is frozen too, but for its own `notices`, which may be appended to.
    const answer = Object.freeze({ ...a.answer, notices: [...a.answer.notices] });
    this.issued.set(answer, { key: k, notices: answer.notices.length });
    return { ...a, answer };
  }

  /**
   * The rendered reply for an answer. Rendering is pure, so the answer's own
   * content (with the options) is the key: an answer changed after it left
   * the cache (fewer traces for a passive reply, a notice added) is another key.
   */
  render<M extends { blocks: KnownBlock[] }>(version: string, a: Answer, options: object, compute: () => M): RenderedReply<M> {
    this.at(version);
    // An answer as handed out (notices as they were) is known by its key; any other by its content.
    const known = this.issued.get(a);
    const id = known && known.notices === a.notices.length ? `key:${known.key}` : JSON.stringify(a);
    const k = cacheText(`${JSON.stringify(options)}\u0000${id}`);
    let r = this.renders.get(k) as RenderedReply<M> | undefined;
    if (!r) {
      const m = compute();
      r = deepFreeze({ ...m, blocksJson: JSON.stringify(m.blocks) });
      this.renders.set(k, r);
    }
    return r;
  }

  /** `JSON.stringify(a)`, once per cached answer (a saved answer for its buttons is stored as JSON). */
  json(a: Answer): string {
    const known = this.issued.get(a);
    if (!known || known.notices !== a.notices.length) return JSON.stringify(a);
    let j = this.jsons.get(known.key);
    if (j === undefined) this.jsons.set(known.key, (j = JSON.stringify(a)));
    return j;
  }

  get size(): { answers: number; renders: number } {
    return { answers: this.answers.size, renders: this.renders.size };
  }
}
