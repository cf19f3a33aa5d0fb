import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ACTIONS } from '../src/render/render-blocks.ts';
import { EXAMPLE_ACTION } from '../src/render/render-welcome.ts';
import { COMMAND } from '../src/slack/listeners/on-command.ts';
import { SHORTCUT } from '../src/slack/listeners/on-shortcut.ts';
import { unfurlDomains } from '../src/slack/article-for-url.ts';
import { realKb } from './support/kb.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8'));
const listenerSource = readdirSync(join(root, 'src/slack/listeners')).map((f) => readFileSync(join(root, 'src/slack/listeners', f), 'utf8')).join('\n');
const slackSource = readdirSync(join(root, 'src/slack')).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(root, 'src/slack', f), 'utf8')).join('\n') + listenerSource;

/** Events the code listens for, read from the listeners themselves. */
const listened = [...listenerSource.matchAll(/app\.event\('([a-z_]+)'/g)].map((m) => m[1]);

/** Scopes each Web API method and event needs (Slack's method and event reference pages). */
const SCOPES_FOR: [RegExp, string[]][] = [
  [/client\.chat\.(?:postMessage|postEphemeral|update|delete)\(|client\.assistant\.threads\.setStatus\(/, ['chat:write']],
  [/client\.chat\.unfurl\(/, ['links:write']],
  [/app\.event\('link_shared'/, ['links:read']],
  [/client\.assistant\.threads\.setSuggestedPrompts\(|app\.event\('assistant_thread_started'/, ['assistant:write']],
  [/app\.event\('app_mention'/, ['app_mentions:read']],
  [/app\.command\(/, ['commands']],
  [/app\.event\('message'/, ['channels:history', 'groups:history', 'im:history']],
  [/downloadFile\(/, ['files:read']],
];

describe('manifest.yml is the app as it really is', () => {
  it('subscribes to exactly the events the listeners handle', () => {
    const events = manifest.settings.event_subscriptions.bot_events as string[];
    const asListened = [...new Set(events.map((e) => (e.startsWith('message.') ? 'message' : e)))].sort();
    expect(asListened).toEqual([...new Set(listened)].sort());
  });

  it('declares the command and the shortcut the code registers', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([COMMAND]);
    expect(manifest.features.shortcuts.map((s: { callback_id: string }) => s.callback_id)).toEqual([SHORTCUT]);
    expect(listenerSource).toContain('app.command(COMMAND');
    expect(listenerSource).toContain('app.shortcut<MessageShortcut>(SHORTCUT');
  });

  it('registers a listener for every action the renderers emit', () => {
    for (const key of Object.keys(ACTIONS)) expect(listenerSource).toContain(`ACTIONS.${key}`);
    expect(listenerSource).toContain('`^${EXAMPLE_ACTION}_\\\\d+$`');
    expect(EXAMPLE_ACTION).toBe('kb_example');
  });

  it('asks for exactly the scopes the code needs, and no more', () => {
    const needed = new Set(SCOPES_FOR.flatMap(([pattern, scopes]) => (pattern.test(slackSource) ? scopes : [])));
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['app_mentions:read', 'assistant:write', 'channels:history', 'chat:write', 'commands', 'files:read', 'groups:history', 'im:history', 'links:read', 'links:write']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it('registers the knowledge\'s article hosts for unfurls, and is an assistant (suggested prompts)', () => {
    expect([...manifest.features.unfurl_domains].sort()).toEqual(unfurlDomains(realKb()));
    expect(manifest.features.unfurl_domains.length).toBeGreaterThan(0);
    // Slack allows at most five unfurl domains per app.
    expect(manifest.features.unfurl_domains.length).toBeLessThanOrEqual(5);
    expect(typeof manifest.features.assistant_view.assistant_description).toBe('string');
  });
});
