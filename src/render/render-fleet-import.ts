import { productShort } from './view-fleet.ts';
import type { Knowledge } from '../core/model/knowledge.ts';
import type { ImportPlan } from '../core/model/fleet.ts';

const MAX_LISTED = 12;

/**
 * What an import did, or why it changed nothing, as lines of plain text
 * (the CLI prints them; Slack escapes them): stored, changed, removed,
 * ignored and skipped, each named.
 */
export function describeImport(knowledge: Knowledge, plan: ImportPlan, done: 'stored' | 'would store'): string[] {
  const out: string[] = [];
  const name = (id: string) => productShort(knowledge, id);
  if (plan.error !== undefined) {
    out.push(`Nothing changed for ${plan.name}: ${plan.error}.`);
  } else {
    const changed = plan.changes.filter((c) => c.after.length > 0).map((c) =>
      `${name(c.product)} ${c.after.join(', ')}${c.before.length === 0 ? ' (new)' : ` (was ${c.before.join(', ')})`}`);
    const removed = plan.changes.filter((c) => c.after.length === 0).map((c) => `${name(c.product)} ${c.before.join(', ')}`);
    const unchanged = plan.unchanged.map((id) => `${name(id)} ${[plan.data?.products[id] ?? ''].flat().join(', ')}`);
    const what = [...changed, ...unchanged.map((u) => `${u} (unchanged)`)];
    out.push(`${plan.name}: ${done} from ${plan.format} — ${what.join(', ')}.`);
    if (removed.length > 0) out.push(`Removed (not in this inventory): ${removed.join(', ')}.`);
  }
  if (plan.bad.length > 0 && plan.error === undefined) out.push(`Not a version: ${list(plan.bad)}.`);
  if (plan.ignored.length > 0) out.push(`Ignored (no product in the catalog): ${list(plan.ignored)}.`);
  if (plan.skipped.length > 0) out.push(`Skipped: ${list(plan.skipped)}.`);
  for (const n of plan.notes) out.push(`Note: ${n}.`);
  return out;
}

function list(items: string[]): string {
  return items.length > MAX_LISTED ? `${items.slice(0, MAX_LISTED).join(', ')} and ${items.length - MAX_LISTED} more` : items.join(', ');
}
