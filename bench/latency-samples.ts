export interface LatencySummary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly meanMs: number;
}

/** Every sample kept (a run has at most a few hundred thousand), so percentiles are exact, not bucketed. */
export class LatencySamples {
  private readonly samples: number[] = [];

  record(milliseconds: number): void {
    this.samples.push(milliseconds);
  }

  get count(): number {
    return this.samples.length;
  }

  summary(): LatencySummary {
    const sorted = Float64Array.from(this.samples).sort();
    // Nearest rank: the smallest sample with at least q of all samples at or below it.
    const percentile = (q: number): number => (sorted.length === 0 ? NaN : sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]);
    const total = sorted.reduce((sum, value) => sum + value, 0);
    return {
      count: sorted.length,
      p50Ms: percentile(0.5),
      p95Ms: percentile(0.95),
      p99Ms: percentile(0.99),
      maxMs: sorted.length === 0 ? NaN : sorted[sorted.length - 1],
      meanMs: sorted.length === 0 ? NaN : total / sorted.length,
    };
  }
}
