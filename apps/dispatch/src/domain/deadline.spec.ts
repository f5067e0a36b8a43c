import { WeekdayCalendar } from '@ugov/calendar';
import { replyDeadline } from './deadline';

describe('replyDeadline', () => {
  const calendar = new WeekdayCalendar();
  const mondayMorning = new Date('2026-11-16T09:00:00+08:00');

  it.each([
    ['consultation', '2026-11-19T09:00:00+08:00'],
    ['help', '2026-11-23T09:00:00+08:00'],
    ['suggestion', '2026-11-25T09:00:00+08:00'],
    ['complaint', '2026-11-30T09:00:00+08:00'],
    ['report', '2026-11-30T09:00:00+08:00'],
  ] as const)('gives a %s its working-day limit', (type, due) => {
    expect(replyDeadline(type, mondayMorning, calendar)).toEqual(new Date(due));
  });
});
