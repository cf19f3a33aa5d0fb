import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { acceptsResponsePayload, type Envelope, type EnvelopeType } from './socket-requests.ts';
import type { SocketLink } from './socket-link.ts';
import { Timers } from './timers.ts';

/** One delivery of a message on one connection, and its ack. A retry is a new delivery of the same message. */
export interface Delivery {
  envelope: Envelope;
  message: number;
  connection: number;
  sentAt: number;
  ackedAt?: number;
  /** What the bot sent back in its ack. */
  ackPayload?: unknown;
  /** The ack was dropped on purpose (lost on the way), so an event is retried. */
  lost?: boolean;
}

export interface Sent {
  message: number;
  /** The first delivery the bot acked; rejects if the message expired unacked. */
  acked: Promise<Delivery>;
}

interface Message {
  id: number;
  type: EnvelopeType;
  payload: Record<string, unknown>;
  attempts: number;
  /** The retry_reason of its next delivery, when it is a retry. */
  reason: string;
  done: boolean;
  settle: (d: Delivery | Error) => void;
}

/**
 * Slack's delivery of envelopes over Socket Mode: round-robin over the links
 * taking envelopes, held while there is none; each delivery's ack recorded
 * with its time; an event whose ack did not come within the deadline retried
 * (`retry_attempt`, `retry_reason`), a command or interaction not.
 */
export class EnvelopeQueue extends EventEmitter {
  readonly deliveries: Delivery[] = [];
  private readonly queue: Message[] = [];
  private readonly byEnvelope = new Map<string, { delivery: Delivery; message: Message }>();
  private readonly timers = new Timers();
  private acksToLose = 0;
  private turn = 0;
  private seq = 0;

  constructor(
    private readonly links: () => SocketLink[],
    private readonly options: { ackTimeoutMs?: number; maxRetries?: number } = {},
  ) {
    super();
  }

  send(type: EnvelopeType, payload: Record<string, unknown>, attempts = 0, reason = ''): Sent {
    let settle: (d: Delivery | Error) => void = () => {};
    const acked = new Promise<Delivery>((resolve, reject) => {
      settle = (d) => (d instanceof Error ? reject(d) : resolve(d));
    });
    acked.catch(() => {});
    const message: Message = { id: ++this.seq, type, payload, attempts, reason, done: false, settle };
    this.queue.push(message);
    this.flush();
    return { message: message.id, acked };
  }

  /** Sends a message again now as its next retry (as Slack does when an ack did not reach it), with its own ack. */
  redeliver(messageId: number, reason = 'timeout'): Sent {
    const last = this.deliveries.filter((x) => x.message === messageId).at(-1);
    if (!last) throw new Error(`message ${messageId} was never delivered`);
    return this.send(last.envelope.type, last.envelope.payload, last.envelope.retry_attempt + 1, reason);
  }

  /** Drops the bot's next `count` acks, as if lost on the way. */
  loseAcks(count = 1): void {
    this.acksToLose += count;
  }

  /** Delivers what is held, when a link takes envelopes. */
  flush(): void {
    while (this.queue.length > 0) {
      const open = this.links().filter((l) => l.accepting);
      if (open.length === 0) return;
      const target = open[this.turn++ % open.length]!;
      this.transmit(this.queue.shift()!, target);
    }
  }

  private transmit(message: Message, target: SocketLink): void {
    const envelope: Envelope = { envelope_id: randomUUID(), type: message.type, payload: message.payload, accepts_response_payload: acceptsResponsePayload(message.type, message.payload), retry_attempt: message.attempts, retry_reason: message.attempts > 0 ? message.reason : '' };
    const delivery: Delivery = { envelope, message: message.id, connection: target.record.id, sentAt: Date.now() };
    this.deliveries.push(delivery);
    this.byEnvelope.set(envelope.envelope_id, { delivery, message });
    target.send(envelope);
    this.emit('delivery', delivery);
    this.timers.later(this.options.ackTimeoutMs ?? 3000, () => {
      if (delivery.ackedAt !== undefined || message.done) return;
      if (message.type === 'events_api' && message.attempts < (this.options.maxRetries ?? 3)) {
        message.attempts++;
        message.reason = 'timeout';
        this.queue.push(message);
        this.flush();
      } else {
        message.done = true;
        message.settle(new Error(`${message.type} envelope of message ${message.id} was never acked`));
      }
    });
  }

  /** What the bot sent on a link: an ack. */
  onAck(text: string): void {
    let ack: { envelope_id?: string; payload?: unknown };
    try {
      ack = JSON.parse(text) as typeof ack;
    } catch {
      return;
    }
    const entry = this.byEnvelope.get(ack.envelope_id ?? '');
    if (!entry || entry.delivery.ackedAt !== undefined || entry.delivery.lost) return;
    if (this.acksToLose > 0) {
      this.acksToLose--;
      entry.delivery.lost = true;
      return;
    }
    entry.delivery.ackedAt = Date.now();
    entry.delivery.ackPayload = ack.payload;
    if (!entry.message.done) {
      entry.message.done = true;
      entry.message.settle(entry.delivery);
    }
    this.emit('ack', entry.delivery);
  }

  stop(): void {
    this.timers.clear();
  }
}
