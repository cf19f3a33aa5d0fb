import type { ChangeKind, ExposureChange, ExposureSnapshot, SnapshotEntry } from '../model/fleet.ts';

export type { ChangeKind, ExposureChange } from '../model/fleet.ts';

const KIND_ORDER: Record<ChangeKind, number> = { 'now-affected': 0, changed: 1, 'no-longer-affected': 2 };
const acting = (e: SnapshotEntry | null | undefined) => e?.status === 'affected' || e?.status === 'depends';

/**
 * What changed between two snapshots that a channel should hear about: a
 * foundation became affected (or depends on the patch), stopped being
 * affected, or is still affected but on another version, status or fix.
 * Pure; in a stable
 * order (kind, foundation, article, product), so replicas compute the same list.
 */
export function diffExposure(before: ExposureSnapshot, after: ExposureSnapshot): ExposureChange[] {
  const changes: ExposureChange[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = before[key] ?? null;
    const a = after[key] ?? null;
    const who = (a ?? b) as SnapshotEntry;
    const at = { foundation: who.foundation, article: who.article, product: who.product, before: b, after: a };
    if (!acting(b) && acting(a)) changes.push({ kind: 'now-affected', ...at });
    else if (acting(b) && !acting(a)) changes.push({ kind: 'no-longer-affected', ...at });
    else if (acting(b) && acting(a) && (b?.status !== a?.status || b?.version !== a?.version || b?.fix.join() !== a?.fix.join())) changes.push({ kind: 'changed', ...at });
  }
  return changes.sort((x, y) =>
    KIND_ORDER[x.kind] - KIND_ORDER[y.kind] || x.foundation.localeCompare(y.foundation) || x.article.localeCompare(y.article) || x.product.localeCompare(y.product));
}
