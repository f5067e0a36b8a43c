import type { Catalog } from './catalog';

/** A catalog as imported: numbered in import order, in force from its effective time. */
export interface CatalogVersion {
  readonly version: number;
  readonly effectiveFrom: Date;
  readonly catalog: Catalog;
}

/**
 * The version in force at an instant: the one with the latest effective time at or before it, the later import
 * when two share that time. Before every version's effective time, the earliest one (a case is never left
 * without a catalog).
 */
export function versionInForce<T extends Omit<CatalogVersion, 'catalog'>>(versions: readonly T[], instant: Date): T | undefined {
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

/** `YYYY-MM-DD` as the start of that day in China (UTC+8, no DST), when a catalog takes effect; undefined if no such day. */
export function effectiveFromDate(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number);
  const midnightUtc = new Date(Date.UTC(year, month - 1, day));
  if (midnightUtc.getUTCFullYear() !== year || midnightUtc.getUTCMonth() !== month - 1 || midnightUtc.getUTCDate() !== day)
    return undefined;
  return new Date(midnightUtc.getTime() - 8 * 60 * 60 * 1000);
}
