import type { Knowledge } from '../model/knowledge.ts';

export interface FleetQuestion {
  /** The article asked about (id as the knowledge has it, or the unknown number asked). */
  article?: string;
  /** One foundation asked about by name. */
  foundation?: string;
}

const WHO = /\b(?:our|ours|we|us|foundations?|fleet)\b/i;
const WHAT = /\b(?:affected|exposed|exposure|vulnerable|impacted|hit|at risk)\b|\b(?:have|has|run|runs|see|seeing)\s+(?:it|this|that)\b|\bneeds?\s+(?:patching|a patch|to (?:be )?patch(?:ed)?|upgrading|an upgrade)\b|\b(?:patch|upgrade|fix)\w*\s+first\b|\bprioriti[sz]e\b/i;

/** Cheap first check: whether the text can be a fleet question at all (before the fleet is loaded). */
export function mayAskFleet(text: string): boolean {
  return text.length <= 500 && WHAT.test(text);
}
const FULL_VERSION = /\b\d+\.\d+\.\d+\b/;
const TOKEN = /(?<![\w.-])[A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9](?![\w-]|\.\w)/g;

/**
 * Whether a question asks about the team's own foundations — "which of our
 * foundations are affected by KB 298398?", "are we affected?", "is prod-east
 * exposed?" — and which article or foundation it names. Null for anything
 * else, including a question that names a full version ("we run TAS
 * 2.13.20, are we affected?" is a version question). Pure.
 */
export function fleetQuestion(text: string, knowledge: Knowledge, foundations: readonly string[]): FleetQuestion | null {
  if (text.length > 500) return null;
  const names = new Map(foundations.map((f) => [f.toLowerCase(), f]));
  const ids = new Map<string, string>();
  for (const a of knowledge.articles) for (const id of [a.id, ...a.aliases]) ids.set(id.toLowerCase(), a.id);
  const tokens = [...text.matchAll(TOKEN)].map((m) => m[0].toLowerCase());
  const foundation = tokens.map((t) => names.get(t)).find((f) => f !== undefined);
  if (!WHAT.test(text) || (!WHO.test(text) && foundation === undefined)) return null;
  if (FULL_VERSION.test(text.replace(TOKEN, (t) => (ids.has(t.toLowerCase()) ? ' ' : t))) && !/\bfoundations?\b/i.test(text)) return null;
  const q: FleetQuestion = {};
  const known = tokens.map((t) => ids.get(t)).find((id) => id !== undefined);
  // An id kb-bot does not know ("KB 999999", "CVE-2021-44228") is asked about: never answered with the whole fleet.
  const asked = /\b(?:kb|article)\s*#?\s*(\d{5,8})\b/i.exec(text)?.[1] ?? /\b((?:CVE|GHSA|GO)-[\w-]{4,40})/i.exec(text)?.[1];
  if (known !== undefined) q.article = known;
  else if (asked !== undefined) q.article = asked;
  if (foundation !== undefined) q.foundation = foundation;
  return q;
}
