import { ConfigError } from '@ugov/platform';

/** A class only to serve as its own injection token. */
export abstract class TrackingAttemptLimits {
  /** Failed attempts on one tracking number per window, before it answers 429 (guessing one requester's code). */
  abstract readonly perTrackingNumber: number;
  /** Failed attempts from one client address per window (trying many tracking numbers). */
  abstract readonly perClientAddress: number;
  abstract readonly windowSeconds: number;
}

const SETTINGS = {
  perTrackingNumber: ['INTAKE_TRACKING_FAILURES_PER_NUMBER', 10],
  perClientAddress: ['INTAKE_TRACKING_FAILURES_PER_ADDRESS', 100],
  windowSeconds: ['INTAKE_TRACKING_FAILURE_WINDOW_SECONDS', 900],
} as const;

export function loadTrackingAttemptLimits(env: NodeJS.ProcessEnv = process.env): TrackingAttemptLimits {
  const problems: string[] = [];
  const limits = Object.fromEntries(
    Object.entries(SETTINGS).map(([name, [variable, fallback]]) => {
      const value = Number(env[variable] ?? fallback);
      if (!Number.isInteger(value) || value < 1) problems.push(`${variable}: must be a positive integer, got "${env[variable]}"`);
      return [name, value];
    }),
  ) as unknown as TrackingAttemptLimits;
  if (problems.length > 0) throw new ConfigError(`invalid configuration of intake:\n  ${problems.join('\n  ')}`);
  return limits;
}
