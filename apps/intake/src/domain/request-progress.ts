/** Where a request stands, as its requester sees it, in the order a request goes through them. */
export const REQUEST_STATES = ['submitted', 'in-triage', 'assigned', 'in-progress', 'replied'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/**
 * A state's rank: events of different topics may arrive in any order, so what is stored is the highest rank
 * reported, and a later state never gives way to an earlier one.
 */
export const rankOf = (state: RequestState): number => REQUEST_STATES.indexOf(state);

export const stateOfRank = (rank: number): RequestState => REQUEST_STATES[Math.min(Math.max(rank, 0), REQUEST_STATES.length - 1)];

/** What one event says of a request's progress; the department and deadline come with an assignment. */
export interface ProgressReport {
  readonly caseId: string;
  readonly state: RequestState;
  readonly assignment?: { readonly departmentCode: string; readonly departmentName: string; readonly deadline: Date | null; readonly assignedAt: Date };
}

/**
 * One report per case out of many (events of one fetch, in any order): the furthest state, and the latest
 * assignment, so that one statement can record them all.
 */
export function mergedReports(reports: readonly ProgressReport[]): ProgressReport[] {
  const byCase = new Map<string, ProgressReport>();
  for (const report of reports) {
    const earlier = byCase.get(report.caseId);
    if (!earlier) {
      byCase.set(report.caseId, report);
      continue;
    }
    const assignments = [earlier.assignment, report.assignment].filter((assignment) => assignment !== undefined);
    const latest = assignments.sort((a, b) => b.assignedAt.getTime() - a.assignedAt.getTime())[0];
    byCase.set(report.caseId, {
      caseId: report.caseId,
      state: rankOf(report.state) > rankOf(earlier.state) ? report.state : earlier.state,
      ...(latest ? { assignment: latest } : {}),
    });
  }
  return [...byCase.values()];
}
