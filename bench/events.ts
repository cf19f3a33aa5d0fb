/**
 * bench/events: kb-bot's HTTP receiver against three bare Bolt apps given the
 * same signed events, all posting to the same fake Slack Web API:
 *
 *   ack   only acknowledges (no Web API call),
 *   tiny  posts a one-word reply in the thread,
 *   same  posts the very reply kb-bot posted for that text (recorded first),
 *
 * so "same" is what any Bolt app pays to post kb-bot's answer, and the
 * difference to kb-bot is the cost of finding and rendering it. Each server is
 * its own process; its CPU time per event comes from /proc/<pid>/stat.
 * Rounds are interleaved (every server in each round, in a rotating order), so
 * a noisy neighbour on the machine hits all of them alike; figures are ranges
 * over the rounds. This process sends the load and plays Slack's Web API.
 */
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeSlackApi } from '../src/playground/fake-slack-api.ts';
import { child, Load, recordReplies, SEED, type Name, type Server } from './event-load.ts';
import { median, pct, pctNote, range } from './stats.ts';
import type { ScalingRow } from './scaling-table.ts';

const TOKEN = 'xoxb-bench';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Events per server per round at full load, sent in CHUNKS slices alternating between the servers. */
const CAPACITY_EVENTS = Number(process.env.BENCH_EVENTS ?? 1000);
const CHUNKS = 4;
const RATE = 100;
/** Seconds per server per round at RATE, sent one second at a time, alternating between the servers. */
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 5);

function rotate<T>(xs: readonly T[], k: number): T[] {
  return xs.map((_, i) => xs[(i + k) % xs.length] as T);
}

interface RoundFigures {
  cpuPerEvent: number;
  rate: number;
  loadCpu: number;
  p99: number;
}

export async function runEvents(): Promise<ScalingRow[]> {
  const fake = new FakeSlackApi(TOKEN);
  await fake.start();
  const tmp = mkdtempSync(join(tmpdir(), 'kb-events-'));
  const servers: Server[] = [];
  try {
    const load = new Load(fake);
    const kb = await child('kb-bot', fake.url);
    servers.push(kb);
    const repliesFile = join(tmp, 'replies.json');
    await recordReplies(kb, fake, load, repliesFile);
    servers.push(await child('kb-bot, no cache', fake.url));
    for (const name of ['same', 'tiny', 'ack'] as const) servers.push(await child(name, fake.url, name === 'same' ? repliesFile : undefined));
    const blocks = JSON.parse(readFileSync(repliesFile, 'utf8')) as Record<string, { blocks: unknown[] }>;
    // Warm up every server (JIT, connections, caches) before measuring.
    for (const s of servers) await load.capacity(s, 400, 16);

    const rounds = new Map<Name, RoundFigures[]>(servers.map((s) => [s.name, []]));
    const latencies = new Map<Name, number[]>(servers.map((s) => [s.name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      const cpu = new Map<Name, number>();
      const wall = new Map<Name, number>();
      const own = new Map<Name, number>();
      for (let c = 0; c < CHUNKS; c++) {
        for (const s of rotate(servers, round * CHUNKS + c)) {
          const r = await load.capacity(s, CAPACITY_EVENTS / CHUNKS, 16);
          const ms = (CAPACITY_EVENTS / CHUNKS / r.rate) * 1000;
          cpu.set(s.name, (cpu.get(s.name) ?? 0) + r.cpuPerEvent * (CAPACITY_EVENTS / CHUNKS));
          wall.set(s.name, (wall.get(s.name) ?? 0) + ms);
          own.set(s.name, (own.get(s.name) ?? 0) + r.loadCpu * ms);
        }
      }
      const lat = new Map<Name, number[]>(servers.map((s) => [s.name, []]));
      for (let sec = 0; sec < STEADY_SECONDS; sec++) {
        for (const s of rotate(servers, round * STEADY_SECONDS + sec)) lat.get(s.name)?.push(...(await load.steady(s, RATE, 1)).latencies);
      }
      for (const s of servers) {
        const w = wall.get(s.name) ?? NaN;
        const l = lat.get(s.name) ?? [];
        latencies.get(s.name)?.push(...l);
        rounds.get(s.name)?.push({ cpuPerEvent: (cpu.get(s.name) ?? NaN) / CAPACITY_EVENTS, rate: CAPACITY_EVENTS / (w / 1000), loadCpu: (own.get(s.name) ?? NaN) / w, p99: pct(l, 99) });
      }
    }

    const of = (name: Name) => rounds.get(name) ?? [];
    /** Capacity ratios per round: (1 / kb-bot's CPU per event) / (1 / the baseline's). */
    const ratio = (who: Name, base: Name) => of(who).map((c, i) => (of(base)[i]?.cpuPerEvent ?? NaN) / c.cpuPerEvent);
    const samples = latencies.get('kb-bot')?.length ?? 0;
    const sizes = Object.entries(blocks).map(([t, r]) => `${t === SEED ? 'crash' : 'mention'} ${r.blocks.length} blocks`).join(', ');
    console.log('events: HTTP receiver, half mentions ("is TAS 2.13.20 affected?"), half pasted seed crashes; each server its own process');
    console.log(`  ${ROUNDS} rounds; per round and server ${CAPACITY_EVENTS} events at 16 in flight (capacity) and ${STEADY_SECONDS} s at ${RATE}/s (latency),`);
    console.log(`  both sent in slices (${CHUNKS} × ${CAPACITY_EVENTS / CHUNKS} events, 1 s) that alternate between the servers in a rotating order`);
    console.log(`  kb-bot's replies (the "same" baseline posts these): ${sizes}`);
    console.log(`  server              CPU/event ms   capacity events/CPU-s   throughput events/s   load generator   p50 / p99 at ${RATE}/s, ms (p99 per round)`);
    for (const s of servers) {
      const r = of(s.name);
      const l = latencies.get(s.name) ?? [];
      const cpu = r.map((x) => x.cpuPerEvent);
      console.log(
        `  ${s.name.padEnd(18)}  ${range(cpu, 2).padEnd(13)}  ${range(cpu.map((x) => 1000 / x), 0).padEnd(22)}  ${range(r.map((x) => x.rate), 0).padEnd(20)}  ${`${range(r.map((x) => x.loadCpu * 100), 0)} %`.padEnd(15)}  ${median(l).toFixed(1)} / ${pct(l, 99).toFixed(1)} (${range(r.map((x) => x.p99), 1)})`,
      );
    }
    console.log(`  (ranges over ${ROUNDS} rounds; each capacity figure rests on ${CAPACITY_EVENTS} events; the pooled p99 is ${pctNote(samples, 99)}, a round's the ${pctNote(samples / ROUNDS, 99).replace(/^the /, '')};`);
    console.log('   ack is timed to the response, the others to the posted reply; "load generator" is this process\'s CPU, a share of one core)');
    console.log(`  kb-bot capacity vs same reply: ${range(ratio('kb-bot', 'same'))}x (target >= 0.9)   vs tiny text: ${range(ratio('kb-bot', 'tiny'))}x   vs ack only: ${range(ratio('kb-bot', 'ack'))}x`);
    console.log(`  kb-bot with its answer cache off vs same reply: ${range(ratio('kb-bot, no cache', 'same'))}x (every answer computed and rendered)`);
    console.log(`  kb-bot p99 at ${RATE}/s: ${pct(latencies.get('kb-bot') ?? [], 99).toFixed(1)} ms (target < 50); same-reply baseline in the same slices: ${pct(latencies.get('same') ?? [], 99).toFixed(1)} ms`);
    console.log('  (throughput is bounded by this one load-generating process, which also plays Slack; capacity is from the servers\' own CPU time)');
    return await scaling(load, servers.filter((x) => x.name === 'kb-bot' || x.name === 'same'));
  } finally {
    for (const s of servers) s.proc.kill('SIGTERM');
    await fake.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** CPU per event and p99 at 1×, 4× and 10× the rate (25, 100, 250 events/s), kb-bot and the same-reply baseline alternating. */
async function scaling(load: Load, pair: Server[]): Promise<ScalingRow[]> {
  const rates = [25, 100, 250];
  const cpu = new Map<Name, number[][]>(pair.map((s) => [s.name, rates.map(() => [])]));
  const p99 = new Map<Name, number[][]>(pair.map((s) => [s.name, rates.map(() => [])]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, rate] of rates.entries()) {
      for (const s of rotate(pair, round)) {
        // 250 events at each rate: 10 s at 25/s, 1 s at 250/s.
        const r = await load.steady(s, rate, 250 / rate);
        cpu.get(s.name)?.[i]?.push(r.cpuPerEvent);
        p99.get(s.name)?.[i]?.push(pct(r.latencies, 99));
      }
    }
  }
  const work = rates.map((r) => `${r}/s`);
  const row = (what: string, m: Map<Name, number[][]>, name: Name): ScalingRow => ({ bench: 'events', cost: `${name} ${what}`, unit: 'ms', work, values: (m.get(name) ?? []).map(median), perUnit: true });
  return pair.flatMap((s) => [row('CPU per event', cpu, s.name), row('p99 to posted reply (of 250)', p99, s.name)]);
}
