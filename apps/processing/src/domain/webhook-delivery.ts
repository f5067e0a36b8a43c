// Shared with publication's deliveries to requesters (libs/domain).
export { nextAttemptDelayMs, webhookSignature, WEBHOOK_RETRY, type RetrySchedule } from '@ugov/domain';
