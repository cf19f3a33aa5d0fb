import { parse as parseQuery } from 'node:querystring';

/** Request types Slack sends as JSON (Events API) and as `payload` (interactivity). */
const JSON_TYPES = new Set(['event_callback', 'url_verification', 'app_rate_limited']);
const PAYLOAD_TYPES = new Set(['block_actions', 'block_suggestion', 'message_action', 'shortcut', 'view_submission', 'view_closed', 'interactive_message', 'dialog_submission', 'dialog_cancellation']);
/** Event fields Slack always sends as strings, when it sends them. */
const EVENT_STRINGS = ['type', 'user', 'channel', 'ts', 'thread_ts', 'event_ts', 'text', 'channel_type', 'subtype', 'bot_id', 'tab'];
/** Slash command fields: one string each (a form can repeat a field). */
const COMMAND_STRINGS = ['command', 'text', 'user_id', 'channel_id', 'team_id', 'response_url', 'trigger_id'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Why a signed body is not a request kb-bot can take, or null. Parsed at the
 * edge, so listeners see Slack's shapes only: a JSON object of a type Slack
 * sends (an event with its string fields as strings), a slash command with
 * one string per field, or an interaction `payload` whose actions, user and
 * message are there. Anything else would fail in a listener or wait for an
 * acknowledgement no listener gives (3 s, then 404); it gets 400 at once.
 * Every `response_url` must point to one of `responseOrigins`.
 */
export function slackBodyProblem(body: Buffer, form: boolean, responseOrigins: readonly string[]): string | null {
  let parsed: unknown;
  try {
    if (form) {
      const fields = parseQuery(body.toString('utf8'));
      parsed = typeof fields.payload === 'string' ? JSON.parse(fields.payload) : fields;
      if (typeof fields.payload !== 'string') return commandProblem(fields) ?? urlProblem(fields, responseOrigins);
    } else {
      parsed = JSON.parse(body.toString('utf8'));
    }
  } catch {
    return 'the body is not valid JSON or form data';
  }
  if (!isObj(parsed)) return 'the body is not a JSON object';
  return (form ? payloadProblem(parsed) : eventProblem(parsed)) ?? urlProblem(parsed, responseOrigins);
}

function eventProblem(b: Obj): string | null {
  if (typeof b.type !== 'string' || !JSON_TYPES.has(b.type)) return `not a request type Slack sends (${String(b.type).slice(0, 40)})`;
  if (b.type !== 'event_callback') return null;
  if (!isObj(b.event)) return 'an event_callback with no event object';
  for (const k of EVENT_STRINGS) if (b.event[k] !== undefined && typeof b.event[k] !== 'string') return `event.${k} is not a string`;
  if (typeof b.event.type !== 'string') return 'an event with no type';
  if (b.event.files !== undefined && (!Array.isArray(b.event.files) || !b.event.files.every(isObj))) return 'event.files is not a list of file objects';
  if ((b.event.type === 'message' || b.event.type === 'app_mention') && (typeof b.event.channel !== 'string' || typeof b.event.ts !== 'string')) return `a ${b.event.type} event with no channel or ts`;
  return null;
}

function commandProblem(f: Obj): string | null {
  for (const k of COMMAND_STRINGS) if (f[k] !== undefined && typeof f[k] !== 'string') return `the command field ${k} is not one string`;
  if (typeof f.command !== 'string' || typeof f.user_id !== 'string' || typeof f.text !== 'string') return 'a form that is neither a slash command nor an interaction';
  return null;
}

function payloadProblem(p: Obj): string | null {
  if (typeof p.type !== 'string' || !PAYLOAD_TYPES.has(p.type)) return `not an interaction type Slack sends (${String(p.type).slice(0, 40)})`;
  if (!isObj(p.user) || typeof p.user.id !== 'string') return 'an interaction with no user';
  if (p.type === 'block_actions') {
    if (!Array.isArray(p.actions) || p.actions.length === 0 || !p.actions.every((a) => isObj(a) && typeof a.action_id === 'string')) return 'block_actions with no actions';
  }
  if (p.type === 'message_action' && (!isObj(p.message) || !isObj(p.channel) || typeof p.channel.id !== 'string')) return 'a message shortcut with no message or channel';
  return null;
}

function urlProblem(p: Obj, responseOrigins: readonly string[]): string | null {
  const urls = [p.response_url, ...(Array.isArray(p.response_urls) ? p.response_urls.map((u) => (isObj(u) ? u.response_url : u)) : [])];
  for (const u of urls) {
    if (u === undefined) continue;
    if (typeof u !== 'string') return 'a response_url that is not a string';
    let origin: string;
    try {
      origin = new URL(u).origin;
    } catch {
      return 'a response_url that is not a URL';
    }
    if (!responseOrigins.includes(origin)) return `a response_url to ${origin}, which is not Slack's`;
  }
  return null;
}
