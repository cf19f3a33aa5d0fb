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
}

/** Slack's answers that mean the token itself is wrong: retrying will not help, the operator must. */
const TOKEN_ERRORS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type']);

/**
 * Who the bot is (`auth.test`), asked until Slack answers: a Slack outage at
 * start-up delays the bot, it never leaves it deaf. Only a success is kept;
 * each failure is logged with when the next attempt is, and the wait doubles
 * (with jitter) up to `maxDelayMs`. A token Slack refuses is logged as the
 * operator's to fix, and still retried at the longest wait.
 */
export async function fetchBotIdentity(options: IdentityOptions): Promise<BotIdentity> {
  const client = new webApi.WebClient(options.token, {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    logger: options.logger,
    timeout: options.timeoutMs ?? 5000,
    // This loop is the retry policy; the client's own would wait half an hour.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  const first = options.firstDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  for (let attempt = 1; ; attempt++) {
    options.signal?.throwIfAborted();
    let reason: string;
    let tokenProblem = false;
    try {
      const r = await client.auth.test();
      if (r.ok && typeof r.user_id === 'string' && typeof r.bot_id === 'string') return { userId: r.user_id, botId: r.bot_id };
      reason = `auth.test answered without a bot user (${r.error ?? 'no user_id/bot_id'})`;
    } catch (e) {
      const data = (e as { data?: { error?: string } }).data;
      tokenProblem = data?.error !== undefined && TOKEN_ERRORS.has(data.error);
      reason = data?.error ?? (e as Error).message;
    }
    const delay = tokenProblem ? max : Math.min(max, first * 2 ** (attempt - 1)) * (0.8 + Math.random() * 0.4);
    options.onFailure?.(reason, attempt);
    if (tokenProblem) options.logger.error({ code: 'KB_SLACK_AUTH', attempt }, `Slack refused SLACK_BOT_TOKEN (${reason}): check the token; retrying in ${Math.round(delay / 1000)} s`);
    else options.logger.warn({ code: 'KB_SLACK_UNREACHABLE', attempt }, `cannot learn the bot's identity from Slack (${reason}); not ready, retrying in ${(delay / 1000).toFixed(1)} s`);
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
