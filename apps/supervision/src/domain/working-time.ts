import {
  chinaDateOf,
  nextCivilDate,
  OFFICE_CLOSES_MINUTES,
  OFFICE_OPENS_MINUTES,
  startOfChinaDate,
  type WorkingCalendar,
} from '@ugov/calendar';

/**
 * How a limit's time is counted:
 * - `workingDays`: whole working days (00:00–24:00 China time), the day of acceptance not counted;
 * - `workingHours`: office hours (09:00–17:00 China time) on working days;
 * - `minutes`: the wall clock, holidays or not (urgent cases).
 */
export type LimitUnit = 'workingDays' | 'workingHours' | 'minutes';

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** A limit's length in the milliseconds its unit counts. */
export function limitMs(amount: number, unit: LimitUnit): number {
  return amount * (unit === 'workingDays' ? DAY_MS : unit === 'workingHours' ? HOUR_MS : MINUTE_MS);
}

/** The windows of a civil date that count in a unit, as [from, to) instants. */
function countedWindowOf(unit: LimitUnit, date: string, calendar: WorkingCalendar): [number, number] | undefined {
  if (!calendar.isWorkingDate(date)) return undefined;
  const midnight = startOfChinaDate(date).getTime();
  if (unit === 'workingDays') return [midnight, midnight + DAY_MS];
  return [midnight + OFFICE_OPENS_MINUTES * MINUTE_MS, midnight + OFFICE_CLOSES_MINUTES * MINUTE_MS];
}

/**
 * Measures time on the working-day calendar in one unit: how much counted between two instants, and the instant
 * a given amount of counted time after another is reached. Both agree with `WorkingCalendar.dueAt` and
 * `addWorkingHours` (specs), so a clock's due time is the one dispatch announces.
 */
export class WorkingTime {
  constructor(private readonly calendar: WorkingCalendar) {}

  /** Counted milliseconds in [from, to); 0 when to ≤ from. */
  between(unit: LimitUnit, from: Date, to: Date): number {
    const start = from.getTime();
    const end = to.getTime();
    if (end <= start) return 0;
    if (unit === 'minutes') return end - start;
    let counted = 0;
    for (let date = chinaDateOf(from); startOfChinaDate(date).getTime() < end; date = nextCivilDate(date)) {
      const window = countedWindowOf(unit, date, this.calendar);
      if (!window) continue;
      const overlap = Math.min(end, window[1]) - Math.max(start, window[0]);
      if (overlap > 0) counted += overlap;
    }
    return counted;
  }

  /** The instant at which `ms` counted milliseconds after `from` have passed (`from` itself when ms ≤ 0). */
  add(unit: LimitUnit, from: Date, ms: number): Date {
    if (ms <= 0) return from;
    if (unit === 'minutes') return new Date(from.getTime() + ms);
    let remaining = ms;
    const start = from.getTime();
    for (let date = chinaDateOf(from); ; date = nextCivilDate(date)) {
      const window = countedWindowOf(unit, date, this.calendar);
      if (!window) continue;
      const opens = Math.max(start, window[0]);
      if (opens >= window[1]) continue;
      if (remaining <= window[1] - opens) return new Date(opens + remaining);
      remaining -= window[1] - opens;
    }
  }

  /**
   * Where counting starts for a clock started at `startedAt`: a limit in days starts with the day after (the day
   * of acceptance is not counted, 期间开始之日不计算在内); hours and minutes start at once.
   */
  countingStart(unit: LimitUnit, startedAt: Date): Date {
    return unit === 'workingDays' ? startOfChinaDate(nextCivilDate(chinaDateOf(startedAt))) : startedAt;
  }
}
