package ugov.bench.flowable;

import java.util.Arrays;

/** Exact percentiles over every sample, nearest rank, in milliseconds: the same method as the bench's own runs. */
record LatencySummary(int count, double p50Ms, double p95Ms, double p99Ms, double maxMs, double meanMs) {

  static LatencySummary of(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    if (sorted.length == 0) return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    double mean = Arrays.stream(sorted).average().orElse(Double.NaN);
    return new LatencySummary(
        sorted.length,
        millis(percentile(sorted, 0.5)),
        millis(percentile(sorted, 0.95)),
        millis(percentile(sorted, 0.99)),
        millis(sorted[sorted.length - 1]),
        mean / 1e6);
  }

  /** The smallest sample with at least q of all samples at or below it. */
  private static long percentile(long[] sorted, double q) {
    return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }
}
