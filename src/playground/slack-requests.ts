import { randomUUID } from 'node:crypto';
import { signRequest } from './sign-request.ts';

export const TEAM = 'T0PLAYGRND';

/** Slack-shaped request bodies, as Slack sends them to /slack/events. */
export function eventBody(event: Record<string, unknown>, eventId = `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`): { body: string; type: string } {
  const body = JSON.stringify({ token: 'unused', team_id: TEAM, api_app_id: 'A0KBBOT', type: 'event_callback', event_id: eventId, event_time: Math.floor(Date.now() / 1000), event: { event_ts: event.ts, ...event } });
  return { body, type: 'application/json' };
}

export function commandBody(fields: { text: string; user_id: string; channel_id: string; response_url: string; command?: string }): { body: string; type: string } {
  const params = new URLSearchParams({ token: 'unused', team_id: TEAM, team_domain: 'playground', channel_name: 'incidents', user_name: 'oncall', api_app_id: 'A0KBBOT', trigger_id: randomUUID(), command: fields.command ?? '/kb', text: fields.text, user_id: fields.user_id, channel_id: fields.channel_id, response_url: fields.response_url });
  return { body: params.toString(), type: 'application/x-www-form-urlencoded' };
}

export function interactionBody(payload: Record<string, unknown>): { body: string; type: string } {
  return { body: new URLSearchParams({ payload: JSON.stringify({ team: { id: TEAM }, api_app_id: 'A0KBBOT', token: 'unused', trigger_id: randomUUID(), ...payload }) }).toString(), type: 'application/x-www-form-urlencoded' };
}

/** POSTs a signed request to the bot, as Slack does; `retry` sets X-Slack-Retry-Num. */
/** Slack gives up on a request not answered within 3 s (and retries it): its clients here do the same when asked to. */
export const SLACK_ACK_DEADLINE_MS = 3000;

export async function sendToBot(url: string, secret: string, req: { body: string; type: string }, retry?: number, options: { asSlack?: boolean } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': req.type, ...signRequest(secret, req.body) };
  if (retry !== undefined) {
    headers['x-slack-retry-num'] = String(retry);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return fetch(`${url}/slack/events`, { method: 'POST', headers, body: req.body, ...(options.asSlack ? { signal: AbortSignal.timeout(SLACK_ACK_DEADLINE_MS) } : {}) });
}
