export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

/** What Slack sends over a Socket Mode connection for one event, command or interaction. */
export interface Envelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: Record<string, unknown>;
  accepts_response_payload: boolean;
  retry_attempt: number;
  retry_reason: string;
}

/**
 * The envelope type and payload for a request Slack would POST to
 * /slack/events in HTTP mode (the bodies of slack-requests.ts): an event
 * callback as `events_api`, a slash command's form as a `slash_commands`
 * object, an interaction's `payload` field as `interactive`.
 */
export function envelopeFor(req: { body: string; type: string }): { type: EnvelopeType; payload: Record<string, unknown> } {
  if (req.type.includes('application/json')) return { type: 'events_api', payload: JSON.parse(req.body) as Record<string, unknown> };
  const form = new URLSearchParams(req.body);
  const interaction = form.get('payload');
  if (interaction !== null) return { type: 'interactive', payload: JSON.parse(interaction) as Record<string, unknown> };
  return { type: 'slash_commands', payload: Object.fromEntries(form) };
}

/** Slack expects a response payload in the ack of slash commands, view submissions and option requests. */
export function acceptsResponsePayload(type: EnvelopeType, payload: Record<string, unknown>): boolean {
  return type === 'slash_commands' || (type === 'interactive' && ['view_submission', 'block_suggestion'].includes(String(payload.type)));
}
