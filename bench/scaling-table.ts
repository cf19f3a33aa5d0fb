/**
 * The scaling table: each cost at 1×, 4× and 10× its work (articles, dump
 * size, events per second), so that growth faster than the work shows.
 */
export interface ScalingRow {
  bench: string;
  /** What is measured, e.g. "search p99". */
  cost: string;
  unit: string;
  /** The three amounts of work, as labels ("1,000 articles"). */
  work: [string, string, string] | string[];
  /** The cost at each amount of work (a median over repeated runs). */
  values: number[];
  /**
   * true: a cost per unit of work (per event, per query, per MB) — flat when
   * growth is linear. false: a total — linear growth is ×4 and ×10.
   */
  perUnit: boolean;
}

function fmt(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return 'n/a';
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

/** The verdict on one row: how the cost grew from 1× to 10× against what linear growth would give. */
export function growth(row: ScalingRow): string {
  const [a, , c] = row.values;
  if (a === undefined || c === undefined || !(a > 0)) return '';
  const g = c / a;
  const linear = row.perUnit ? 1 : 10;
  const verdict = g > linear * 1.5 ? 'SUPERLINEAR' : g < linear / 1.5 ? 'sublinear' : 'linear';
  return `×${fmt(g)} (linear: ×${linear}) ${verdict}`;
}

export function printScalingTable(rows: readonly ScalingRow[]): void {
  if (rows.length === 0) return;
  console.log('scaling: each cost at 1×, 4× and 10× its work (per-unit costs stay flat and totals grow ×10 when growth is linear)');
  const w = Math.max(...rows.map((r) => `${r.cost} (${r.unit})`.length));
  for (const r of rows) {
    const cells = r.values.map((v, i) => `${fmt(v)} @ ${r.work[i] ?? '?'}`.padEnd(22)).join('');
    console.log(`  ${`${r.cost} (${r.unit})`.padEnd(w)}  ${cells}  1×→10× ${growth(r)}`);
  }
}
