import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack signs with a timestamp; a request more than this far from now, either way, is refused. */
export const SIGNING_WINDOW_SECONDS = 5 * 60;

/** Why a request's signature headers are refused, before its body is read; null when they may be checked. */
export function signatureHeadersProblem(signature: unknown, timestamp: unknown, nowMs: number): string | null {
  if (typeof signature !== 'string' || !/^v0=[0-9a-f]{64}$/.test(signature)) return 'no Slack signature (x-slack-signature)';
  if (typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) return 'no Slack request timestamp (x-slack-request-timestamp)';
  const skew = Number(timestamp) - Math.floor(nowMs / 1000);
  if (skew < -SIGNING_WINDOW_SECONDS) return 'the request timestamp is more than 5 minutes old';
  if (skew > SIGNING_WINDOW_SECONDS) return 'the request timestamp is more than 5 minutes in the future';
  return null;
}

/** Whether `v0=hmac_sha256(secret, "v0:{timestamp}:{body}")` is the signature sent. Constant time. */
export function isSignedBySlack(secret: string, signature: string, timestamp: string, body: Buffer): boolean {
  const mac = createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest();
  const sent = Buffer.from(signature.slice(3), 'hex');
  return sent.length === mac.length && timingSafeEqual(sent, mac);
}
