import type { Logger } from '@slack/bolt';

/** What a first call to Slack found. */
export type SlackContact = 'ok' | 'refused' | 'unreachable' | 'error';

const REFUSED = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type', 'missing_scope', 'team_disabled']);

export interface SlackErrorContext {
  /** The variable that holds the token the call used (SLACK_BOT_TOKEN, SLACK_APP_TOKEN). */
  variable: string;
  /** The Web API base URL (SLACK_API_URL, or Slack's own). */
  apiUrl: string;
}

/**
 * One line for an operator from an error of Slack's Web API client: a refused
 * token names its variable and where to find a good one; a Slack that cannot
 * be reached names the host, the network error and the proxy settings.
 * Undefined for errors that are not Slack's.
 */
export function describeSlackError(error: unknown, context: SlackErrorContext): { kind: Exclude<SlackContact, 'ok'>; code: string; message: string } | undefined {
  const e = error as { code?: string; data?: { error?: string }; statusCode?: number; original?: unknown };
  const host = hostOf(context.apiUrl);
  switch (e?.code) {
    case 'slack_webapi_platform_error': {
      const reason = e.data?.error ?? 'unknown_error';
      if (REFUSED.has(reason)) {
        const where = context.variable === 'SLACK_APP_TOKEN' ? 'the app-level token (xapp-…, with connections:write) under "Basic Information → App-Level Tokens"' : 'the Bot User OAuth Token (xoxb-…) under "OAuth & Permissions"';
        return { kind: 'refused', code: 'KB_SLACK_AUTH', message: `Slack refused ${context.variable} (${reason}): set it to ${where} of your app at api.slack.com/apps, and reinstall the app if the token was revoked` };
      }
      return { kind: 'error', code: 'KB_SLACK_API', message: `Slack at ${host} answered "${reason}"` };
    }
    case 'slack_webapi_request_error':
      return {
        kind: 'unreachable',
        code: 'KB_SLACK_UNREACHABLE',
        message: `cannot reach Slack at ${host} (${networkCode(e.original)}): check DNS and the network from this host, HTTPS_PROXY/NO_PROXY if Slack is reached through a proxy, and SLACK_API_URL if it is set`,
      };
    case 'slack_webapi_http_error':
      return { kind: 'unreachable', code: 'KB_SLACK_UNREACHABLE', message: `Slack at ${host} answered HTTP ${e.statusCode}: is SLACK_API_URL (or a proxy in between) right?` };
    default:
      return undefined;
  }
}

/**
 * The first contact at start-up: one `auth.test` with the bot token. A
 * refused token means the bot cannot answer anyone (the caller exits); an
 * unreachable Slack is reported and the bot keeps running (the Web API client
 * retries each call). The caller reports the problem in one clear line.
 */
export async function checkSlack(
  authTest: () => Promise<{ team?: string; user?: string }>,
  context: SlackErrorContext,
  logger: Logger,
): Promise<{ contact: SlackContact; problem?: { code: string; message: string } }> {
  try {
    const who = await authTest();
    logger.info({ code: 'KB_SLACK_OK', team: who.team, user: who.user }, `connected to Slack as ${who.user ?? 'the bot'} in ${who.team ?? 'the workspace'}`);
    return { contact: 'ok' };
  } catch (e) {
    const described = describeSlackError(e, context);
    if (!described) return { contact: 'error', problem: { code: 'KB_SLACK_API', message: `the first call to Slack failed: ${(e as Error).message}` } };
    return { contact: described.kind, problem: { code: described.code, message: described.message } };
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The network error's code (ECONNREFUSED, ENOTFOUND, …) from the error or its causes, else the innermost message. */
function networkCode(error: unknown): string {
  let e = error as { code?: unknown; cause?: unknown; message?: string } | undefined;
  let innermost = (error as Error | undefined)?.message ?? 'network error';
  for (let depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(e.code)) return e.code;
    if (typeof e.message === 'string' && e.message !== '') innermost = e.message;
    e = e.cause as typeof e;
  }
  return innermost;
}
