import type { Dispatcher } from 'undici';

/** How kb-bot reaches Slack through an HTTP(S) proxy: one dispatcher, and a fetch that uses it. */
export interface ProxyTransport {
  /** For Socket Mode's WebSocket (Bolt's SocketModeReceiver `dispatcher`). */
  dispatcher: Dispatcher;
  /** For the Web API client (`clientOptions.fetch`) and file downloads. */
  fetch: typeof fetch;
  /** The proxies in use, credentials removed, for the start-up log. */
  describe: string;
}

/**
 * The proxy settings of the environment, as curl and most tools read them:
 * HTTPS_PROXY for https:// (and wss://) URLs — all of Slack —, HTTP_PROXY for
 * http:// ones (and for https:// when HTTPS_PROXY is unset), NO_PROXY a comma-
 * separated list of hosts, domains (`.corp.example`), host:port or `*` that
 * are reached directly. Lower-case names work too. Returns undefined when no
 * proxy is set: then Node's own fetch and connections are used, unchanged.
 * undici (Node's fetch engine, and what Socket Mode's WebSocket runs on) is
 * loaded only when a proxy is set.
 */
export async function proxyAgent(env: NodeJS.ProcessEnv = process.env): Promise<ProxyTransport | undefined> {
  const httpsProxy = env.HTTPS_PROXY ?? env.https_proxy ?? '';
  const httpProxy = env.HTTP_PROXY ?? env.http_proxy ?? '';
  if (!httpsProxy && !httpProxy) return undefined;
  for (const [name, value] of [['HTTPS_PROXY', httpsProxy], ['HTTP_PROXY', httpProxy]] as const) {
    if (value && !/^https?:\/\/[^/]+/.test(value)) throw new ProxyConfigError(`${name} must be a proxy URL such as http://proxy.corp.example:3128, not "${value}"`);
  }
  const { EnvHttpProxyAgent, fetch: undiciFetch } = await import('undici');
  const noProxy = env.NO_PROXY ?? env.no_proxy ?? '';
  const dispatcher = new EnvHttpProxyAgent({ httpProxy, httpsProxy, noProxy });
  const proxiedFetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher })) as unknown as typeof fetch;
  const parts = [httpsProxy && `https via ${hideCredentials(httpsProxy)}`, httpProxy && `http via ${hideCredentials(httpProxy)}`, noProxy && `direct for ${noProxy}`].filter(Boolean);
  return { dispatcher, fetch: proxiedFetch, describe: parts.join('; ') };
}

export class ProxyConfigError extends Error {
  readonly code = 'KB_CONFIG';
}

function hideCredentials(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = 'redacted';
      u.password = '';
    }
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}
