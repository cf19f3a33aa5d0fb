import type { Answer } from '../core/model/answer.ts';

/** The `--json` contract (docs/cli.md): the Answer as it is, fields in a fixed order. */
export function renderJson(a: Answer): string {
  const ordered = {
    intent: a.intent,
    query: a.query,
    focus: a.focus,
    lead: a.lead,
    leadFrom: a.leadFrom,
    versions: a.versions.map((v) => ({
      article: v.article,
      product: v.product,
      version: v.version,
      status: v.status,
      line: v.line,
      fixedIn: v.fixedIn,
      upgradeTo: v.upgradeTo,
      basis: v.basis,
      condition: v.condition,
      reason: v.reason,
      ...(v.lastAffected ? { lastAffected: v.lastAffected } : {}),
      ...(v.aspect ? { aspect: v.aspect } : {}),
    })),
    traces: a.traces,
    articles: a.articles,
    fixes: a.fixes,
    otherSoftware: a.otherSoftware,
    unmatched: a.unmatched,
    notices: a.notices,
    cards: a.cards,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
