import { ConfigError } from '@ugov/platform';
import { DEFAULT_REPEAT_RULE, type RepeatRule } from '../domain/similarity';

/** A class only to serve as its own injection token. */
export abstract class RepeatConfig implements RepeatRule {
  /** 0 turns merging off. */
  abstract readonly windowMs: number;
  abstract readonly threshold: number;
}

export function loadRepeatConfig(env: NodeJS.ProcessEnv = process.env): RepeatConfig {
  const problems: string[] = [];
  const days = Number(env.DISPATCH_MERGE_WINDOW_DAYS ?? DEFAULT_REPEAT_RULE.windowDays);
  if (!Number.isInteger(days) || days < 0 || days > 365)
    problems.push(
      `DISPATCH_MERGE_WINDOW_DAYS: must be a whole number of days from 0 (no merging) to 365, got "${env.DISPATCH_MERGE_WINDOW_DAYS}"`,
    );
  const threshold = Number(env.DISPATCH_MERGE_SIMILARITY ?? DEFAULT_REPEAT_RULE.threshold);
  if (!(threshold > 0 && threshold <= 1))
    problems.push(`DISPATCH_MERGE_SIMILARITY: must be a number above 0 and at most 1, got "${env.DISPATCH_MERGE_SIMILARITY}"`);
  if (problems.length > 0) throw new ConfigError(`invalid configuration of dispatch:\n  ${problems.join('\n  ')}`);
  return { windowMs: days * 86_400_000, threshold };
}
