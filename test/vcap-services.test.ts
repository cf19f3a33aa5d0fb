import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readVcapServices, withVcapServices } from '../src/server/read-vcap-services.ts';
import { readConfig } from '../src/server/read-config.ts';
import { FIXTURES } from './support/kb.ts';

/** VCAP_SERVICES as Cloud Foundry sets it, from fixtures shaped like real bindings. */
const vcap = (name: string) => readFileSync(join(FIXTURES, 'vcap', name), 'utf8');

describe('VCAP_SERVICES', () => {
  it.each([
    ['p-redis-tls.json', {}, 'rediss://:Zx9%23q%2FPw7%2Bk2@q-s0.redis-instance.dev-network.p-redis.bosh:16379'],
    ['p-redis-shared.json', {}, 'redis://:f4a1c0de-5b3a-4c7d-9e2f-6a1b8c3d5e70@10.0.8.15:6379'],
    ['two-redis.json', { KB_REDIS_SERVICE: 'kb-bot-state' }, 'redis://:b@redis-b.service.internal:6379'],
    ['two-redis.json', { KB_REDIS_SERVICE: 'external-redis' }, 'rediss://default:s3cr3t@redis.example.internal:6380'],
  ])('%s %j gives REDIS_URL %s', (file, extra, url) => {
    const r = readVcapServices({ VCAP_SERVICES: vcap(file), ...extra });
    expect(r.problems).toEqual([]);
    expect(r.env.REDIS_URL).toBe(url);
    expect(readConfig({ ...r.env }).redisUrl).toBe(url);
  });

  it('takes the Slack credentials from a user-provided service, and picks HTTP mode from them', () => {
    const { env, sources, problems } = withVcapServices({ VCAP_SERVICES: vcap('p-redis-tls.json'), PORT: '8080' });
    expect(problems).toEqual([]);
    const config = readConfig(env);
    expect(config).toMatchObject({ mode: 'http', botToken: 'xoxb-1111111111-2222222222222-AbCdEfGhIjKlMnOpQrStUvWx', signingSecret: '8f14e45fceea167a5a36dedd4bea2543', port: 8080, host: '0.0.0.0' });
    // The log line names where values came from, never the values.
    expect(sources).toEqual(['REDIS_URL from the service binding "kb-bot-redis"', 'SLACK_BOT_TOKEN from the service "kb-bot-slack"', 'SLACK_SIGNING_SECRET from the service "kb-bot-slack"']);
    expect(sources.join(' ')).not.toMatch(/xoxb-|8f14e45f|Zx9/);
  });

  it('lets variables set in the environment win over bindings', () => {
    const r = readVcapServices({ VCAP_SERVICES: vcap('p-redis-tls.json'), REDIS_URL: 'redis://mine:6379', SLACK_BOT_TOKEN: 'xoxb-mine' });
    expect(r.env.REDIS_URL).toBeUndefined();
    expect(r.env.SLACK_BOT_TOKEN).toBeUndefined();
    expect(r.env.SLACK_SIGNING_SECRET).toBe('8f14e45fceea167a5a36dedd4bea2543');
  });

  it.each([
    [{ VCAP_SERVICES: vcap('two-redis.json') }, 'several Redis services are bound (sessions, kb-bot-state, external-redis): set KB_REDIS_SERVICE'],
    [{ VCAP_SERVICES: vcap('two-redis.json'), KB_REDIS_SERVICE: 'nope' }, 'KB_REDIS_SERVICE is "nope", but no bound Redis service has that name (bound: sessions, kb-bot-state, external-redis)'],
    [{ VCAP_SERVICES: '{not json' }, 'VCAP_SERVICES is not a JSON object'],
    [{ VCAP_SERVICES: JSON.stringify({ 'p.redis': [{ name: 'broken', label: 'p.redis', credentials: { password: 'x' } }] }) }, 'the Redis binding "broken" has neither'],
  ])('names the problem: %j', (env, message) => {
    expect(readVcapServices(env).problems.join('\n')).toContain(message);
  });

  it('is nothing at all off Cloud Foundry', () => {
    expect(readVcapServices({})).toEqual({ env: {}, sources: [], problems: [] });
    expect(readVcapServices({ VCAP_SERVICES: '{}' })).toEqual({ env: {}, sources: [], problems: [] });
  });
});
