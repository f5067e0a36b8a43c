import { MalformedEventError } from '../cloud-events';

export type RetryDecision = { readonly action: 'retry'; readonly delayMs: number } | { readonly action: 'dead-letter' };

export interface RetrySettings {
  /** Attempts before a message that keeps failing goes to the dead-letter topic. */
  readonly maxAttempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const defaultRetrySettings: RetrySettings = { maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 5000 };

// Connection-level failures (database or network down) say nothing about the message:
// retrying forever is right, dead-lettering would throw away good work.
const INFRASTRUCTURE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08006',
]);

export function isInfrastructureFailure(error: unknown): boolean {
  const code =
    (error as { code?: string; driverError?: { code?: string } })?.code ??
    (error as { driverError?: { code?: string } })?.driverError?.code;
  if (code && INFRASTRUCTURE_CODES.has(code)) return true;
  const message = (error as Error)?.message ?? '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
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
  if (isInfrastructureFailure(error)) return { action: 'retry', delayMs };
  return attempt >= settings.maxAttempts ? { action: 'dead-letter' } : { action: 'retry', delayMs };
}
