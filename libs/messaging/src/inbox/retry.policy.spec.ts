import { MalformedEventError } from '../cloud-events';
import { decideRetry, isTransientFailure } from './retry.policy';

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
    expect(isTransientFailure(refused)).toBe(true);
    expect(decideRetry(refused, 50, settings)).toEqual({ action: 'retry', delayMs: 250 });
  });

  it('treats a pool that cannot get a connection in time as the database, not the message', () => {
    const exhausted = new Error('timeout exceeded when trying to connect');
    expect(decideRetry(exhausted, 50, settings)).toEqual({ action: 'retry', delayMs: 250 });
  });

  it.each([
    ['a serialization failure', '40001'],
    ['a deadlock', '40P01'],
    ['a lock timeout', '55P03'],
    ['a statement timeout', '57014'],
    ['an administrator shutdown', '57P01'],
    ['too many connections', '53300'],
  ])('retries %s however often it happens', (_what, code) => {
    const error = Object.assign(new Error('from PostgreSQL'), { code });
    expect(isTransientFailure(error)).toBe(true);
    expect(decideRetry(error, 50, settings)).toEqual({ action: 'retry', delayMs: 250 });
  });

  it('still dead-letters a constraint violation, which retrying cannot fix', () => {
    const violation = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
    expect(decideRetry(violation, 3, settings)).toEqual({ action: 'dead-letter' });
  });
});
