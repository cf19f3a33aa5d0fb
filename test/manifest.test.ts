import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ACTIONS } from '../src/render/render-blocks.ts';
import { COMMAND } from '../src/slack/listeners/on-command.ts';
import { SHORTCUT } from '../src/slack/listeners/on-shortcut.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8'));
const listenerSource = readdirSync(join(root, 'src/slack/listeners')).map((f) => readFileSync(join(root, 'src/slack/listeners', f), 'utf8')).join('\n');

/** Events the code listens for, read from the listeners themselves. */
const listened = [...listenerSource.matchAll(/app\.event\('([a-z_]+)'/g)].map((m) => m[1]);

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

  it('registers a listener for every action the renderer emits', () => {
    for (const key of Object.keys(ACTIONS)) expect(listenerSource).toContain(`ACTIONS.${key}`);
  });

  it('asks for the least privilege the listeners need', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'files:read', 'groups:history', 'im:history']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
