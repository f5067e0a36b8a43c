import { MalformedEventError } from '../cloud-events';

export type RetryDecision = { readonly action: 'retry'; readonly delayMs: number } | { readonly action: 'dead-letter' };

export interface RetrySettings {
  /** Attempts before a message that keeps failing goes to the dead-letter topic. */
  readonly maxAttempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const defaultRetrySettings: RetrySettings = { maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 5000 };

/**
 * Failures that say nothing about the message: the database or the network is down or overloaded, or the
 * transaction lost a race with another one (serialization failure, deadlock, lock or statement timeout).
 * Retrying until it goes through is right; dead-lettering would throw good work away.
 */
const TRANSIENT_CODES = new Set([
  // network
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  // PostgreSQL: serialization failure, deadlock, lock not available, statement timeout or cancel
  '40001',
  '40P01',
  '55P03',
  '57014',
  // PostgreSQL: shutting down, crashed, starting up, too many connections, out of memory or disk
  '57P01',
  '57P02',
  '57P03',
  '53000',
  '53100',
  '53200',
  '53300',
  // PostgreSQL: connection exceptions
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

export function isTransientFailure(error: unknown): boolean {
  const code =
    (error as { code?: string; driverError?: { code?: string } })?.code ??
    (error as { driverError?: { code?: string } })?.driverError?.code;
  if (code && TRANSIENT_CODES.has(code)) return true;
  const message = (error as Error)?.message ?? '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout/i.test(
    message,
  );
}

/**
 * What to do after the `attempt`-th failure (1-based) to handle a message.
 * Malformed messages cannot get better: they are dead-lettered at once.
 */
export function decideRetry(error: unknown, attempt: number, settings: RetrySettings = defaultRetrySettings): RetryDecision {
  if (error instanceof MalformedEventError) return { action: 'dead-letter' };
  const delayMs = Math.min(settings.maxDelayMs, settings.initialDelayMs * 2 ** (attempt - 1));
  if (isTransientFailure(error)) return { action: 'retry', delayMs };
  return attempt >= settings.maxAttempts ? { action: 'dead-letter' } : { action: 'retry', delayMs };
}
