import type { Catalog } from './catalog';

/** A catalog as imported: numbered in import order, in force from its effective time. */
export interface CatalogVersion {
  readonly version: number;
  readonly effectiveFrom: Date;
  readonly catalog: Catalog;
}

/** The version in force at an instant (shared with intake, which keeps the versions dispatch publishes). */
export { versionInForce } from '@ugov/domain';

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
