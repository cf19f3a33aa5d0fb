/** Small statistics for the benches: percentiles that say how many samples they rest on, and ranges over rounds. */

/** The p-th percentile (nearest rank) of `xs`. */
export function pct(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number;
}

export function median(xs: readonly number[]): number {
  return pct(xs, 50);
}

/** "p99 12.3 ms (the 5th slowest of 500)": which sample a percentile is. */
export function pctNote(n: number, p: number): string {
  const fromTop = n - Math.max(0, Math.ceil((p / 100) * n) - 1);
  return fromTop <= 1 ? `the slowest of ${n}` : `the ${ordinal(fromTop)} slowest of ${n}`;
}

function ordinal(k: number): string {
  const s = k % 100 >= 11 && k % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][k % 10] ?? 'th');
  return `${k}${s}`;
}

/** "1.23–1.45" over repeated rounds (or one figure when they agree to the digits shown). */
export function range(xs: readonly number[], digits = 2): string {
  if (xs.length === 0) return 'n/a';
  const lo = Math.min(...xs).toFixed(digits);
  const hi = Math.max(...xs).toFixed(digits);
  return lo === hi ? lo : `${lo}–${hi}`;
}
