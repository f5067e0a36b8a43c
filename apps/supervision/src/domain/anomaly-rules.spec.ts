import { loadWorkingCalendar } from '@ugov/calendar';
import { bouncesOf, isStale, offSystemReasonOf, returnRateOutliers } from './anomaly-rules';
import { WorkingTime } from './working-time';

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 30, 1, minutes));

describe('anomaly rules', () => {
  it('finds a reply handled outside the system (体外循环), one reason at a time', () => {
    const minute = 60_000;
    expect(offSystemReasonOf(at(30), undefined, minute)).toBe('reply-without-assignment');
    expect(offSystemReasonOf(at(30), { assignedAt: at(0), signedAt: null }, minute)).toBe('reply-without-sign-off');
    expect(offSystemReasonOf(at(30), { assignedAt: at(10), signedAt: at(5) }, minute)).toBe('timestamps-out-of-order');
    expect(offSystemReasonOf(at(4), { assignedAt: at(0), signedAt: at(5) }, minute)).toBe('timestamps-out-of-order');
    expect(offSystemReasonOf(at(5), { assignedAt: at(0), signedAt: at(5) }, minute)).toBe('reply-too-fast');
    expect(offSystemReasonOf(at(6), { assignedAt: at(0), signedAt: at(5) }, minute)).toBeUndefined();
    // 0 turns the speed test off.
    expect(offSystemReasonOf(at(5), { assignedAt: at(0), signedAt: at(5) }, 0)).toBeUndefined();
  });

  it('counts a case’s bounces as the more of its returns and re-routes', () => {
    expect(bouncesOf(2, 1)).toBe(2);
    expect(bouncesOf(0, 3)).toBe(3);
  });

  it('names departments whose return rate is above mean + kσ among those with enough volume', () => {
    const departments = [
      ...Array.from({ length: 9 }, (_, index) => ({ departmentCode: `d${index}`, assignments: 100, returned: 5 + (index % 3) })),
      { departmentCode: 'bouncer', assignments: 100, returned: 40 },
      { departmentCode: 'tiny', assignments: 3, returned: 3 },
    ];
    const outliers = returnRateOutliers(departments, 20, 2);
    expect(outliers.map((outlier) => outlier.departmentCode)).toEqual(['bouncer']);
    expect(outliers[0].rate).toBe(0.4);
    expect(outliers[0].threshold).toBeLessThan(0.4);
    // All alike, or too few to compare: nobody is out of line.
    expect(returnRateOutliers(departments.slice(0, 1), 20, 2)).toEqual([]);
    expect(
      returnRateOutliers(
        [1, 2, 3].map((n) => ({ departmentCode: `e${n}`, assignments: 50, returned: 5 })),
        20,
        2,
      ),
    ).toEqual([]);
  });

  it('counts a stale case’s days on the working-day calendar: the National Day holiday does not count, its make-up Saturday does', () => {
    const time = new WorkingTime(loadWorkingCalendar());
    const lastEvent = new Date('2025-09-30T10:00:00+08:00');
    // Nine calendar days later, but only 14 h of 30 September and 10 h of 9 October were working time.
    expect(isStale(lastEvent, new Date('2025-10-09T10:00:00+08:00'), 5, time)).toBe(false);
    // 9, 10, 11 (a make-up Saturday), 13, 14 and 15 October: more than five working days.
    expect(isStale(lastEvent, new Date('2025-10-16T10:00:00+08:00'), 5, time)).toBe(true);
    expect(isStale(lastEvent, new Date('2025-10-14T09:00:00+08:00'), 5, time)).toBe(false);
  });
});
