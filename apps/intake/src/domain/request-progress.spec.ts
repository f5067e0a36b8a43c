import { mergedReports, rankOf, stateOfRank, type ProgressReport } from './request-progress';

describe('request states', () => {
  it('rank in the order a request goes through them, so the highest reported wins', () => {
    expect(rankOf('submitted')).toBeLessThan(rankOf('in-triage'));
    expect(rankOf('in-triage')).toBeLessThan(rankOf('assigned'));
    expect(rankOf('assigned')).toBeLessThan(rankOf('in-progress'));
    expect(rankOf('in-progress')).toBeLessThan(rankOf('replied'));
    expect(stateOfRank(Math.max(rankOf('replied'), rankOf('in-progress')))).toBe('replied');
    expect(stateOfRank(rankOf('assigned'))).toBe('assigned');
  });
});

describe('mergedReports', () => {
  const assignment = (departmentCode: string, assignedAt: number) => ({
    departmentCode,
    departmentName: departmentCode,
    deadline: new Date(assignedAt + 86_400_000),
    assignedAt: new Date(assignedAt),
  });

  it('keeps one report per case: the furthest state and the latest assignment, whatever the order', () => {
    const reports: ProgressReport[] = [
      { caseId: 'a', state: 'replied' },
      { caseId: 'a', state: 'assigned', assignment: assignment('city-housing', 2000) },
      { caseId: 'b', state: 'in-triage' },
      { caseId: 'a', state: 'assigned', assignment: assignment('a2-housing', 1000) },
      { caseId: 'a', state: 'in-progress' },
    ];
    expect(mergedReports(reports)).toEqual([
      { caseId: 'a', state: 'replied', assignment: assignment('city-housing', 2000) },
      { caseId: 'b', state: 'in-triage' },
    ]);
  });

  it('gives the same result for every order of the same reports', () => {
    const reports: ProgressReport[] = [
      { caseId: 'a', state: 'in-progress' },
      { caseId: 'a', state: 'assigned', assignment: assignment('x', 5) },
      { caseId: 'a', state: 'assigned', assignment: assignment('y', 9) },
    ];
    const expected = mergedReports(reports);
    for (const order of [[0, 1, 2], [2, 1, 0], [1, 2, 0], [2, 0, 1]]) expect(mergedReports(order.map((index) => reports[index]))).toEqual(expected);
  });
});
