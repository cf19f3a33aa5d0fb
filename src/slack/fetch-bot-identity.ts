import { webApi, type Logger } from '@slack/bolt';

export interface BotIdentity {
  userId: string;
  botId: string;
}

export interface IdentityOptions {
  token: string;
  slackApiUrl?: string;
  logger: Logger;
  /** Per attempt. */
  timeoutMs?: number;
  /** Stops waiting (shutdown during start-up). */
  signal?: AbortSignal;
  /** First wait, doubled after each failure up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Told of each failed attempt (readiness detail, tests). */
  onFailure?: (reason: string, attempt: number) => void;
  /** The Web API client's fetch (the proxy's, when HTTPS_PROXY is set). */
  fetch?: typeof fetch;
  /** One line for an operator from a Web API error (names the host, the network error, the variable). */
  describe?: (error: unknown) => { code: string; message: string } | undefined;
}

/** Slack's answers that mean the token itself is wrong: retrying will not help, the operator must. */
const TOKEN_ERRORS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type']);

/**
 * Who the bot is (`auth.test`), asked until Slack answers: a Slack outage at
 * start-up delays the bot, it never leaves it deaf. Only a success is kept;
 * each distinct problem is logged once (retries at debug), and the wait doubles
 * (with jitter) up to `maxDelayMs`. A token Slack refuses will not start
 * working by itself: that error is thrown (kb-bot start names the variable
 * and exits 2) instead of retried.
 */
export async function fetchBotIdentity(options: IdentityOptions): Promise<BotIdentity> {
  const client = new webApi.WebClient(options.token, {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    logger: options.logger,
    ...(options.fetch ? { fetch: options.fetch as unknown as webApi.FetchFunction } : {}),
    timeout: options.timeoutMs ?? 5000,
    // This loop is the retry policy; the client's own would wait half an hour.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  const reported = new Set<string>();
  const first = options.firstDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  for (let attempt = 1; ; attempt++) {
    options.signal?.throwIfAborted();
    let reason: string;
    let tokenProblem = false;
    let refused: unknown;
    let said: { code: string; message: string } | undefined;
    try {
      const r = await client.auth.test();
      if (r.ok && typeof r.user_id === 'string' && typeof r.bot_id === 'string') return { userId: r.user_id, botId: r.bot_id };
      reason = `auth.test answered without a bot user (${r.error ?? 'no user_id/bot_id'})`;
    } catch (e) {
      const data = (e as { data?: { error?: string } }).data;
      tokenProblem = data?.error !== undefined && TOKEN_ERRORS.has(data.error);
      refused = e;
      said = options.describe?.(e);
      reason = data?.error ?? (e as Error).message;
    }
    const delay = Math.min(max, first * 2 ** (attempt - 1)) * (0.8 + Math.random() * 0.4);
    options.onFailure?.(reason, attempt);
    if (tokenProblem) throw refused;
    // Each problem is said once, in the operator's words; the retries after it are debug lines.
    const line = said ?? { code: 'KB_SLACK_UNREACHABLE', message: `cannot learn the bot's identity from Slack (${reason}); not ready until it answers` };
    if (!reported.has(line.message)) {
      reported.add(line.message);
      options.logger.error({ code: line.code, attempt }, line.message);
    }
    options.logger.debug({ code: line.code, attempt }, `auth.test failed (${reason}); not ready, retrying in ${(delay / 1000).toFixed(1)} s`);
    await wait(delay, options.signal);
  }
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
