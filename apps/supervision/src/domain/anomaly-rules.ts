import type { WorkingTime } from './working-time';

/**
 * Supervision's anomaly rules (异常监察) as plain code: 体外循环 (off-system handling), 推诿 (shirking), a department's
 * return rate out of line, repeat complaints and stale cases. Each anomaly is recorded once per kind and subject.
 */
export const ANOMALY_KINDS = ['off-system', 'shirking', 'return-rate', 'repeat-complaint', 'stale-case'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

export interface AnomalySettings {
  /** A reply sooner than this after sign-off is too fast to be real (体外循环); 0 turns the test off. */
  readonly minReplyMs: number;
  /** Returns or re-routes of one case that make it 推诿. */
  readonly shirkingBounces: number;
  /** Working days without any event after which an open case is stale. */
  readonly staleWorkingDays: number;
  /** The return-rate rule: the window, the volume a department needs to be compared, and how many σ above the mean is out of line. */
  readonly returnRateWindowDays: number;
  readonly returnRateMinAssignments: number;
  readonly returnRateSigmas: number;
}

export type OffSystemReason = 'reply-without-assignment' | 'reply-without-sign-off' | 'timestamps-out-of-order' | 'reply-too-fast';

/** What supervision knows of the assignment a reply closes. */
export interface RepliedAssignment {
  readonly assignedAt: Date;
  readonly signedAt: Date | null;
}

/** Why a reply looks handled outside the system (体外循环), or undefined when it does not. */
export function offSystemReasonOf(
  repliedAt: Date,
  assignment: RepliedAssignment | undefined,
  minReplyMs: number,
): OffSystemReason | undefined {
  if (!assignment) return 'reply-without-assignment';
  if (!assignment.signedAt) return 'reply-without-sign-off';
  const assigned = assignment.assignedAt.getTime();
  const signed = assignment.signedAt.getTime();
  const replied = repliedAt.getTime();
  if (signed < assigned || replied < signed) return 'timestamps-out-of-order';
  if (minReplyMs > 0 && replied - signed < minReplyMs) return 'reply-too-fast';
  return undefined;
}

/** How often a case bounced: the more of its returns (退单) and its re-routes (改派). */
export function bouncesOf(returns: number, reroutes: number): number {
  return Math.max(returns, reroutes);
}

export interface DepartmentReturns {
  readonly departmentCode: string;
  readonly assignments: number;
  readonly returned: number;
}

export interface ReturnRateOutlier extends DepartmentReturns {
  readonly rate: number;
  readonly mean: number;
  readonly standardDeviation: number;
  readonly threshold: number;
}

/**
 * Departments whose return rate is above mean + k·σ of the rates of all departments with at least `minAssignments`
 * assignments in the window (population σ); none when fewer than two departments compare or all rates are equal.
 */
export function returnRateOutliers(departments: readonly DepartmentReturns[], minAssignments: number, sigmas: number): ReturnRateOutlier[] {
  const compared = departments.filter((department) => department.assignments >= minAssignments && department.assignments > 0);
  if (compared.length < 2) return [];
  const rates = compared.map((department) => department.returned / department.assignments);
  const mean = rates.reduce((sum, rate) => sum + rate, 0) / rates.length;
  const standardDeviation = Math.sqrt(rates.reduce((sum, rate) => sum + (rate - mean) ** 2, 0) / rates.length);
  if (standardDeviation === 0) return [];
  const threshold = mean + sigmas * standardDeviation;
  return compared
    .map((department, index) => ({ ...department, rate: rates[index], mean, standardDeviation, threshold }))
    .filter((department) => department.rate > threshold);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether a case with no event since `lastEventAt` is stale at `now`: `workingDays` of the calendar's working days have passed. */
export function isStale(lastEventAt: Date, now: Date, workingDays: number, time: WorkingTime): boolean {
  return time.between('workingDays', lastEventAt, now) >= workingDays * DAY_MS;
}
