import type { OpsAccess } from './create-server.ts';
import type { Config } from './read-config.ts';

/**
 * Who may read /metrics and the detail of /readyz, on the main port and on
 * the metrics port (KB_METRICS_PORT): never open on a public address by
 * accident — a bearer token (KB_METRICS_TOKEN), a separate port, or loopback.
 */
export function opsAccess(config: Config): { main: OpsAccess; metricsPort: OpsAccess | null } {
  const token: OpsAccess | null = config.metricsToken ? { mode: 'token', token: config.metricsToken } : null;
  const loopback = ['127.0.0.1', '::1', 'localhost'].includes(config.host);
  const main: OpsAccess =
    token ??
    (config.metricsPort !== undefined
      ? { mode: 'closed', hint: 'served on KB_METRICS_PORT' }
      : loopback
        ? { mode: 'open' }
        : { mode: 'closed', hint: 'not served on a public port: set KB_METRICS_TOKEN or KB_METRICS_PORT' });
  return { main, metricsPort: config.metricsPort !== undefined ? (token ?? { mode: 'open' }) : null };
}
