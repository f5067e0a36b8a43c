/**
 * The plain weekday calendar: Monday to Friday are working days, in China Standard Time (UTC+8, no DST).
 * Public holidays and make-up working days (调休) come with the real calendar later; callers use this
 * interface so that swap touches nothing else.
 */
export interface WorkingCalendar {
  isWorkingDay(instant: Date): boolean;
  addWorkingDays(start: Date, days: number): Date;
}

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The civil date in China (UTC+8, no DST) of an instant, as YYYY-MM-DD. */
export function chinaDateOf(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
const DAY_MS = 24 * 60 * 60 * 1000;

export class WeekdayCalendar implements WorkingCalendar {
  isWorkingDay(instant: Date): boolean {
    const weekday = new Date(instant.getTime() + CHINA_OFFSET_MS).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * The same time of day `days` working days later. A start on a rest day counts from the next working
   * day's beginning, so a Saturday request is not due earlier than a Monday one: that day is the first of
   * the `days`, and the limit ends at the close (24:00) of the last one, never at midnight after a weekend.
   */
  addWorkingDays(start: Date, days: number): Date {
    if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer, got ${days}`);
    if (this.isWorkingDay(start)) return this.advance(start, days);
    const firstWorkingDay = this.startOfNextWorkingDay(start);
    if (days === 0) return firstWorkingDay;
    return new Date(this.advance(firstWorkingDay, days - 1).getTime() + DAY_MS);
  }

  /** The same time of day, `days` working days on. */
  private advance(from: Date, days: number): Date {
    let cursor = from;
    for (let remaining = days; remaining > 0;) {
      cursor = new Date(cursor.getTime() + DAY_MS);
      if (this.isWorkingDay(cursor)) remaining--;
    }
    return cursor;
  }

  /** 00:00 China time of the first working day after a rest-day instant. */
  private startOfNextWorkingDay(restDay: Date): Date {
    let cursor = restDay;
    while (!this.isWorkingDay(cursor)) cursor = new Date(cursor.getTime() + DAY_MS);
    const local = new Date(cursor.getTime() + CHINA_OFFSET_MS);
    return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - CHINA_OFFSET_MS);
  }
}
