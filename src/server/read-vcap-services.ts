/**
 * Cloud Foundry hands bound services to an app in VCAP_SERVICES: a JSON
 * object of service label → bindings, each `{ name, label, tags, credentials }`.
 * kb-bot takes two things from it:
 *
 * - Redis, from a binding labelled or tagged `redis` (Redis for VMware Tanzu's
 *   `p.redis`, the older `p-redis`, or a user-provided service): its
 *   `uri`/`url`, or `host`, `port` (`tls_port` when offered: TLS) and `password`.
 * - Slack credentials, from a user-provided service whose credentials hold
 *   SLACK_BOT_TOKEN (`cf cups kb-bot-slack -p '{"SLACK_BOT_TOKEN":"xoxb-…", …}'`),
 *   so tokens live in the service, not in the app's environment.
 *
 * With several candidates, KB_REDIS_SERVICE / KB_SLACK_SERVICE name the one to
 * use. A variable set in the environment always wins over a binding.
 */
export interface VcapSettings {
  /** Environment variables the bindings provide (REDIS_URL, SLACK_*). */
  env: Record<string, string>;
  /** Where each value came from, for the start-up log (never the values). */
  sources: string[];
  problems: string[];
}

interface Binding {
  name?: string;
  label?: string;
  tags?: string[];
  credentials?: Record<string, unknown>;
}

const SLACK_KEYS = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET'] as const;

export function readVcapServices(env: NodeJS.ProcessEnv = process.env): VcapSettings {
  const out: VcapSettings = { env: {}, sources: [], problems: [] };
  const raw = env.VCAP_SERVICES?.trim();
  if (!raw) return out;
  let services: Record<string, Binding[]>;
  try {
    services = JSON.parse(raw) as Record<string, Binding[]>;
    if (typeof services !== 'object' || services === null || Array.isArray(services)) throw new Error('not an object');
  } catch {
    out.problems.push('VCAP_SERVICES is not a JSON object of service bindings');
    return out;
  }
  const bindings = Object.entries(services).flatMap(([label, list]) => (Array.isArray(list) ? list.map((b) => ({ ...b, label: b.label ?? label })) : []));

  const redis = pick(bindings.filter(isRedis), env.KB_REDIS_SERVICE, 'Redis', 'KB_REDIS_SERVICE', out.problems);
  if (redis && !env.REDIS_URL) {
    const url = redisUrl(redis.credentials ?? {});
    if (url) {
      out.env.REDIS_URL = url;
      out.sources.push(`REDIS_URL from the service binding "${redis.name}"`);
    } else out.problems.push(`the Redis binding "${redis.name}" has neither a redis:// uri nor host and port in its credentials`);
  }

  const slack = pick(bindings.filter((b) => typeof b.credentials?.SLACK_BOT_TOKEN === 'string'), env.KB_SLACK_SERVICE, 'Slack', 'KB_SLACK_SERVICE', out.problems);
  if (slack) {
    for (const key of SLACK_KEYS) {
      const value = slack.credentials?.[key];
      if (typeof value === 'string' && value !== '' && !env[key]) {
        out.env[key] = value;
        out.sources.push(`${key} from the service "${slack.name}"`);
      }
    }
  }
  return out;
}

/** The environment with what the bindings provide added (variables already set win). */
export function withVcapServices(env: NodeJS.ProcessEnv = process.env): { env: NodeJS.ProcessEnv; sources: string[]; problems: string[] } {
  const vcap = readVcapServices(env);
  return { env: { ...env, ...vcap.env }, sources: vcap.sources, problems: vcap.problems };
}

function isRedis(b: Binding): boolean {
  return /redis/i.test(b.label ?? '') || (b.tags ?? []).some((t) => t.toLowerCase() === 'redis') || (b.label === 'user-provided' && /redis/i.test(b.name ?? ''));
}

/** The one binding to use: the named one, or the only candidate. */
function pick(candidates: Binding[], wanted: string | undefined, what: string, variable: string, problems: string[]): Binding | undefined {
  if (wanted) {
    const found = candidates.find((b) => b.name === wanted);
    if (!found) problems.push(`${variable} is "${wanted}", but no bound ${what} service has that name${candidates.length ? ` (bound: ${candidates.map((b) => b.name).join(', ')})` : ''}`);
    return found;
  }
  if (candidates.length > 1) {
    problems.push(`several ${what} services are bound (${candidates.map((b) => b.name).join(', ')}): set ${variable} to the name of the one kb-bot should use`);
    return undefined;
  }
  return candidates[0];
}

function redisUrl(c: Record<string, unknown>): string | undefined {
  for (const key of ['uri', 'url']) {
    const v = c[key];
    if (typeof v === 'string' && /^rediss?:\/\//.test(v)) return v;
  }
  const host = typeof c.host === 'string' ? c.host : typeof c.hostname === 'string' ? c.hostname : undefined;
  const tls = c.tls_port !== undefined && c.tls_port !== null && c.tls_port !== '';
  const port = Number(tls ? c.tls_port : c.port);
  if (!host || !Number.isInteger(port) || port <= 0) return undefined;
  const password = typeof c.password === 'string' && c.password !== '' ? `:${encodeURIComponent(c.password)}@` : '';
  return `${tls ? 'rediss' : 'redis'}://${password}${host.includes(':') ? `[${host}]` : host}:${port}`;
}
