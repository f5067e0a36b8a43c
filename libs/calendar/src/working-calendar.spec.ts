import { parseCalendarOverrides } from './calendar-overrides';
import { chinaDateOf, nextCivilDate, weekdayOf } from './china-time';
import { loadWorkingCalendar, PrcWorkingCalendar } from './working-calendar';

/**
 * The State Council's schedules, written out by hand from the notices (国办发明电〔2024〕12号 for 2025,
 * 国办发明电〔2025〕7号 for 2026) so that these specs check the package's data rather than repeat it.
 */
const SCHEDULES = {
  2025: [
    { name: '元旦', rest: ['2025-01-01', '2025-01-01'], work: [] },
    { name: '春节', rest: ['2025-01-28', '2025-02-04'], work: ['2025-01-26', '2025-02-08'] },
    { name: '清明', rest: ['2025-04-04', '2025-04-06'], work: [] },
    { name: '劳动节', rest: ['2025-05-01', '2025-05-05'], work: ['2025-04-27'] },
    { name: '端午', rest: ['2025-05-31', '2025-06-02'], work: [] },
    { name: '国庆、中秋', rest: ['2025-10-01', '2025-10-08'], work: ['2025-09-28', '2025-10-11'] },
  ],
  2026: [
    { name: '元旦', rest: ['2026-01-01', '2026-01-03'], work: ['2026-01-04'] },
    { name: '春节', rest: ['2026-02-15', '2026-02-23'], work: ['2026-02-14', '2026-02-28'] },
    { name: '清明', rest: ['2026-04-04', '2026-04-06'], work: [] },
    { name: '劳动节', rest: ['2026-05-01', '2026-05-05'], work: ['2026-05-09'] },
    { name: '端午', rest: ['2026-06-19', '2026-06-21'], work: [] },
    { name: '中秋', rest: ['2026-09-25', '2026-09-27'], work: [] },
    { name: '国庆', rest: ['2026-10-01', '2026-10-07'], work: ['2026-09-20', '2026-10-10'] },
  ],
} as const;

function datesFrom(first: string, last: string): string[] {
  const dates = [first];
  while (dates[dates.length - 1] !== last) dates.push(nextCivilDate(dates[dates.length - 1]));
  return dates;
}

const noOverrides = parseCalendarOverrides({ years: [], days: [] }, 'spec');
const warnings: string[] = [];
const calendar = new PrcWorkingCalendar({ overrides: noOverrides, warn: (message) => warnings.push(message) });
const at = (iso: string) => new Date(iso);

describe('PrcWorkingCalendar: the 2025 and 2026 schedules', () => {
  describe.each(Object.entries(SCHEDULES))('%s', (year, blocks) => {
    it.each(blocks.map((block) => [block.name, block] as const))(
      '%s: every day of the block is a rest day, every make-up day a working day',
      (_, block) => {
        for (const date of datesFrom(block.rest[0], block.rest[1])) expect([date, calendar.isWorkingDate(date)]).toEqual([date, false]);
        for (const date of block.work) {
          expect([0, 6]).toContain(weekdayOf(date)); // a make-up day is always a weekend day
          expect([date, calendar.isWorkingDate(date)]).toEqual([date, true]);
        }
      },
    );

    it('agrees with the notices on every day of the year', () => {
      const rest = new Set(blocks.flatMap((block) => datesFrom(block.rest[0], block.rest[1])));
      const work = new Set<string>(blocks.flatMap((block) => block.work));
      const disagreements = datesFrom(`${year}-01-01`, `${year}-12-31`).filter((date) => {
        const expected = work.has(date) || (!rest.has(date) && weekdayOf(date) !== 0 && weekdayOf(date) !== 6);
        return calendar.isWorkingDate(date) !== expected;
      });
      expect(disagreements).toEqual([]);
      expect(calendar.coversYear(Number(year))).toBe(true);
    });
  });

  it('warns about no covered year', () => {
    expect(warnings).toEqual([]);
  });
});

describe('PrcWorkingCalendar.dueDate: the day of acceptance is not counted', () => {
  it.each([
    // accepted on, working days, due on
    ['2026-11-30', 1, '2026-12-01'], // an ordinary Monday
    ['2026-11-27', 1, '2026-11-30'], // Friday → Monday
    ['2026-11-28', 1, '2026-11-30'], // accepted on a Saturday: Monday is day 1
    ['2025-12-31', 1, '2026-01-04'], // 元旦 2026 rest 1–3, but 4 January (Sunday) is worked
    ['2025-12-31', 2, '2026-01-05'],
    ['2026-02-13', 1, '2026-02-14'], // make-up Saturday before the Spring Festival
    ['2026-02-13', 2, '2026-02-24'], // then the whole festival, 15–23 February
    ['2026-02-12', 3, '2026-02-24'],
    ['2026-02-27', 1, '2026-02-28'], // make-up Saturday after it
    ['2026-02-26', 5, '2026-03-04'], // Friday, make-up Saturday, then Monday to Wednesday
    ['2026-04-03', 1, '2026-04-07'], // 清明 4–6 April
    ['2026-04-30', 1, '2026-05-06'], // 劳动节 1–5 May
    ['2026-05-08', 1, '2026-05-09'], // make-up Saturday 9 May
    ['2026-06-18', 1, '2026-06-22'], // 端午 19–21 June
    ['2026-09-18', 1, '2026-09-20'], // make-up Sunday 20 September
    ['2026-09-24', 1, '2026-09-28'], // 中秋 25–27 September
    ['2026-09-30', 1, '2026-10-08'], // 国庆 1–7 October
    ['2026-09-30', 3, '2026-10-10'], // make-up Saturday 10 October is day 3
    ['2026-09-30', 10, '2026-10-20'],
    ['2026-10-03', 1, '2026-10-08'], // accepted during the holiday
    ['2024-12-31', 1, '2025-01-02'], // 元旦 2025
    ['2025-01-24', 1, '2025-01-26'], // make-up Sunday 26 January
    ['2025-01-24', 3, '2025-02-05'], // 春节 28 January – 4 February
    ['2025-02-07', 1, '2025-02-08'], // make-up Saturday 8 February
    ['2025-04-03', 1, '2025-04-07'], // 清明 4–6 April
    ['2025-04-25', 1, '2025-04-27'], // make-up Sunday 27 April
    ['2025-04-30', 1, '2025-05-06'], // 劳动节 1–5 May
    ['2025-05-30', 1, '2025-06-03'], // 端午 31 May – 2 June
    ['2025-09-26', 1, '2025-09-28'], // make-up Sunday 28 September
    ['2025-09-30', 1, '2025-10-09'], // 国庆、中秋 1–8 October
    ['2025-09-30', 3, '2025-10-11'], // make-up Saturday 11 October is day 3
    ['2025-09-30', 5, '2025-10-14'],
  ] as [string, number, string][])('accepted %s, %i working days → due %s', (acceptedOn, workingDays, dueOn) => {
    expect(calendar.dueDate(acceptedOn, workingDays)).toBe(dueOn);
  });

  it('refuses a date that does not exist and a limit that is not a positive whole number', () => {
    expect(() => calendar.dueDate('2026-02-30', 3)).toThrow(RangeError);
    expect(() => calendar.dueDate('26-02-03', 3)).toThrow(RangeError);
    expect(() => calendar.dueDate('2026-02-03', 0)).toThrow(RangeError);
    expect(() => calendar.dueDate('2026-02-03', 1.5)).toThrow(RangeError);
  });

  it('gives the same date when asked again, past the number it remembers, and still refuses bad input', () => {
    const fresh = new PrcWorkingCalendar({ overrides: noOverrides, warn: () => undefined });
    const first = fresh.dueDate('2025-09-30', 5);
    expect(fresh.dueDate('2025-09-30', 5)).toBe(first);
    // Two thousand other days and limits: more than it keeps, so what it remembered is forgotten on the way.
    for (let day = 0; day < 2000; day++) fresh.dueDate(chinaDateOf(new Date(Date.UTC(2025, 0, 1) + day * 86_400_000)), 1 + (day % 3));
    expect(fresh.dueDate('2025-09-30', 5)).toBe('2025-10-14');
    expect(first).toBe('2025-10-14');
    expect(() => fresh.dueDate('2025-09-30', 0)).toThrow(RangeError);
    expect(() => fresh.dueDate('2025-02-30', 5)).toThrow(RangeError);
  });
});

describe('PrcWorkingCalendar.dueAt', () => {
  it('ends the limit at 24:00 China time of its last working day', () => {
    expect(calendar.dueAt(at('2026-02-13T16:00:00+08:00'), 2)).toEqual(at('2026-02-25T00:00:00+08:00'));
  });

  it('takes the day of acceptance in China time, not UTC', () => {
    // 16:30 UTC on Friday 13 February is 00:30 on the make-up Saturday in China: that day is not counted.
    expect(calendar.dueAt(at('2026-02-13T16:30:00Z'), 1)).toEqual(at('2026-02-25T00:00:00+08:00'));
    expect(calendar.dueAt(at('2026-02-13T15:30:00Z'), 1)).toEqual(at('2026-02-15T00:00:00+08:00'));
  });

  it('knows rest days in China time', () => {
    expect(calendar.isWorkingDay(at('2026-11-20T23:30:00+08:00'))).toBe(true); // Friday evening
    expect(calendar.isWorkingDay(at('2026-11-21T00:30:00+08:00'))).toBe(false); // Saturday, still Friday in UTC
  });
});

describe('PrcWorkingCalendar.addWorkingHours: office hours 09:00–17:00 on working days', () => {
  it.each([
    ['2026-11-30T10:00:00+08:00', 2, '2026-11-30T12:00:00+08:00'],
    ['2026-11-30T07:00:00+08:00', 2, '2026-11-30T11:00:00+08:00'], // before opening
    ['2026-11-30T16:30:00+08:00', 2, '2026-12-01T10:30:00+08:00'], // carried over the night
    ['2026-11-30T15:00:00+08:00', 2, '2026-11-30T17:00:00+08:00'], // exactly at closing
    ['2026-11-30T20:00:00+08:00', 0.5, '2026-12-01T09:30:00+08:00'],
    ['2026-11-29T08:00:00+08:00', 2, '2026-11-30T11:00:00+08:00'], // Sunday
    ['2026-02-13T16:00:00+08:00', 2, '2026-02-14T10:00:00+08:00'], // into the make-up Saturday
    ['2026-02-14T16:30:00+08:00', 2, '2026-02-24T10:30:00+08:00'], // across the Spring Festival
    ['2026-09-30T16:00:00+08:00', 2, '2026-10-08T10:00:00+08:00'], // across National Day
  ] as [string, number, string][])('%s + %f h → %s', (start, hours, end) => {
    expect(calendar.addWorkingHours(at(start), hours)).toEqual(at(end));
  });

  it('refuses a limit that is not a positive number', () => {
    expect(() => calendar.addWorkingHours(at('2026-11-30T10:00:00+08:00'), 0)).toThrow(RangeError);
    expect(() => calendar.addWorkingHours(at('2026-11-30T10:00:00+08:00'), Number.NaN)).toThrow(RangeError);
  });
});

describe('a year with no data', () => {
  it('counts Monday to Friday and warns once for that year', () => {
    const told: string[] = [];
    const bare = new PrcWorkingCalendar({ overrides: noOverrides, warn: (message) => told.push(message) });
    expect(bare.coversYear(2027)).toBe(false);
    expect(bare.isWorkingDate('2027-01-01')).toBe(true); // a Friday; the 2027 schedule is not in the package
    expect(bare.dueDate('2027-01-01', 1)).toBe('2027-01-04');
    expect(bare.isWorkingDate('2027-01-02')).toBe(false);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('2027');
  });
});

describe('the override file', () => {
  const overrides = parseCalendarOverrides(
    {
      $comment: 'a year the package lacks, and a regional holiday',
      years: [2027],
      days: [
        { date: '2027-01-01', kind: 'rest', name: '元旦' },
        { date: '2027-01-02', kind: 'work', name: '元旦调休', note: 'invented for the spec' },
        { date: '2026-04-20', kind: 'rest', name: '地方节日', note: 'a regional holiday on a Monday' },
        { date: '2026-02-28', kind: 'rest', name: '取消调休' },
      ],
    },
    'spec',
  );
  const told: string[] = [];
  const overridden = new PrcWorkingCalendar({ overrides, warn: (message) => told.push(message) });

  it('covers the years it declares, without a warning', () => {
    expect(overridden.coversYear(2027)).toBe(true);
    expect(overridden.isWorkingDate('2027-01-01')).toBe(false);
    expect(overridden.isWorkingDate('2027-01-02')).toBe(true);
    expect(overridden.isWorkingDate('2027-01-04')).toBe(true);
    expect(overridden.dueDate('2026-12-31', 1)).toBe('2027-01-02');
    expect(told).toEqual([]);
  });

  it('wins over the package on the dates it lists and leaves the others alone', () => {
    expect(overridden.isWorkingDate('2026-04-20')).toBe(false);
    expect(overridden.isWorkingDate('2026-02-28')).toBe(false);
    expect(overridden.isWorkingDate('2026-02-14')).toBe(true);
    expect(overridden.dueDate('2026-04-17', 1)).toBe('2026-04-21');
  });

  it.each([
    [[], 'document: must be an object'],
    [{ years: [2027], days: [], extra: 1 }, 'extra: unknown key'],
    [{ years: '2027' }, 'years: must be an array'],
    [{ years: [1999] }, 'years[0]: 1999 is not a year'],
    [{ years: [2027, 2027] }, 'years: lists a year twice'],
    [{ days: {} }, 'days: must be an array'],
    [{ days: [{ date: '2027-02-30', kind: 'rest', name: 'x' }] }, 'days[0].date: "2027-02-30" is not a date'],
    [{ days: [{ date: '2027-02-03', kind: 'holiday', name: 'x' }] }, 'days[0].kind: "holiday" must be "rest" or "work"'],
    [{ days: [{ date: '2027-02-03', kind: 'rest', name: ' ' }] }, 'days[0].name: must name'],
    [{ days: [{ date: '2027-02-03', kind: 'rest', name: 'x', when: 1 }] }, 'days[0].when: unknown key'],
    [
      {
        days: [
          { date: '2027-02-03', kind: 'rest', name: 'x' },
          { date: '2027-02-03', kind: 'work', name: 'y' },
        ],
      },
      'days[1].date: 2027-02-03 is listed twice',
    ],
  ])('refuses %j, naming the entry and the reason', (raw, message) => {
    expect(() => parseCalendarOverrides(raw, 'overrides.json')).toThrow(`overrides.json: ${message}`);
  });

  it('loads the file shipped in the repository, or the one CALENDAR_OVERRIDES_FILE names', () => {
    expect(loadWorkingCalendar(() => undefined, {}).coversYear(2026)).toBe(true);
    expect(() => loadWorkingCalendar(() => undefined, { CALENDAR_OVERRIDES_FILE: '/nonexistent/overrides.json' })).toThrow(
      'CALENDAR_OVERRIDES_FILE: cannot read /nonexistent/overrides.json as JSON',
    );
  });
});
