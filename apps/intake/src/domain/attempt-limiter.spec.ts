import { AttemptLimiter } from './attempt-limiter';

describe('AttemptLimiter', () => {
  it('lets a key fail up to its limit, then makes it wait until its window ends', () => {
    const limiter = new AttemptLimiter(3, 60_000);
    for (let failure = 0; failure < 3; failure++) {
      expect(limiter.retryAfterSeconds('UG1', 1000)).toBe(0);
      limiter.recordFailure('UG1', 1000);
    }
    expect(limiter.retryAfterSeconds('UG1', 1000)).toBe(60);
    expect(limiter.retryAfterSeconds('UG1', 30_500)).toBe(31);
    expect(limiter.retryAfterSeconds('UG2', 30_500)).toBe(0);
    expect(limiter.retryAfterSeconds('UG1', 61_000)).toBe(0);
    limiter.recordFailure('UG1', 61_000);
    expect(limiter.retryAfterSeconds('UG1', 61_000)).toBe(0);
  });

  it('stays bounded, dropping finished windows and then the oldest', () => {
    const limiter = new AttemptLimiter(1, 10_000, 2);
    limiter.recordFailure('a', 0);
    limiter.recordFailure('b', 5_000);
    limiter.recordFailure('c', 12_000); // a's window is over: it goes
    expect(limiter.retryAfterSeconds('b', 12_000)).toBe(3);
    expect(limiter.retryAfterSeconds('c', 12_000)).toBe(10);
    limiter.recordFailure('d', 13_000); // full, nothing finished: the oldest (b) goes
    expect(limiter.retryAfterSeconds('b', 13_000)).toBe(0);
    expect(limiter.retryAfterSeconds('c', 13_000)).toBe(9);
  });
});
