import type { Catalog, Category, Region } from './catalog';
import { assignmentsExcluding, type PlannedAssignments } from './routing';

/** The setting's default: a case may be returned twice; the third return goes to a dispatcher. */
export const DEFAULT_RETURNS_BEFORE_ARBITRATION = 2;

export interface ReturnedCase {
  readonly category: Category;
  readonly region: Region;
  /** How many times the case has been returned, counting this return. */
  readonly returns: number;
  /** Every department that returned the case, this one included. */
  readonly returnedBy: ReadonlySet<string>;
  /** Departments still holding an open lead or co-handler part of the case: they get no second assignment (a copy may become the lead). */
  readonly stillHolding: ReadonlySet<string>;
}

export type AfterReturn =
  { readonly kind: 'reroute'; readonly planned: PlannedAssignments } | { readonly kind: 'arbitration'; readonly reason: string };

/**
 * Where a returned case goes next (改派): to the departments routing finds when every department that returned it
 * is left out, unless it was returned more than `limit` times or no department remains, when a dispatcher decides.
 */
export function afterReturn(returned: ReturnedCase, catalog: Catalog, limit: number): AfterReturn {
  if (returned.returns > limit)
    return { kind: 'arbitration', reason: `returned ${returned.returns} times, more than the ${limit} allowed before arbitration` };
  const planned = assignmentsExcluding(returned.category, returned.region, catalog, returned.returnedBy);
  if (!planned) return { kind: 'arbitration', reason: `no department remains: every candidate returned the case` };
  const assignments = planned.assignments.filter(({ department }) => !returned.stillHolding.has(department.code));
  if (assignments[0]?.role !== 'lead')
    return {
      kind: 'arbitration',
      reason: `no department remains: ${planned.assignments[0].department.code} already holds a part of the case`,
    };
  return { kind: 'reroute', planned: { ...planned, assignments } };
}
