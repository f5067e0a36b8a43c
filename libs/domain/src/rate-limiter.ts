/**
 * A token bucket per key: `perMinute` requests in any minute, with bursts up to that many. `take` answers 0 when the
 * request may go ahead, or the seconds to wait. Kept in memory and bounded: past `maxKeys` keys, the least recently
 * used go first (a bucket they would find full again).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  take(key: string, perMinute: number): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: perMinute, at: now };
    const refilled = Math.min(perMinute, bucket.tokens + ((now - bucket.at) / 60_000) * perMinute);
    // Deleted and set again, so that the map's order is the order of last use.
    this.buckets.delete(key);
    if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    if (refilled >= 1) {
      this.buckets.set(key, { tokens: refilled - 1, at: now });
      return 0;
    }
    this.buckets.set(key, { tokens: refilled, at: now });
    return Math.max(1, Math.ceil(((1 - refilled) * 60) / perMinute));
  }
}
