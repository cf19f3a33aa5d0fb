import { fleetQuestion, mayAskFleet } from '../fleet/fleet-question.ts';
import { answerFleet } from '../fleet/answer-fleet.ts';
import { describedArticle } from './described-article.ts';
import { queryTerms } from '../query/query-terms.ts';
import { parseQuery } from '../query/parse-query.ts';
import type { Fleet, FleetAnswer } from '../model/fleet.ts';
import type { Prepared } from './prepare.ts';

/** Words about our foundations, not about an issue: left out when looking for the issue a question describes. */
const FLEET_WORDS = /\b(?:foundations?|fleet|environments?|envs?|prod|production|staging|lab)\b/gi;

/**
 * A question about the team's own foundations, read against the fleet on
 * record: the article it names, else the one it describes ("…hit by the
 * concurrent map writes crash?"), and the one foundation it names. Null when
 * the text is not such a question or no foundation is on record ("are we
 * affected?" is then answered as any other question). An article left
 * undefined is the caller's to fill from the thread.
 */
export function readFleetAsk(kb: Prepared, fleet: Fleet, text: string): { article?: string; foundation?: string } | null {
  if (!mayAskFleet(text) || fleet.foundations.length === 0) return null;
  const q = fleetQuestion(text, kb.knowledge, fleet.foundations.map((f) => f.name));
  if (!q) return null;
  // "are we exposed on nats v38?", "is our foundation on IST 2.13.16 affected?": a version question, answered for that version.
  const asked = parseQuery(kb, text);
  if (asked.versions.length > 0) return null;
  const names = new Set(fleet.foundations.flatMap((f) => f.name.toLowerCase().split(/[^a-z0-9]+/)));
  const described = q.article === undefined ? describedArticle(kb, queryTerms(text.replace(FLEET_WORDS, ' ')).filter((t) => !names.has(t))).id : null;
  return { ...q, ...(described !== null ? { article: described } : {}) };
}

/** The fleet's answer to such a question: one foundation when it names one, one article when it names or describes one. */
export function answerFleetAsk(kb: Prepared, fleet: Fleet, ask: { article?: string; foundation?: string }): FleetAnswer {
  const scoped = ask.foundation !== undefined ? { foundations: fleet.foundations.filter((f) => f.name === ask.foundation) } : fleet;
  return answerFleet(kb.knowledge, scoped, ask.article !== undefined ? { article: ask.article } : {});
}
