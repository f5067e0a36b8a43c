import { createHmac } from 'node:crypto';
import { nextAttemptDelayMs, webhookSignature } from './retry-and-signature';

describe('webhook deliveries', () => {
  it('signs id, timestamp and body together with the secret', () => {
    const expected = createHmac('sha256', 'secret-of-housing').update('d1.1764500000.{"a":1}').digest('hex');
    expect(webhookSignature('secret-of-housing', 'd1', 1764500000, '{"a":1}')).toBe(`v1=${expected}`);
    expect(webhookSignature('secret-of-housing', 'd1', 1764500001, '{"a":1}')).not.toBe(`v1=${expected}`);
    expect(webhookSignature('another-secret', 'd1', 1764500000, '{"a":1}')).not.toBe(`v1=${expected}`);
  });

  it('backs off from one second, doubling, to at most 30 seconds, and gives up after the last attempt', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((attempts) => nextAttemptDelayMs(attempts))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(nextAttemptDelayMs(3, { firstDelayMs: 10, maxDelayMs: 100, maxAttempts: 3 })).toBeNull();
  });
});
