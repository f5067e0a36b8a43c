import { WeekdayCalendar } from './working-days';

const calendar = new WeekdayCalendar();
// Times are written in China Standard Time (+08:00), the platform's civil time.
const at = (iso: string) => new Date(iso);

describe('WeekdayCalendar', () => {
  it('knows weekends in China time, not UTC', () => {
    expect(calendar.isWorkingDay(at('2026-11-20T23:30:00+08:00'))).toBe(true); // Friday evening
    expect(calendar.isWorkingDay(at('2026-11-21T00:30:00+08:00'))).toBe(false); // Saturday, still Friday in UTC
  });

  it('adds working days and keeps the time of day, skipping the weekend', () => {
    expect(calendar.addWorkingDays(at('2026-11-18T10:00:00+08:00'), 3)).toEqual(at('2026-11-23T10:00:00+08:00'));
    expect(calendar.addWorkingDays(at('2026-11-20T16:00:00+08:00'), 10)).toEqual(at('2026-12-04T16:00:00+08:00'));
  });

  it('counts a weekend request from the start of Monday', () => {
    expect(calendar.addWorkingDays(at('2026-11-21T15:00:00+08:00'), 3)).toEqual(at('2026-11-26T00:00:00+08:00'));
  });

  it('ends a weekend request’s limit at the close of its last working day, not at midnight after the next weekend', () => {
    // Sunday: Monday the 23rd is day 1, Friday 4 December day 10; the limit ends as that Friday does.
    expect(calendar.addWorkingDays(at('2026-11-22T10:00:00+08:00'), 10)).toEqual(at('2026-12-05T00:00:00+08:00'));
    expect(calendar.addWorkingDays(at('2026-11-22T10:00:00+08:00'), 5)).toEqual(at('2026-11-28T00:00:00+08:00'));
    expect(calendar.addWorkingDays(at('2026-11-22T10:00:00+08:00'), 0)).toEqual(at('2026-11-23T00:00:00+08:00'));
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => calendar.addWorkingDays(at('2026-11-18T10:00:00+08:00'), -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(at('2026-11-18T10:00:00+08:00'), 1.5)).toThrow(RangeError);
  });
});
