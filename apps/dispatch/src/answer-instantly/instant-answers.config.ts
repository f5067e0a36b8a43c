import { ConfigError } from '@ugov/platform';

/** A class only to serve as its own injection token. */
export abstract class InstantAnswersConfig {
  /** Lowest confidence for the knowledge base to close a consultation itself; above 1 turns instant answers off. */
  abstract readonly confidence: number;
}

export const DEFAULT_INSTANT_ANSWER_CONFIDENCE = 0.8;

export function loadInstantAnswersConfig(env: NodeJS.ProcessEnv = process.env): InstantAnswersConfig {
  const raw = env.DISPATCH_INSTANT_ANSWER_CONFIDENCE;
  const confidence = Number(raw ?? DEFAULT_INSTANT_ANSWER_CONFIDENCE);
  if (!(confidence >= 0.5 && confidence <= 1.01))
    throw new ConfigError(
      `DISPATCH_INSTANT_ANSWER_CONFIDENCE: must be a number from 0.5 to 1 (or 1.01 for no instant answers), got "${raw}"`,
    );
  return { confidence };
}
