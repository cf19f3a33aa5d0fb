import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';

/** The playground's mrkdwn renderer (a browser script), loaded as the page loads it. */
function loadRenderer(): { mrkdwn: (t: string) => string; blocks: (b: unknown[]) => string } {
  const window: Record<string, unknown> = {};
  runInNewContext(readFileSync(new URL('../src/playground/public/mrkdwn.js', import.meta.url), 'utf8'), { window });
  return window.KbRender as ReturnType<typeof loadRenderer>;
}

describe('playground mrkdwn', () => {
  const r = loadRenderer();

  it('shows the emoji shortcodes kb-bot sends as emoji, as Slack does', () => {
    expect(r.mrkdwn(':red_circle: *prod-east* affected · :white_check_mark: staging')).toBe('🔴 <strong>prod-east</strong> affected · ✅ staging');
    // and the ones people type in an incident
    expect(r.mrkdwn('gorouters down :fire: :rotating_light:')).toBe('gorouters down 🔥 🚨');
    expect(r.blocks([{ type: 'header', text: { type: 'plain_text', text: ':large_orange_circle: depends', emoji: true } }])).toContain('🟠 depends');
  });

  it('leaves unknown shortcodes, times and code alone', () => {
    expect(r.mrkdwn('at 10:13:45 :not_an_emoji:')).toBe('at 10:13:45 :not_an_emoji:');
    expect(r.mrkdwn('```:red_circle:```')).toBe('<pre><code>:red_circle:</code></pre>');
  });

  it('escapes what users typed', () => {
    expect(r.mrkdwn('<script>alert(1)</script>')).not.toContain('<script>');
  });
});
