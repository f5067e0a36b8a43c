import { readFileSync } from 'node:fs';
import shippedOverrides from '../data/calendar-overrides.json';
import { isCivilDate } from './china-time';

/** A day whose status differs from what the package (or, in a year it lacks, the weekday rule) says. */
export interface CalendarOverrideDay {
  readonly date: string;
  /** `rest`: a public or regional holiday; `work`: a make-up working day (调休上班). */
  readonly kind: 'rest' | 'work';
  readonly name: string;
}

export interface CalendarOverrides {
  /** Years this file describes completely (every holiday and make-up day), so they count as covered. */
  readonly years: readonly number[];
  readonly days: readonly CalendarOverrideDay[];
}

export class InvalidCalendarOverridesError extends Error {}

/** Checks an override document; any fault stops the load with the source, the entry and the reason. */
export function parseCalendarOverrides(raw: unknown, source: string): CalendarOverrides {
  const fail = (where: string, reason: string): never => {
    throw new InvalidCalendarOverridesError(`${source}: ${where}: ${reason}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('document', 'must be an object with "years" and "days"');
  const document = raw as Record<string, unknown>;
  const unknownKeys = Object.keys(document).filter((key) => !['$comment', 'years', 'days'].includes(key));
  if (unknownKeys.length > 0) fail(unknownKeys[0], 'unknown key (allowed: $comment, years, days)');
  const { years = [], days = [] } = document;
  if (!Array.isArray(years)) return fail('years', 'must be an array of years');
  years.forEach((year, index) => {
    if (!Number.isInteger(year) || (year as number) < 2000 || (year as number) > 2100)
      fail(`years[${index}]`, `${JSON.stringify(year)} is not a year between 2000 and 2100`);
  });
  if (new Set(years).size !== years.length) fail('years', 'lists a year twice');
  if (!Array.isArray(days)) return fail('days', 'must be an array of {date, kind, name}');
  const seen = new Set<string>();
  const parsed = days.map((entry: unknown, index): CalendarOverrideDay => {
    const where = `days[${index}]`;
    if (typeof entry !== 'object' || entry === null) return fail(where, 'must be an object {date, kind, name}');
    const { date, kind, name, ...rest } = entry as Record<string, unknown>;
    const extra = Object.keys(rest).filter((key) => key !== 'note');
    if (extra.length > 0) fail(`${where}.${extra[0]}`, 'unknown key (allowed: date, kind, name, note)');
    if (typeof date !== 'string' || !isCivilDate(date))
      return fail(`${where}.date`, `${JSON.stringify(date)} is not a date written YYYY-MM-DD`);
    if (kind !== 'rest' && kind !== 'work') return fail(`${where}.kind`, `${JSON.stringify(kind)} must be "rest" or "work"`);
    if (typeof name !== 'string' || name.trim() === '') return fail(`${where}.name`, 'must name the holiday or the make-up day');
    if (seen.has(date)) fail(`${where}.date`, `${date} is listed twice`);
    seen.add(date);
    return { date, kind, name };
  });
  return { years: years as number[], days: parsed };
}

/**
 * CALENDAR_OVERRIDES_FILE (a JSON file of the same shape) replaces the override file shipped in
 * libs/calendar/data; either is checked when the calendar is built, that is at start-up.
 */
export function loadCalendarOverrides(env: NodeJS.ProcessEnv = process.env): CalendarOverrides {
  const file = env.CALENDAR_OVERRIDES_FILE;
  if (!file) return parseCalendarOverrides(shippedOverrides, 'libs/calendar/data/calendar-overrides.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InvalidCalendarOverridesError(`CALENDAR_OVERRIDES_FILE: cannot read ${file} as JSON (${(error as Error).message})`);
  }
  return parseCalendarOverrides(raw, `CALENDAR_OVERRIDES_FILE ${file}`);
}
