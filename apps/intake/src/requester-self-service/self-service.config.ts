import { ConfigError } from '@ugov/platform';

/** A class only to serve as its own injection token. */
export abstract class SelfServiceLimits {
  /** How many redos (重办) a requester may ask for on one request: `INTAKE_REDO_REQUESTS_PER_CASE`, default 1. */
  abstract readonly redoRequestsPerCase: number;
}

export function loadSelfServiceLimits(env: NodeJS.ProcessEnv = process.env): SelfServiceLimits {
  const value = Number(env.INTAKE_REDO_REQUESTS_PER_CASE ?? 1);
  if (!Number.isInteger(value) || value < 1 || value > 10) {
    throw new ConfigError(
      `invalid configuration of intake:\n  INTAKE_REDO_REQUESTS_PER_CASE: must be a whole number from 1 to 10, got "${env.INTAKE_REDO_REQUESTS_PER_CASE}"`,
    );
  }
  return { redoRequestsPerCase: value };
}
