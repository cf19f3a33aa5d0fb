/** Timeouts that can all be cancelled at once (a fake server's pending work when it stops). */
export class Timers {
  private readonly pending = new Set<NodeJS.Timeout>();

  later(ms: number, run: () => void): void {
    const t = setTimeout(() => {
      this.pending.delete(t);
      run();
    }, ms);
    this.pending.add(t);
  }

  clear(): void {
    for (const t of this.pending) clearTimeout(t);
    this.pending.clear();
  }
}
