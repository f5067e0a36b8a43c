import { MalformedEventError } from '../cloud-events';
import { decideRetry, isInfrastructureFailure } from './retry.policy';

const settings = { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 250 };

describe('decideRetry', () => {
  it('retries a failing handler with growing, capped delays, then dead-letters it', () => {
    const error = new Error('handler bug');
    expect(decideRetry(error, 1, settings)).toEqual({ action: 'retry', delayMs: 100 });
    expect(decideRetry(error, 2, settings)).toEqual({ action: 'retry', delayMs: 200 });
    expect(decideRetry(error, 3, settings)).toEqual({ action: 'dead-letter' });
  });

  it('dead-letters a malformed message on the first attempt', () => {
    expect(decideRetry(new MalformedEventError('bad bytes'), 1, settings)).toEqual({ action: 'dead-letter' });
  });

  it('never dead-letters because the database is unreachable', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(isInfrastructureFailure(refused)).toBe(true);
    expect(decideRetry(refused, 50, settings)).toEqual({ action: 'retry', delayMs: 250 });
  });

  it('treats a pool that cannot get a connection in time as the database, not the message', () => {
    const exhausted = new Error('timeout exceeded when trying to connect');
    expect(decideRetry(exhausted, 50, settings)).toEqual({ action: 'retry', delayMs: 250 });
  });
});
