import fc from 'fast-check';
import { parseCalendarOverrides, PrcWorkingCalendar } from '@ugov/calendar';
import { WorkingTime } from './working-time';

const calendar = new PrcWorkingCalendar({ overrides: parseCalendarOverrides({ years: [], days: [] }, 'spec'), warn: () => undefined });
const time = new WorkingTime(calendar);
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const at = (iso: string) => new Date(iso);

describe('WorkingTime', () => {
  it('counts whole working days from the day after acceptance, like the calendar dueAt, across 2025–2026', () => {
    fc.assert(
      fc.property(
        fc.date({ min: at('2025-01-01T00:00:00Z'), max: at('2026-11-30T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 25 }),
        (acceptedAt, days) => {
          const start = time.countingStart('workingDays', acceptedAt);
          expect(time.add('workingDays', start, days * DAY)).toEqual(calendar.dueAt(acceptedAt, days));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts office hours like the calendar addWorkingHours', () => {
    fc.assert(
      fc.property(
        fc.date({ min: at('2025-01-01T00:00:00Z'), max: at('2026-11-30T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 60 }),
        (start, quarterHours) => {
          expect(time.add('workingHours', start, (quarterHours * HOUR) / 4)).toEqual(calendar.addWorkingHours(start, quarterHours / 4));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('between is the inverse of add', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('workingDays' as const, 'workingHours' as const, 'minutes' as const),
        fc.date({ min: at('2025-01-01T00:00:00Z'), max: at('2026-11-30T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 10 * DAY }),
        (unit, from, ms) => {
          expect(time.between(unit, from, time.add(unit, from, ms))).toBe(ms);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts nothing over the 2026 Spring Festival (15–23 February) and counts the make-up Saturday 14 February', () => {
    expect(time.between('workingDays', at('2026-02-14T16:00:00Z'), at('2026-02-23T16:00:00Z'))).toBe(0); // 15th to 23rd, China time
    expect(time.between('workingDays', at('2026-02-13T16:00:00Z'), at('2026-02-14T16:00:00Z'))).toBe(DAY); // Saturday the 14th
    expect(time.between('workingHours', at('2026-02-13T16:00:00Z'), at('2026-02-24T16:00:00Z'))).toBe(16 * HOUR); // the 14th and the 24th
  });

  it('an office-hours limit started after 17:00 the day before National Day runs into the make-up Saturday 10 October 2026', () => {
    // 30 September 18:00 China time; 1–7 October rest, 8 and 9 October working, 10 October a working Saturday.
    expect(time.add('workingHours', at('2026-09-30T10:00:00Z'), 18 * HOUR)).toEqual(at('2026-10-10T03:00:00Z'));
  });
});
