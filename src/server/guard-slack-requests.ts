import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Logger } from '@slack/bolt';
import { SIGNING_WINDOW_SECONDS, isSignedBySlack, signatureHeadersProblem } from './verify-slack-signature.ts';
import { slackBodyProblem } from './slack-body-problem.ts';

export interface GuardOptions {
  signingSecret: string;
  logger: Logger;
  /** Origins a `response_url` may point to: Slack's hooks, and the API's when it is overridden. */
  responseOrigins: readonly string[];
  /** Whether the bot can take events yet (it knows who it is, it is not draining). */
  accepting: () => { ok: true } | { ok: false; status: number; error: string };
  /** Claims a key once across replicas (the Store); a replayed request finds it taken. */
  claim: (key: string, ttlMs: number) => Promise<boolean>;
  /** Counts refused requests by reason (metrics). */
  refused?: (reason: string) => void;
  maxBodyBytes?: number;
  /** Bytes all requests not yet verified may hold together. */
  maxPendingBytes?: number;
  bodyTimeoutMs?: number;
  now?: () => number;
}

/** Slack's SSL check is the one unsigned request it sends; it is tiny. */
const SSL_CHECK_MAX = 1024;
/** Bodies above this share only half of the pending budget, so big ones cannot crowd out Slack's small events. */
const BIG_BODY = 64 * 1024;

/**
 * What stands in front of Bolt's receiver on POST /slack/events: a request
 * without a well-formed, fresh (±5 minutes) Slack signature is refused before
 * its body is read; a body is read only within a size limit, a deadline and
 * a budget shared by every unverified request; the signature is checked on
 * the bytes; a body that is not a Slack request (JSON `null`, an array, a
 * shape no listener takes, a `response_url` to a foreign host — see
 * slackBodyProblem) is refused with 400; a request that was
 * already taken (the same signature and timestamp, on any replica) is acked
 * and not processed again; until the bot is ready, events get 503 so Slack
 * redelivers them. Only then does Bolt see it, with the body already read.
 */
export function guardSlackRequests(options: GuardOptions): (req: IncomingMessage, res: ServerResponse, next: (req: IncomingMessage, res: ServerResponse) => void) => void {
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const maxPending = options.maxPendingBytes ?? 32 * 1024 * 1024;
  const bodyTimeout = options.bodyTimeoutMs ?? 10_000;
  const now = options.now ?? Date.now;
  let pending = 0;
  let pendingBig = 0;
  const refuse = (res: ServerResponse, status: number, reason: string, error: string, headers: Record<string, string> = {}) => {
    options.refused?.(reason);
    if (res.headersSent) return void res.destroy();
    // Connection: close — the rest of a refused body is never read into memory.
    res.writeHead(status, { 'content-type': 'application/json', connection: 'close', ...headers });
    res.end(JSON.stringify({ error }));
  };

  return (req, res, next) => {
    const signature = req.headers['x-slack-signature'];
    const timestamp = req.headers['x-slack-request-timestamp'];
    const length = req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
    const headerProblem = signatureHeadersProblem(signature, timestamp, now());
    const sslCheck = headerProblem !== null && signature === undefined && isForm(req) && length !== null && length <= SSL_CHECK_MAX;
    if (headerProblem && !sslCheck) return refuse(res, 401, 'signature', headerProblem);
    if (length !== null && (!Number.isInteger(length) || length < 0)) return refuse(res, 400, 'length', 'a bad content-length');
    if (length !== null && length > maxBody) return refuse(res, 413, 'size', `the body is larger than ${maxBody} bytes`);
    // Reserve the declared size up front; a chunked body reserves as it arrives.
    const reserve = (n: number, big: boolean): boolean => {
      if (pending + n > maxPending || (big && pendingBig + n > maxPending / 2)) return false;
      pending += n;
      if (big) pendingBig += n;
      return true;
    };
    const declared = length ?? 0;
    const big = declared > BIG_BODY;
    if (!reserve(declared, big)) return refuse(res, 503, 'busy', 'too many requests are being read; retry', { 'retry-after': '1' });
    let held = declared;
    const release = () => {
      pending -= held;
      if (big) pendingBig -= held;
      held = 0;
    };
    readBody(req, maxBody, bodyTimeout, (n) => {
      if (n <= held) return true;
      const more = n - held;
      if (!reserve(more, big)) return false;
      held += more;
      return true;
    }).then(
      async (read) => {
        release();
        if ('error' in read) return refuse(res, read.status, read.reason, read.error);
        const body = read.body;
        if (sslCheck) {
          if (parseQuery(body.toString('utf8')).ssl_check === '1') return void res.writeHead(200).end();
          return refuse(res, 401, 'signature', headerProblem ?? 'unsigned');
        }
        if (!isSignedBySlack(options.signingSecret, signature as string, timestamp as string, body)) return refuse(res, 401, 'signature', 'the signature does not match the body');
        const shape = slackBodyProblem(body, isForm(req), options.responseOrigins);
        if (shape) {
          options.logger.warn({ code: 'KB_BAD_REQUEST' }, `a signed request was refused: ${shape}`);
          return refuse(res, 400, 'shape', shape);
        }
        const ready = options.accepting();
        if (!ready.ok) return refuse(res, ready.status, 'not-ready', ready.error, { 'retry-after': '1' });
        if (!(await options.claim(`request:${signature as string}`, 2 * SIGNING_WINDOW_SECONDS * 1000))) {
          options.logger.info({ code: 'KB_REPLAY' }, 'a request seen before (same signature and timestamp) was acknowledged and not processed again');
          options.refused?.('replay');
          res.writeHead(200, { 'content-type': 'application/json' });
          return void res.end('{}');
        }
        (req as IncomingMessage & { rawBody: Buffer }).rawBody = body;
        next(req, res);
      },
      (e: unknown) => {
        release();
        options.logger.warn({ code: 'KB_BAD_REQUEST' }, 'reading a request failed', e);
        refuse(res, 400, 'read', 'the request could not be read');
      },
    );
  };
}

type Read = { body: Buffer } | { error: string; status: number; reason: string };

/** Reads a body within a size limit, a deadline and a budget (`admit` says whether n bytes may be held). */
function readBody(req: IncomingMessage, max: number, timeoutMs: number, admit: (n: number) => boolean): Promise<Read> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: Read) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.off('data', onData);
      if ('error' in r) {
        // Whatever else arrives before the connection closes is discarded, never held.
        chunks.length = 0;
        req.resume();
      }
      resolve(r);
    };
    const timer = setTimeout(() => finish({ error: `the body did not arrive within ${timeoutMs} ms`, status: 408, reason: 'slow' }), timeoutMs);
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > max) return finish({ error: `the body is larger than ${max} bytes`, status: 413, reason: 'size' });
      if (!admit(size)) return finish({ error: 'too many requests are being read; retry', status: 503, reason: 'busy' });
      chunks.push(c);
    };
    req.on('data', onData);
    req.once('end', () => finish({ body: Buffer.concat(chunks, size) }));
    req.once('error', () => finish({ error: 'the request was cut off', status: 400, reason: 'read' }));
    req.once('close', () => finish({ error: 'the request was cut off', status: 400, reason: 'read' }));
  });
}

function isForm(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}
