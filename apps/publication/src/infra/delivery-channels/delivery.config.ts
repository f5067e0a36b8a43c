import { ConfigError } from '@ugov/platform';
import type { RetrySchedule } from '@ugov/domain';

/** Injection token of the delivery settings. */
export const DELIVERY_CONFIG = Symbol('DELIVERY_CONFIG');

export interface DeliveryConfig {
  readonly smsGateway?: { readonly url: string; readonly token: string; readonly healthUrl?: string };
  readonly smtp?: {
    readonly host: string;
    readonly port: number;
    readonly secure: boolean;
    readonly user?: string;
    readonly password?: string;
    readonly from: string;
  };
  readonly push?: { readonly url: string; readonly token: string; readonly healthUrl?: string };
  /** Integrator → the secret its callbacks are signed with. */
  readonly webhookSecrets: ReadonlyMap<string, string>;
  /** What the webhook channel's health probe asks (optional). */
  readonly webhookHealthUrl?: string;
  /** How often every channel's health is probed. */
  readonly healthCheckMs: number;
  readonly retry: RetrySchedule;
  readonly pollMs: number;
  /** How long a requester's sealed contact is kept at most after it arrived. */
  readonly contactRetentionDays: number;
  /** How long it is kept after the reply was delivered (a redo may bring another reply). */
  readonly contactAfterDeliveryDays: number;
}

/** The delivery settings (README, "Delivery to the requester"); every problem is named and the process stops. */
export function loadDeliveryConfig(env: NodeJS.ProcessEnv = process.env): DeliveryConfig {
  const problems: string[] = [];
  const url = (name: string): string | undefined => {
    const value = env[name]?.trim();
    if (!value) return undefined;
    try {
      const parsed = new URL(value);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') problems.push(`${name}: must be an http(s) URL`);
    } catch {
      problems.push(`${name}: must be an http(s) URL, got "${value}"`);
    }
    return value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) problems.push(`${name}: must be an integer from ${min} to ${max}, got "${raw}"`);
    return value;
  };
  const needs = (name: string, when: string): string => {
    const value = env[name]?.trim();
    if (!value) problems.push(`${name}: required when ${when} is set`);
    return value ?? '';
  };

  const smsUrl = url('DELIVERY_SMS_GATEWAY_URL');
  const smsHealthUrl = url('DELIVERY_SMS_GATEWAY_HEALTH_URL');
  const smsGateway = smsUrl ? { url: smsUrl, token: needs('DELIVERY_SMS_GATEWAY_TOKEN', 'DELIVERY_SMS_GATEWAY_URL'), healthUrl: smsHealthUrl } : undefined;
  const pushUrl = url('DELIVERY_PUSH_URL');
  const pushHealthUrl = url('DELIVERY_PUSH_HEALTH_URL');
  const push = pushUrl ? { url: pushUrl, token: needs('DELIVERY_PUSH_TOKEN', 'DELIVERY_PUSH_URL'), healthUrl: pushHealthUrl } : undefined;
  const smtpHost = env.DELIVERY_SMTP_HOST?.trim();
  const smtp = smtpHost
    ? {
        host: smtpHost,
        port: integer('DELIVERY_SMTP_PORT', 587, 1, 65535),
        secure: env.DELIVERY_SMTP_SECURE === 'true',
        user: env.DELIVERY_SMTP_USER?.trim() || undefined,
        password: env.DELIVERY_SMTP_PASSWORD || undefined,
        from: needs('DELIVERY_SMTP_FROM', 'DELIVERY_SMTP_HOST'),
      }
    : undefined;
  if (smtp?.user && !smtp.password) problems.push('DELIVERY_SMTP_PASSWORD: required when DELIVERY_SMTP_USER is set');
  const webhookSecrets = new Map<string, string>();
  for (const entry of (env.DELIVERY_WEBHOOK_SECRETS ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const separator = entry.indexOf(':');
    if (separator <= 0 || entry.length - separator - 1 < 16) problems.push('DELIVERY_WEBHOOK_SECRETS: entries are integrator:secret, secrets of at least 16 characters');
    else webhookSecrets.set(entry.slice(0, separator), entry.slice(separator + 1));
  }
  const retry: RetrySchedule = {
    maxAttempts: integer('DELIVERY_MAX_ATTEMPTS', 8, 1, 100),
    firstDelayMs: integer('DELIVERY_FIRST_RETRY_MS', 5_000, 10, 3_600_000),
    maxDelayMs: integer('DELIVERY_MAX_RETRY_MS', 600_000, 10, 86_400_000),
  };
  const config: DeliveryConfig = {
    smsGateway,
    smtp,
    push,
    webhookSecrets,
    webhookHealthUrl: url('DELIVERY_WEBHOOK_HEALTH_URL'),
    healthCheckMs: integer('CHANNEL_HEALTH_CHECK_MS', 60_000, 100, 3_600_000),
    retry,
    pollMs: integer('DELIVERY_POLL_MS', 500, 10, 60_000),
    contactRetentionDays: integer('DELIVERY_CONTACT_RETENTION_DAYS', 180, 1, 3650),
    contactAfterDeliveryDays: integer('DELIVERY_CONTACT_AFTER_DELIVERY_DAYS', 30, 0, 3650),
  };
  if (problems.length > 0) throw new ConfigError(`invalid configuration of publication:\n  ${problems.join('\n  ')}`);
  return config;
}
