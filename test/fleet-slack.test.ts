import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHarness, type Harness } from './support/slack-harness.ts';
import { commandBody, eventBody } from '../src/playground/slack-requests.ts';
import { BOT_USER_ID } from '../src/playground/fake-slack-api.ts';
import { checkFleetChanges, fleetChecksDone, startFleetNotifier } from '../src/slack/notify-changes.ts';
import { MemoryStore } from '../src/store/memory-store.ts';
import { readConfig } from '../src/server/read-config.ts';
import { BAD_INVENTORIES, fleetKb, inventory, NEW_ARTICLES, fleetKnowledgeCopy } from './support/fleet-kb.ts';
import { copyFileSync } from 'node:fs';
import type { SlackCall } from '../src/playground/fake-slack-api.ts';

let h: Harness; // KB_FLEET_WRITABLE on
let ro: Harness; // off
beforeAll(async () => {
  const kb = fleetKb();
  h = await startHarness({ kb: () => kb, fleetWritable: true, fileMaxBytes: 64 * 1024 });
  ro = await startHarness({ kb: () => kb, fake: h.fake });
});
afterAll(async () => {
  await ro.close();
  await h.close();
});

let n = 0;
const ts = () => `1720000${String(++n).padStart(3, '0')}.000100`;
const textOf = (call: SlackCall) => `${JSON.stringify(call.args.blocks ?? '')}\n${String(call.args.text ?? '')}`;

/** Sends `/kb <text>` and returns the ephemeral answer posted to its response_url. */
async function kb(text: string, harness = h, channel = 'CFLEET'): Promise<string> {
  const id = `r${++n}`;
  const res = await harness.send(commandBody({ text, user_id: 'U1', channel_id: channel, response_url: `${h.fake.url}/response/${id}` }));
  expect(res.status).toBe(200);
  await h.fake.waitFor('response_url', h.fake.of('response_url').length + 1).catch(() => undefined);
  for (let i = 0; i < 200; i++) {
    const c = h.fake.calls.find((x) => x.path === `/response/${id}`);
    if (c) {
      expect(c.args.response_type).toBe('ephemeral');
      return textOf(c);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no answer to /kb ${text}`);
}

/** Sends a mention and returns the threaded reply. */
async function mention(text: string, files: unknown[] = []): Promise<SlackCall> {
  const t = ts();
  const before = h.fake.of('chat.postMessage').length;
  await h.send(eventBody({ type: 'app_mention', user: 'U2', text: `<@${BOT_USER_ID}> ${text}`, ts: t, channel: 'CINC', files }));
  const posts = await h.fake.waitFor('chat.postMessage', before + 1);
  const reply = posts.slice(before).find((p) => p.args.channel === 'CINC')!;
  expect(reply.args.thread_ts).toBe(t);
  return reply;
}

describe('/kb fleet on three foundations', () => {
  it('answers which foundations are affected, worst first, with the fix', async () => {
    const a = await kb('fleet');
    expect(a).toContain('3 of 3 foundations are affected by 3 known issues — lab, prod-east, prod-west.');
    expect(a).toMatch(/\*prod-east\* · production · owner <#C0PRODEAST>/);
    expect(a).toContain('TAS 2.13.20: *affected* — upgrade to 2.13.34');
    expect(a).toContain('IST 2.13.16: *affected* — upgrade to 2.13.31');
    expect(a).toContain('routing-release 0.280.0: *affected* — upgrade to 0.288.0');
    expect(a).toMatch(/Unknown for CVE-2026-22723, routing-0\.262\.0/);
    expect(a.indexOf('*lab*')).toBeLessThan(a.indexOf('*prod-east*'));
  });

  it.each(['fleet 298398', 'fleet --article 298398', 'fleet KB 298398', 'fleet article kb298398'])('/kb %s answers one article for every foundation', async (text) => {
    const a = await kb(text);
    expect(a).toContain('KB 298398: 2 of 3 foundations are affected — lab, prod-east.');
    expect(a).toContain('TAS 4.0.16+LTS-T: fixed');
    expect(a).toContain('*Fix:* The fix serialises');
  });

  it('/kb fleet prod-west answers one foundation', async () => {
    const a = await kb('fleet prod-west');
    expect(a).toContain('1 of 1 foundation is affected by 1 known issue — prod-west.');
    expect(a).not.toContain('prod-east');
  });

  it('/kb fleet <neither> says what it knows', async () => {
    const a = await kb('fleet 999999');
    expect(a).toContain('"999999" is neither an article kb-bot knows nor a foundation on record (foundations: prod-east, prod-west, lab)');
  });

  it('App Home shows the fleet\'s exposure table', async () => {
    const before = h.fake.of('views.publish').length;
    await h.send(eventBody({ type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home' }));
    const views = await h.fake.waitFor('views.publish', before + 1);
    const home = JSON.stringify(views.at(-1)!.args.view);
    expect(home).toContain('*Fleet exposure*');
    expect(home).toMatch(/\*prod-east\* _production_ — :red_circle: affected by 2 \(KB 298398/);
    expect(home).toContain('KB 298398');
  });
});

describe('questions about our foundations', () => {
  it('"@kb-bot which of our foundations are affected by KB 298398?" is answered in the thread', async () => {
    const reply = await mention('which of our foundations are affected by KB 298398?');
    expect(textOf(reply)).toContain('KB 298398: 2 of 3 foundations are affected — lab, prod-east.');
    expect(textOf(reply)).toContain('TAS 2.13.20: *affected* — upgrade to 2.13.34');
  });

  it('a DM asking about our foundations gets the fleet answer too', async () => {
    const t = ts();
    const before = h.fake.of('chat.postMessage').length;
    await h.send(eventBody({ type: 'message', channel_type: 'im', user: 'U2', text: 'which of our foundations are affected by KB 298398?', ts: t, channel: 'DFLEET' }));
    const reply = (await h.fake.waitFor('chat.postMessage', before + 1)).slice(before).find((p) => p.args.channel === 'DFLEET')!;
    expect(reply.args.thread_ts).toBe(t);
    expect(textOf(reply)).toContain('KB 298398: 2 of 3 foundations are affected — lab, prod-east.');
  });

  it('"are we affected?" in a thread about an article answers for that article', async () => {
    const first = await mention('what is KB routing-0.262.0?');
    const t = String(first.args.thread_ts);
    const before = h.fake.of('chat.postMessage').length;
    await h.send(eventBody({ type: 'app_mention', user: 'U2', text: `<@${BOT_USER_ID}> are we affected?`, ts: ts(), thread_ts: t, channel: 'CINC' }));
    const reply = (await h.fake.waitFor('chat.postMessage', before + 1)).at(-1)!;
    expect(reply.args.thread_ts).toBe(t);
    expect(textOf(reply)).toContain('routing-0.262.0: none of the 3 foundations is affected; unknown for prod-east, prod-west.');
  });

  it('/kb is prod-east exposed to KB 298398? answers for that foundation', async () => {
    const a = await kb('is prod-east exposed to KB 298398?');
    expect(a).toContain('KB 298398: 1 of 1 foundation is affected — prod-east.');
    expect(a).not.toContain('*lab*');
  });

  it('a version question stays a version question', async () => {
    const a = await kb('we run TAS 2.13.20, are we affected?');
    expect(a).toContain('TAS 2.13.20');
    expect(a).not.toContain('foundations are affected');
  });
});

describe('storing a foundation from Slack', () => {
  it('without KB_FLEET_WRITABLE: says what it would store, how to enable it, and stores nothing', async () => {
    const a = await kb(`fleet set staging ${inventory('om-deployed-products-prod-east.json')}`, ro);
    expect(a).toContain('staging: would store from om deployed-products — TAS 2.13.20 (new), IST 2.13.16 (new).');
    expect(a).toContain('*Nothing was stored:* storing foundations from Slack is off');
    expect(a).toContain('KB_FLEET_WRITABLE=true');
    expect(await kb('fleet', ro)).not.toContain('staging');
  });

  it('/kb fleet set stores a pasted inventory and says what it stored and ignored', async () => {
    const paste = inventory('om-deployed-products-prod-east.json').replace(/\n/g, ' ');
    const a = await kb(`fleet set staging \`\`\`${paste}\`\`\``);
    expect(a).toContain('staging: stored from om deployed-products — TAS 2.13.20 (new), IST 2.13.16 (new).');
    expect(a).toContain('Ignored (no product in the catalog): p-bosh 2.10.61-build.12, pivotal-mysql 3.1.2, p-healthwatch2 2.2.4-build.2.');
    expect(a).toContain('1 of 1 foundation is affected by 2 known issues — staging.');
    expect(await kb('fleet staging')).toContain('TAS 2.13.20: *affected* — upgrade to 2.13.34');
  });

  it('"@kb-bot this is qa" with a paste stores it, replying in the thread', async () => {
    const reply = await mention(`this is qa:\n\`\`\`${inventory('bosh-deployments-lab.json').replace(/&/g, '&amp;')}\`\`\``);
    expect(textOf(reply)).toContain('qa: stored from bosh deployments — capi-release 1.214.0 (new), nats-release 56.0.0 (new), routing-release 0.280.0 (new), uaa-release 77.31.0 (new).');
    expect(await kb('fleet qa')).toContain('routing-release 0.280.0: *affected*');
  });

  it('"this is <a name Slack turned into a link>" is read as the name', async () => {
    const reply = await mention(`this is <http://qa.east|qa.east>: ${inventory('om-deployed-products-prod-east.json')}`);
    expect(textOf(reply)).toContain('qa.east: stored from om deployed-products');
  });

  it('"@kb-bot this is prod-west" with an uploaded file stores it over the file\'s entry', async () => {
    const file = h.fake.addFile('diagnostic-report.json', inventory('om-diagnostic-report-prod-west.json'), 'application/json', 'json');
    const reply = await mention('this is prod-west', [file]);
    expect(textOf(reply)).toContain('prod-west: stored from om diagnostic-report — TAS 4.0.16+LTS-T (unchanged).');
    expect(textOf(reply)).toContain('staged but not deployed yet (not counted): cf 4.0.20+LTS-T');
  });

  it.each([
    ['a truncated paste', () => `this is prod-east ${readFileSync(join(BAD_INVENTORIES, 'truncated-om-deployed-products.json'), 'utf8')}`, [], /Nothing changed for prod-east: the JSON ends before it is complete \(cut off after 150 characters\)/],
    ['versions that are not versions', () => `this is prod-east ${readFileSync(join(BAD_INVENTORIES, 'versions-not-versions.json'), 'utf8')}`, [], /Nothing changed for prod-east: 2 products have no usable version: cf latest/],
    ['only unknown slugs', () => `this is prod-east ${readFileSync(join(BAD_INVENTORIES, 'only-unknown-slugs.json'), 'utf8')}`, [], /names no product kb-bot knows[\s\S]*p-redis 3\.2\.0/],
  ])('%s changes nothing and says what was skipped', async (_, text, files, message) => {
    const reply = await mention(text(), files);
    expect(textOf(reply)).toMatch(message);
    const east = await kb('fleet prod-east');
    expect(east).toContain('TAS 2.13.20, IST 2.13.16');
  });

  it('a file larger than the download cap (a 50 MB paste) is refused, not half-read', async () => {
    const file = h.fake.addFile('inventory.json', `[${'{"name":"cf","version":"2.13.20"},'.repeat(5000)}{}]`, 'application/json', 'json');
    const reply = await mention('this is prod-east', [file]);
    expect(textOf(reply)).toMatch(/Nothing changed for prod-east: inventory\.json is larger than 0\.1 MB/);
  });

  it('"this is prod-east" without an inventory is an ordinary question', async () => {
    const reply = await mention('this is prod-east, is TAS 2.13.20 affected by KB 298398?');
    expect(textOf(reply)).toContain('TAS 2.13.20 is affected by KB 298398');
    expect(textOf(reply)).not.toContain('Nothing changed');
  });
});

describe('subscriptions: telling the channel when exposure changes', () => {
  it('posts once to the subscribed channel when a reload adds an article affecting a foundation, and never twice', async () => {
    const dir = fleetKnowledgeCopy();
    let live = fleetKb(dir);
    const s = await startHarness({ kb: () => live, fake: h.fake, fleetWritable: true });
    try {
      const notify = startFleetNotifier(s.bot.bot, s.bot.app.client);
      expect(await notify('test start')).toBe('unchanged'); // start-up initialised the snapshot
      expect(await kb('subscribe', s, 'CSUB')).toContain('Subscribed: this channel hears when any foundation becomes affected');
      expect(await kb('subscribe lab', s, 'CLAB')).toContain('Subscribed: this channel hears when lab becomes affected');
      const toSub = () => h.fake.of('chat.postMessage').filter((c) => c.args.channel === 'CSUB');
      expect(toSub().map((c) => c.args.text)).toEqual([expect.stringContaining('<@U1> subscribed this channel to fleet changes')]);

      copyFileSync(join(NEW_ARTICLES, '408470-space-quota-service-instances.yml'), join(dir, 'articles/408470-space-quota-service-instances.yml'));
      live = fleetKb(dir);
      expect(await notify('a knowledge reload')).toBe('posted');
      expect(await notify('a knowledge reload')).toBe('unchanged');
      const posts = toSub().slice(1);
      expect(posts).toHaveLength(1);
      expect(textOf(posts[0]!)).toContain('Fleet: lab is now affected.');
      expect(textOf(posts[0]!)).toContain('lab is now affected: capi-release 1.214.0: affected — upgrade to 1.215.0');
      expect(textOf(posts[0]!)).toContain('*Fix:* Fixed in capi-release 1.215.0');
      expect(h.fake.of('chat.postMessage').filter((c) => c.args.channel === 'CLAB')).toHaveLength(2);

      // The fleet changes: lab moves to a fixed capi; subscribed channels hear it once.
      const fixed = inventory('bosh-deployments-lab.json').replace('capi/1.214.0', 'capi/1.215.0');
      expect(await kb(`fleet set lab ${fixed}`, s)).toContain('capi-release 1.215.0 (was 1.214.0)');
      await fleetChecksDone(s.bot.bot);
      expect(toSub()).toHaveLength(3);
      expect(textOf(toSub()[2]!)).toContain('lab is no longer affected: capi-release 1.215.0: fixed');

      expect(await kb('unsubscribe', s, 'CSUB')).toContain('no longer told');
      expect(await kb('unsubscribe', s, 'CSUB')).toContain('was not subscribed');
      expect(await kb(`fleet set lab ${inventory('bosh-deployments-lab.json')}`, s)).toContain('capi-release 1.214.0 (was 1.215.0)');
      await fleetChecksDone(s.bot.bot);
      expect(toSub()).toHaveLength(3);
      expect(h.fake.of('chat.postMessage').filter((c) => c.args.channel === 'CLAB')).toHaveLength(4);
    } finally {
      await s.close();
    }
  });

  it('a replica still on older knowledge (a rolling deploy) announces only the fleet change it made, never the knowledge difference', async () => {
    const store = new MemoryStore();
    const dir = fleetKnowledgeCopy();
    copyFileSync(join(NEW_ARTICLES, '408470-space-quota-service-instances.yml'), join(dir, 'articles/408470-space-quota-service-instances.yml'));
    const older = fleetKb();
    const newer = fleetKb(dir);
    const oldReplica = await startHarness({ kb: () => older, fake: h.fake, store, fleetWritable: true });
    const newReplica = await startHarness({ kb: () => newer, fake: h.fake, store, fleetWritable: true });
    try {
      expect(await checkFleetChanges(oldReplica.bot.bot, oldReplica.bot.app.client, 'start-up')).toBe('initialized');
      await kb('subscribe', newReplica, 'CROLL');
      const told = () => h.fake.of('chat.postMessage').filter((c) => c.args.channel === 'CROLL').slice(1).map(textOf);
      expect(await checkFleetChanges(newReplica.bot.bot, newReplica.bot.app.client, 'a knowledge reload')).toBe('posted');
      expect(told()).toHaveLength(1);
      expect(told()[0]).toContain('lab is now affected');

      const upgraded = inventory('om-deployed-products-prod-east.json').replace('2.13.20-build.3', '2.13.34-build.1');
      expect(await kb(`fleet set prod-east ${upgraded}`, oldReplica)).toContain('TAS 2.13.34 (was 2.13.20)');
      await fleetChecksDone(oldReplica.bot.bot);
      expect(told()).toHaveLength(2);
      expect(told()[1]).toContain('prod-east is no longer affected: TAS 2.13.34: fixed');
      expect(told()[1]).not.toContain('408470');
      const last = await checkFleetChanges(newReplica.bot.bot, newReplica.bot.app.client, 'a knowledge reload');
      expect(told().slice(2)).toEqual([]);
      expect(last).toBe('unchanged');
    } finally {
      await oldReplica.close();
      await newReplica.close();
    }
  });

  it('does not subscribe a channel it cannot post in', async () => {
    h.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    expect(await kb('subscribe', h, 'CNOTIN')).toContain('I cannot post in this channel (not_in_channel), so nothing was subscribed');
    expect(await kb('unsubscribe', h, 'CNOTIN')).toContain('was not subscribed');
  });
});

describe('KB_FLEET_WRITABLE', () => {
  const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };
  it.each([
    [undefined, undefined],
    ['true', true],
    ['1', true],
    ['YES', true],
    ['false', undefined],
    ['0', undefined],
  ])('%s → %s', (value, writable) => {
    expect(readConfig({ ...base, ...(value === undefined ? {} : { KB_FLEET_WRITABLE: value }) }).fleetWritable).toBe(writable);
  });

  it('anything else names the variable', () => {
    expect(() => readConfig({ ...base, KB_FLEET_WRITABLE: 'maybe' })).toThrow(/KB_FLEET_WRITABLE must be true or false/);
  });
});
