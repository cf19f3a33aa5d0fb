import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startHarness, SEED, type Harness } from './support/slack-harness.ts';
import { eventBody } from '../src/playground/slack-requests.ts';
import { BOT_USER_ID } from '../src/playground/fake-slack-api.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);
const EXAMPLE = readFileSync(join(root, 'examples/gorouter.stderr.log'), 'utf8');
/** Log lines from the example's noise, repeated: a real-looking file of any length. */
const NOISE = EXAMPLE.split('\n').slice(0, 2001);
const noise = (lines: number, pad = 0) => Array.from({ length: lines }, (_, i) => `${NOISE[i % NOISE.length]}${' '.repeat(pad)}`).join('\n');

let h: Harness;
let dir: string;
let n = 0;
beforeAll(async () => {
  h = await startHarness({ fileMaxBytes: 2 * 1024 * 1024 });
  dir = mkdtempSync(join(tmpdir(), 'kb-lines-'));
});
afterAll(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** What the CLI says about one file: its evidence labels, in order ("line 2002", "excerpt at byte 449,343, line 1"). */
async function cliLabels(name: string, content: string): Promise<string[]> {
  const path = join(dir, `${++n}-${name}`);
  writeFileSync(path, content);
  const { stdout } = await run(process.execPath, [join(root, 'bin/kb-bot.js'), 'match', path], { cwd: root });
  return [...stdout.matchAll(/^ {4}((?:excerpt at byte [\d,]+, )?line \d+):/gm)].map((m) => m[1] as string);
}

/** The CLI's label as kb-bot says it in Slack, naming the file: "app.log line 2,002", "big.log, excerpt at byte …". */
const inSlack = (name: string, label: string) =>
  label.startsWith('excerpt') ? `${name}, ${label}` : `${name} line ${Number(label.slice('line '.length)).toLocaleString('en-US')}`;

describe('evidence from uploaded files names the file and its own line numbers, as the CLI does', () => {
  it.each([
    ['a DM of two lines and the example log (crash on line 2,002)', 'dm', 'what is this?\nit crashed twice last night', [['gorouter.stderr.log', EXAMPLE]]],
    ['a mention with a log without the crash, then the one with it', 'mention', `<@${BOT_USER_ID}> which issue is this?`, [['router.log', noise(40)], ['app.log', `${noise(17)}\n${SEED}`]]],
    ['a DM with a log larger than is parsed whole (scanned in excerpts)', 'dm', '', [['big.log', `${noise(1900, 120)}\n${SEED}`]]],
  ] as const)('%s', async (_, surface, text, files) => {
    const crashed = files[files.length - 1] as readonly [string, string];
    const expected = (await cliLabels(crashed[0], crashed[1])).map((l) => inSlack(crashed[0], l));
    expect(expected.length).toBeGreaterThan(3);
    const ts = `1700005${String(++n).padStart(3, '0')}.000100`;
    const channel = surface === 'dm' ? 'D0LINES' : 'C0LINES';
    const uploaded = files.map(([name, content]) => h.fake.addFile(name, content));
    const before = h.fake.of('chat.postMessage').length;
    const event = { user: 'U0LINES', text, ts, channel, files: uploaded, subtype: 'file_share' };
    await h.send(eventBody(surface === 'dm' ? { type: 'message', channel_type: 'im', ...event } : { type: 'app_mention', ...event }));
    const [reply] = (await h.fake.waitFor('chat.postMessage', before + 1)).slice(before);
    const why = JSON.stringify(reply?.args.blocks);
    for (const label of expected) expect(why).toContain(`${label}:`);
    expect(why).not.toMatch(/"line \d/);
  });
});
