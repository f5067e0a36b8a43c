import packageDays from 'chinese-days/dist/chinese-days.json';
import { loadCalendarOverrides, type CalendarOverrides } from './calendar-overrides';
import { chinaDateOf, isCivilDate, nextCivilDate, startOfChinaDate, weekdayOf } from './china-time';

/**
 * The working-day calendar every service counts deadlines on: PRC public holidays and make-up working days
 * (调休), in China Standard Time. Limits in days follow the administrative rule that the day of acceptance is
 * not counted and a limit ends with its last day (期间开始之日不计算在内).
 */
export interface WorkingCalendar {
  /** Whether a civil date (YYYY-MM-DD, China time) is a working day. */
  isWorkingDate(date: string): boolean;
  /** Whether the China-time day of an instant is a working day. */
  isWorkingDay(instant: Date): boolean;
  /** The last working day of a limit of `workingDays` counted from the working day after `acceptedOn`. */
  dueDate(acceptedOn: string, workingDays: number): string;
  /** The instant that limit ends: 24:00 China time of its last working day. */
  dueAt(acceptedAt: Date, workingDays: number): Date;
  /** `hours` of office hours (09:00–17:00 China time on working days) after `start`. */
  addWorkingHours(start: Date, hours: number): Date;
  /** Whether the holidays and make-up days of `year` are known; an uncovered year counts weekdays only. */
  coversYear(year: number): boolean;
}

/** Office hours, in minutes after midnight China time, for limits counted in working hours (sign-off). */
export const OFFICE_OPENS_MINUTES = 9 * 60;
export const OFFICE_CLOSES_MINUTES = 17 * 60;

type DayKind = 'rest' | 'work';
/** At most this many due dates are remembered (months of acceptance dates, a handful of limits each); then the memory starts again. */
const DUE_DATES_KEPT = 1024;
const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;

export interface WorkingCalendarOptions {
  readonly overrides: CalendarOverrides;
  /** Told once per year that has no data, when a date in it is first asked about. */
  readonly warn?: (message: string) => void;
}

/**
 * The `chinese-days` package's State Council schedule, then the override file on top (it wins on any date it
 * lists). A year neither covers falls back to Monday–Friday with a warning rather than refusing: refusing
 * would stop every assignment whose limit crosses into a year whose schedule is not yet published (each
 * December), while a weekday count is off by a few days at most until the override file covers the year.
 */
export class PrcWorkingCalendar implements WorkingCalendar {
  private readonly days = new Map<string, DayKind>();
  private readonly coveredYears = new Set<number>();
  private readonly warnedYears = new Set<number>();
  /**
   * Due dates already counted, by acceptance date and limit: the days never change after construction, and the
   * cases of a day share a handful of limits, while counting walks some twenty dates (a few hundred objects).
   */
  private readonly dueDates = new Map<string, string>();
  private readonly warn: (message: string) => void;

  constructor({ overrides, warn = (message) => console.warn(message) }: WorkingCalendarOptions) {
    this.warn = warn;
    for (const date of Object.keys(packageDays.holidays)) {
      this.days.set(date, 'rest');
      this.coveredYears.add(Number(date.slice(0, 4)));
    }
    for (const date of Object.keys(packageDays.workdays)) this.days.set(date, 'work');
    for (const year of overrides.years) this.coveredYears.add(year);
    for (const day of overrides.days) this.days.set(day.date, day.kind);
  }

  coversYear(year: number): boolean {
    return this.coveredYears.has(year);
  }

  isWorkingDate(date: string): boolean {
    if (!isCivilDate(date)) throw new RangeError(`not a date written YYYY-MM-DD: ${date}`);
    const kind = this.days.get(date);
    if (kind) return kind === 'work';
    const year = Number(date.slice(0, 4));
    if (!this.coveredYears.has(year) && !this.warnedYears.has(year)) {
      this.warnedYears.add(year);
      this.warn(
        `working-day calendar: no holidays or make-up days for ${year}; counting Monday to Friday until the ` +
          `chinese-days package or the calendar override file covers it`,
      );
    }
    const weekday = weekdayOf(date);
    return weekday !== 0 && weekday !== 6;
  }

  isWorkingDay(instant: Date): boolean {
    return this.isWorkingDate(chinaDateOf(instant));
  }

  dueDate(acceptedOn: string, workingDays: number): string {
    const key = `${acceptedOn}+${workingDays}`;
    const known = this.dueDates.get(key);
    if (known !== undefined) return known;
    if (!isCivilDate(acceptedOn)) throw new RangeError(`not a date written YYYY-MM-DD: ${acceptedOn}`);
    if (!Number.isInteger(workingDays) || workingDays < 1)
      throw new RangeError(`workingDays must be a positive integer, got ${workingDays}`);
    let date = acceptedOn;
    for (let counted = 0; counted < workingDays;) {
      date = nextCivilDate(date);
      if (this.isWorkingDate(date)) counted++;
    }
    if (this.dueDates.size >= DUE_DATES_KEPT) this.dueDates.clear();
    this.dueDates.set(key, date);
    return date;
  }

  dueAt(acceptedAt: Date, workingDays: number): Date {
    return startOfChinaDate(nextCivilDate(this.dueDate(chinaDateOf(acceptedAt), workingDays)));
  }

  addWorkingHours(start: Date, hours: number): Date {
    if (!Number.isFinite(hours) || hours <= 0) throw new RangeError(`hours must be a positive number, got ${hours}`);
    let remaining = hours * HOUR_MS;
    let cursor = start.getTime();
    let date = chinaDateOf(start);
    for (;;) {
      if (this.isWorkingDate(date)) {
        const midnight = startOfChinaDate(date).getTime();
        const opens = midnight + OFFICE_OPENS_MINUTES * MINUTE_MS;
        const closes = midnight + OFFICE_CLOSES_MINUTES * MINUTE_MS;
        const from = Math.max(cursor, opens);
        if (from < closes) {
          if (remaining <= closes - from) return new Date(from + remaining);
          remaining -= closes - from;
        }
      }
      date = nextCivilDate(date);
      cursor = startOfChinaDate(date).getTime();
    }
  }
}

/** The calendar with the override file in force (the shipped one or CALENDAR_OVERRIDES_FILE); throws if it is invalid. */
export function loadWorkingCalendar(warn?: (message: string) => void, env: NodeJS.ProcessEnv = process.env): WorkingCalendar {
  return new PrcWorkingCalendar({ overrides: loadCalendarOverrides(env), warn });
}
