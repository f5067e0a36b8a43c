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

/** The China midnight that begins the civil day of an instant. */
const midnightBefore = (instant: Date): number => startOfChinaDate(chinaDateOf(instant)).getTime();
/** Where the counted window of a working day that begins at `midnight` opens and closes: the whole day, or office hours. */
const windowOpening = (unit: LimitUnit, midnight: number): number =>
  unit === 'workingDays' ? midnight : midnight + OFFICE_OPENS_MINUTES * MINUTE_MS;
const windowClosing = (unit: LimitUnit, midnight: number): number =>
  unit === 'workingDays' ? midnight + DAY_MS : midnight + OFFICE_CLOSES_MINUTES * MINUTE_MS;

/** A limit's length in the milliseconds its unit counts. */
export function limitMs(amount: number, unit: LimitUnit): number {
  return amount * (unit === 'workingDays' ? DAY_MS : unit === 'workingHours' ? HOUR_MS : MINUTE_MS);
}

/**
 * Measures time on the working-day calendar in one unit: how much counted between two instants, and the instant
 * a given amount of counted time after another is reached. Both agree with `WorkingCalendar.dueAt` and
 * `addWorkingHours` (specs), so a clock's due time is the one dispatch announces.
 *
 * Days are walked by their China midnight (China time has no daylight saving: every civil day is 24 hours), and the
 * calendar is asked about each day once: a clock's due times walk the same few weeks for every case.
 */
export class WorkingTime {
  /** Whether the civil day that begins at a China midnight (epoch milliseconds) is a working day. */
  private readonly workingDays = new Map<number, boolean>();

  constructor(private readonly calendar: WorkingCalendar) {}

  /** Counted milliseconds in [from, to); 0 when to ≤ from. */
  between(unit: LimitUnit, from: Date, to: Date): number {
    const start = from.getTime();
    const end = to.getTime();
    if (end <= start) return 0;
    if (unit === 'minutes') return end - start;
    let counted = 0;
    for (let midnight = midnightBefore(from); midnight < end; midnight += DAY_MS) {
      if (!this.isWorking(midnight)) continue;
      const overlap = Math.min(end, windowClosing(unit, midnight)) - Math.max(start, windowOpening(unit, midnight));
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
    for (let midnight = midnightBefore(from); ; midnight += DAY_MS) {
      if (!this.isWorking(midnight)) continue;
      const opens = Math.max(start, windowOpening(unit, midnight));
      const closes = windowClosing(unit, midnight);
      if (opens >= closes) continue;
      if (remaining <= closes - opens) return new Date(opens + remaining);
      remaining -= closes - opens;
    }
  }

  /**
   * Where counting starts for a clock started at `startedAt`: a limit in days starts with the day after (the day
   * of acceptance is not counted, 期间开始之日不计算在内); hours and minutes start at once.
   */
  countingStart(unit: LimitUnit, startedAt: Date): Date {
    return unit === 'workingDays' ? startOfChinaDate(nextCivilDate(chinaDateOf(startedAt))) : startedAt;
  }

  private isWorking(midnight: number): boolean {
    let working = this.workingDays.get(midnight);
    if (working === undefined) {
      working = this.calendar.isWorkingDate(chinaDateOf(new Date(midnight)));
      this.workingDays.set(midnight, working);
    }
    return working;
  }
}
