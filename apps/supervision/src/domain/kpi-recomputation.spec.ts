import { countKpis, periodOf, type RecomputedAssignment } from './kpi-recomputation';

const assignment = (id: string, changes: Partial<RecomputedAssignment>): RecomputedAssignment => ({
  assignmentId: id,
  departmentCode: 'city-housing',
  departmentName: '住房和城乡建设局',
  departmentLevel: 'city',
  regionCode: '430104003',
  categoryCode: 'urban.02.06',
  assignedAt: new Date('2026-11-02T02:00:00Z'),
  deadline: new Date('2026-11-12T02:00:00Z'),
  signedAt: null,
  signedOnTime: null,
  returnedAt: null,
  repliedAt: null,
  repliedOnTime: null,
  outcome: null,
  redos: 0,
  rating: null,
  followUpDueOn: null,
  followedUpAt: null,
  ...changes,
});

describe('KPIs recomputed one assignment at a time', () => {
  it('puts a moment in its China day, week from Monday and month', () => {
    // 2026-11-01T16:30Z is Monday 2 November 00:30 in China.
    const at = new Date('2026-11-01T16:30:00Z');
    expect([periodOf(at, 'day'), periodOf(at, 'week'), periodOf(at, 'month')]).toEqual(['2026-11-02', '2026-11-02', '2026-11-01']);
    expect(periodOf(new Date('2026-11-08T10:00:00Z'), 'week')).toBe('2026-11-02');
  });

  it('counts each formula, leaving out what was assigned outside the period', () => {
    const now = new Date('2026-11-30T00:00:00Z');
    const [row, ...others] = countKpis(
      [
        assignment('signed-replied', {
          signedAt: new Date('2026-11-02T03:00:00Z'),
          signedOnTime: true,
          repliedAt: new Date('2026-11-05T03:00:00Z'),
          repliedOnTime: true,
          outcome: 'resolved',
          rating: { value: 3, at: new Date('2026-11-06T03:00:00Z'), id: 'e1' },
          followUpDueOn: '2026-11-06',
          followedUpAt: new Date('2026-11-06T05:00:00Z'),
        }),
        assignment('redone-open', {
          signedAt: new Date('2026-11-02T09:00:00Z'),
          signedOnTime: false,
          redos: 1,
          rating: { value: 2, at: new Date('2026-11-06T03:00:00Z'), id: 'e2' },
          followUpDueOn: '2026-11-06',
        }),
        assignment('returned', { returnedAt: new Date('2026-11-02T04:00:00Z') }),
        assignment('before', { assignedAt: new Date('2026-10-20T02:00:00Z') }),
      ],
      { from: '2026-11-01', to: '2026-11-30', by: 'level' },
      now,
    );
    expect(others).toEqual([]);
    expect(row).toEqual({
      key: 'city',
      name: '市级',
      cases: 3,
      signedOnTime: 1,
      responded: 3,
      repliedOnTime: 1,
      replied: 1,
      resolved: 1,
      returned: 1,
      everReplied: 2,
      redone: 1,
      overdue: 1,
      evaluated: 2,
      satisfied: 1,
      followUpsDue: 2,
      followedUp: 1,
    });
  });
});
