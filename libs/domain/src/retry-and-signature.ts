import { createHmac } from 'node:crypto';

/**
 * A webhook's signature: HMAC-SHA256 with the receiver's secret (a department's, an integrator's) over `<delivery id>.<unix seconds>.<body>`, so
 * the receiver can tell the body, the delivery and the time were not altered. Sent as
 * `ugov-webhook-signature: v1=<hex>`, beside `ugov-webhook-id` and `ugov-webhook-timestamp`.
 */
export function webhookSignature(secret: string, deliveryId: string, timestampSeconds: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${deliveryId}.${timestampSeconds}.${body}`).digest('hex')}`;
}

export interface RetrySchedule {
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxAttempts: number;
}

export const WEBHOOK_RETRY: RetrySchedule = { firstDelayMs: 1_000, maxDelayMs: 30_000, maxAttempts: 100 };

/** When to try again after `attempts` failed attempts: doubling from one second, at most 30 s apart; null when to give up. */
export function nextAttemptDelayMs(attempts: number, retry: RetrySchedule = WEBHOOK_RETRY): number | null {
  if (attempts >= retry.maxAttempts) return null;
  return Math.min(retry.maxDelayMs, retry.firstDelayMs * 2 ** Math.max(0, attempts - 1));
}
