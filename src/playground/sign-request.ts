import { createHmac } from 'node:crypto';

/** Slack's request signature (v0) for a body, as Slack would send it. The clock comes in as a parameter. */
export function signRequest(secret: string, body: string, nowSeconds: number = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${nowSeconds}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(nowSeconds), 'x-slack-signature': signature };
}
