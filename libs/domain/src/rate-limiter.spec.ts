import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('lets a key make its per-minute allowance, then says how long to wait, and refills with time', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    for (let i = 0; i < 3; i++) expect(limiter.take('k1', 3)).toBe(0);
    expect(limiter.take('k1', 3)).toBe(20);
    expect(limiter.take('k2', 3)).toBe(0);
    now += 20_000;
    expect(limiter.take('k1', 3)).toBe(0);
    expect(limiter.take('k1', 3)).toBeGreaterThan(0);
  });

  it('keeps at most maxKeys buckets, forgetting the least recently used', () => {
    const limiter = new RateLimiter(() => 0, 2);
    expect(limiter.take('a', 1)).toBe(0);
    expect(limiter.take('b', 1)).toBe(0);
    expect(limiter.take('a', 1)).toBeGreaterThan(0);
    // c pushes out b, the least recently used; b starts again with a full bucket, a is still empty.
    expect(limiter.take('c', 1)).toBe(0);
    expect(limiter.take('b', 1)).toBe(0);
    expect(limiter.take('b', 1)).toBeGreaterThan(0);
  });
});
