/** Anything numbered in the order it was stored and in force from an effective time (a catalog version). */
export interface EffectiveVersion {
  readonly version: number;
  readonly effectiveFrom: Date;
}

/**
 * The version in force at an instant: the one with the latest effective time at or before it, the later one when two
 * share that time. Before every version's effective time, the earliest one (nothing is ever left without a version).
 */
export function versionInForce<T extends EffectiveVersion>(versions: readonly T[], instant: Date): T | undefined {
  let best: T | undefined;
  for (const candidate of versions) {
    if (candidate.effectiveFrom.getTime() > instant.getTime()) continue;
    if (
      !best ||
      candidate.effectiveFrom.getTime() > best.effectiveFrom.getTime() ||
      (candidate.effectiveFrom.getTime() === best.effectiveFrom.getTime() && candidate.version > best.version)
    )
      best = candidate;
  }
  return best ?? [...versions].sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime() || a.version - b.version)[0];
}
