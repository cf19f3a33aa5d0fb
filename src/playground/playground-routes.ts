import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BOT_USER_ID, type FakeSlackApi, type SlackCall } from './fake-slack-api.ts';
import { commandBody, eventBody, interactionBody, sendToBot } from './slack-requests.ts';
import { pageEvents, type ResponseTarget } from './page-events.ts';

const PAGE = new URL('./public/', import.meta.url);
const STATIC: Record<string, [string, string]> = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/playground.css': ['playground.css', 'text/css; charset=utf-8'],
  '/playground.js': ['playground.js', 'text/javascript; charset=utf-8'],
  '/mrkdwn.js': ['mrkdwn.js', 'text/javascript; charset=utf-8'],
  '/example-crash.log': ['example-crash.log', 'text/plain; charset=utf-8'],
  '/favicon.svg': ['favicon.svg', 'image/svg+xml'],
  '/favicon.ico': ['favicon.svg', 'image/svg+xml'],
};
export const USER = 'UONCALL001';
export const CHANNEL = 'C0INCIDENT';
export const DM = 'D0KBBOT001';
/** The largest request of the page's own (a message, a click); files are uploaded as bytes, not in it. */
const MAX_BODY = 25 * 1024 * 1024;
/** Slack takes files up to 1 GB. */
export const UPLOAD_MAX_BYTES = 1024 * 1024 * 1024;
/** What is kept of an upload past what the bot reads: enough for the bot to see that the file goes on. */
const KEPT_PAST_READ = 1024 * 1024;

/** How a Slack-shaped request reaches the bot: signed over HTTP, or as a Socket Mode envelope. */
export type SendToBot = (req: { body: string; type: string }) => Promise<{ ok: boolean; status: number }>;

/** Slack turns a longer paste into a text snippet (a file) instead of a message. */
const MAX_MESSAGE_CHARS = 40_000;
const LINK = /https?:\/\/[^\s<>|"]+/g;

/** How big the page's uploads may be. */
export interface UploadLimits {
  /** The most of a file the bot reads (its fileMaxBytes): past it, and a little more, an upload is counted, not kept. */
  botReads: number;
  /** The largest upload taken (default Slack's, UPLOAD_MAX_BYTES). */
  maxBytes?: number;
}

/** An attachment the page could not upload, as the page sends it with its message. */
interface Refused {
  name: string;
  size: number;
  error: string;
}

/**
 * The playground's own routes: the page, a server-sent event stream of what
 * the bot posts, uploads (raw bytes, streamed: `POST /playground/upload?name=`),
 * and endpoints that turn what the user does on the page into Slack-shaped
 * signed requests to the real bot.
 */
export function playgroundRoutes(fake: FakeSlackApi, botUrl: () => string, secret: string, send: SendToBot | undefined, limits: UploadLimits) {
  const maxUpload = limits.maxBytes ?? UPLOAD_MAX_BYTES;
  const streams = new Set<ServerResponse>();
  const responseTargets = new Map<string, ResponseTarget>();
  /** Uploaded files, by id, until a message shares them. */
  const uploads = new Map<string, Record<string, unknown>>();
  const tooBig = `not uploaded: Slack takes files up to ${sizeOf(maxUpload)}`;
  // One clock for the user's messages and the bot's: Slack's ts, real time, always increasing.
  const nextTs = () => fake.nextTs();
  const broadcast = (event: Record<string, unknown>) => {
    const line = `data: ${JSON.stringify(event)}\n\n`;
    for (const s of streams) s.write(line);
  };
  const responseUrl = (where: ResponseTarget) => {
    const id = randomUUID();
    responseTargets.set(id, where);
    return `${fake.url}/response/${id}`;
  };

  fake.on('call', (call: SlackCall) => {
    for (const event of pageEvents(call, (id) => responseTargets.get(id), nextTs)) broadcast(event);
  });

  const post: SendToBot = send ?? ((req) => sendToBot(botUrl(), secret, req));

  const handlers: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = {
    async send(body) {
      let text = String(body.text ?? '');
      const surface = body.surface === 'dm' ? 'dm' : 'channel';
      const channel = surface === 'dm' ? DM : CHANNEL;
      const threadTs = typeof body.threadTs === 'string' && body.threadTs !== '' ? body.threadTs : undefined;
      const ts = nextTs();
      // Files were uploaded first (see upload); the message names them by id.
      const files = (Array.isArray(body.files) ? body.files : []).flatMap((id) => {
        const f = uploads.get(String(id));
        uploads.delete(String(id));
        return f ? [f] : [];
      });
      const refused: Refused[] = (Array.isArray(body.refused) ? (body.refused as Record<string, unknown>[]) : []).map((r) => {
        const size = Number(r.size) || 0;
        return { name: String(r.name ?? 'file'), size, error: typeof r.error === 'string' ? r.error : size > maxUpload ? tooBig : 'not uploaded' };
      });
      const command = /^\/kb(?:\s|$)([\s\S]*)$/.exec(text.trim());
      if (!command && text.length > MAX_MESSAGE_CHARS) {
        files.unshift(fake.addFile('Pasted text.txt', text));
        text = '';
      }
      broadcast({ kind: 'message', from: 'user', channel, ts, threadTs, text, files: [...files.map((f) => ({ name: f.name, size: f.size })), ...refused] });
      // Only attachments that were not uploaded: the message shows, with why; Slack would post nothing.
      if (!command && text.trim() === '' && files.length === 0) return { ok: true, status: 200, ts };
      if (command) {
        const res = await post(commandBody({ text: (command[1] ?? '').trim(), user_id: USER, channel_id: channel, response_url: responseUrl({ channel, ...(threadTs ? { threadTs } : {}) }) }));
        return { ok: res.ok, status: res.status, ts };
      }
      const slackText = text.replace(/@kb-bot\b/g, `<@${BOT_USER_ID}>`).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(new RegExp(`&lt;@${BOT_USER_ID}&gt;`, 'g'), `<@${BOT_USER_ID}>`).replace(/(^|[\s(])(https?:\/\/[^\s<>|]+)/g, '$1<$2>');
      const base = { user: USER, text: slackText, ts, channel, ...(threadTs ? { thread_ts: threadTs } : {}), ...(files.length > 0 ? { files, subtype: 'file_share' } : {}) };
      const statuses: number[] = [];
      if (surface === 'channel' && slackText.includes(`<@${BOT_USER_ID}>`)) statuses.push((await post(eventBody({ type: 'app_mention', ...base }))).status);
      statuses.push((await post(eventBody({ type: 'message', channel_type: surface === 'dm' ? 'im' : 'channel', ...base }))).status);
      // Slack tells the app about links to its unfurl domains; here every link is told and the bot picks its own.
      const links = [...new Set(text.match(LINK) ?? [])].map((url) => ({ url, domain: new URL(url).hostname }));
      if (links.length > 0) statuses.push((await post(eventBody({ type: 'link_shared', channel, user: USER, message_ts: ts, ...(threadTs ? { thread_ts: threadTs } : {}), source: 'conversations_history', is_bot_user_member: true, links }))).status);
      return { ok: statuses.every((s) => s === 200), status: statuses[0], ts };
    },
    async action(body) {
      const channel = String(body.channel ?? CHANNEL);
      const threadTs = typeof body.threadTs === 'string' ? body.threadTs : undefined;
      const res = await post(interactionBody({
        type: 'block_actions',
        user: { id: USER },
        channel: { id: channel },
        container: { type: 'message', channel_id: channel, message_ts: body.messageTs, is_ephemeral: Boolean(body.ephemeral) },
        response_url: responseUrl({ channel, ...(threadTs ? { threadTs } : {}), ...(typeof body.messageTs === 'string' ? { messageTs: body.messageTs } : {}) }),
        actions: [{ type: 'button', action_id: String(body.actionId), value: body.value, block_id: String(body.blockId ?? 'b'), action_ts: nextTs() }],
      }));
      return { ok: res.ok, status: res.status };
    },
    async shortcut(body) {
      const channel = String(body.channel ?? CHANNEL);
      const res = await post(interactionBody({
        type: 'message_action',
        callback_id: 'kb_check_message',
        user: { id: USER },
        channel: { id: channel },
        message_ts: body.messageTs,
        message: { type: 'message', text: body.text, ts: body.messageTs, ...(body.threadTs ? { thread_ts: body.threadTs } : {}) },
        response_url: responseUrl({ channel }),
      }));
      return { ok: res.ok, status: res.status };
    },
    async home() {
      const res = await post(eventBody({ type: 'app_home_opened', user: USER, channel: DM, tab: 'home' }));
      return { ok: res.ok, status: res.status };
    },
    /** The user opens the DM (Slack's Messages tab): the bot may welcome them. */
    async dm() {
      const res = await post(eventBody({ type: 'app_home_opened', user: USER, channel: DM, tab: 'messages' }));
      return { ok: res.ok, status: res.status };
    },
  };

  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const file = STATIC[path];
    if (req.method === 'GET' && file) {
      let content: Buffer;
      try {
        content = readFileSync(new URL(file[0], PAGE));
      } catch {
        json(res, 404, { error: `${file[0]} is missing from the install` });
        return true;
      }
      res.writeHead(200, { 'content-type': file[1], 'cache-control': 'no-store' });
      res.end(content);
      return true;
    }
    if (req.method === 'GET' && path === '/playground/stream') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      req.socket.setTimeout(0); // open as long as the page is, quiet or not: not an idle connection
      res.write(`data: ${JSON.stringify({ kind: 'hello', user: USER, channel: CHANNEL, dm: DM, fileMaxBytes: limits.botReads, uploadMaxBytes: maxUpload })}\n\n`);
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return true;
    }
    if (req.method === 'POST' && path === '/playground/upload') {
      const name = new URL(req.url ?? '/', 'http://x').searchParams.get('name')?.trim() || 'file';
      const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim() || 'text/plain';
      readBody(req, limits.botReads + KEPT_PAST_READ, maxUpload).then(
        ({ kept, size }) => {
          if (size > maxUpload) return json(res, 413, { ok: false, name, size, error: tooBig });
          const file = fake.addFile(name, kept, type, /\.gz$/i.test(name) ? 'gzip' : 'text', { size });
          uploads.set(String(file.id), file);
          json(res, 200, { ok: true, id: file.id, name, size });
        },
        (e: Error) => json(res, 400, { ok: false, error: e.message }),
      );
      return true;
    }
    const handler = req.method === 'POST' && path.startsWith('/playground/') ? handlers[path.slice('/playground/'.length)] : undefined;
    if (!handler) return false;
    readJson(req).then(
      (body) => handler(body).then((r) => json(res, 200, r), (e: Error) => json(res, 502, { ok: false, error: e.message })),
      (e: Error & { status?: number }) => json(res, e.status ?? 400, { ok: false, error: e.message }),
    );
    return true;
  };
}

/**
 * Reads a request to its end, keeping its first `keep` bytes and counting
 * the rest. Past `max` nothing more is kept, but the body is still read: the
 * refusal is an answer the page can read, not a dropped connection.
 */
function readBody(req: IncomingMessage, keep: number, max = Infinity): Promise<{ kept: Buffer; size: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= max && kept < keep) {
        const part = c.subarray(0, keep - kept);
        chunks.push(part);
        kept += part.length;
      }
    });
    req.on('end', () => resolve({ kept: Buffer.concat(chunks), size }));
    req.on('error', reject);
    // After 'end' this changes nothing; before it, the sender went away.
    req.on('close', () => reject(new Error('the request was cut off')));
  });
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const { kept, size } = await readBody(req, MAX_BODY, MAX_BODY);
  if (size > MAX_BODY) throw Object.assign(new Error(`the message is ${sizeOf(size)}, more than the playground takes in one message (${sizeOf(MAX_BODY)}): attach it as a file`), { status: 413 });
  let v: unknown;
  try {
    v = JSON.parse(kept.toString('utf8') || '{}');
  } catch {
    throw new Error('the body is not JSON');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('expected a JSON object');
  return v as Record<string, unknown>;
}

/** "1.5 GB", "30.0 MB", "12 KB". */
function sizeOf(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
