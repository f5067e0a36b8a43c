import { ConfigError } from '@ugov/platform';
import { DEFAULT_RETURNS_BEFORE_ARBITRATION } from '../domain/returns';

/** A class only to serve as its own injection token. */
export abstract class ReturnsConfig {
  /** Returns a case may have and still be re-routed automatically; one more sends it to a dispatcher (派单争议审核). */
  abstract readonly returnsBeforeArbitration: number;
}

export function loadReturnsConfig(env: NodeJS.ProcessEnv = process.env): ReturnsConfig {
  const raw = env.DISPATCH_RETURNS_BEFORE_ARBITRATION;
  const returnsBeforeArbitration = Number(raw ?? DEFAULT_RETURNS_BEFORE_ARBITRATION);
  if (!Number.isInteger(returnsBeforeArbitration) || returnsBeforeArbitration < 0 || returnsBeforeArbitration > 20)
    throw new ConfigError(`DISPATCH_RETURNS_BEFORE_ARBITRATION: must be a whole number from 0 to 20, got "${raw}"`);
  return { returnsBeforeArbitration };
}
