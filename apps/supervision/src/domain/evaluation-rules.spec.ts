import { parseCalendarOverrides, PrcWorkingCalendar } from '@ugov/calendar';
import { followUpDueOn, isBadRating, ratingName } from './evaluation-rules';

const calendar = new PrcWorkingCalendar({ overrides: parseCalendarOverrides({ years: [], days: [] }, 'spec'), warn: () => undefined });

describe('evaluation rules', () => {
  it.each([
    [0, false, undefined],
    [1, true, 'very-dissatisfied'],
    [2, true, 'dissatisfied'],
    [3, false, 'neutral'],
    [4, false, 'satisfied'],
    [5, false, 'very-satisfied'],
    [6, false, undefined],
  ])('rating %i: bad %s, named %s', (rating, bad, name) => {
    expect(isBadRating(rating)).toBe(bad);
    expect(ratingName(rating)).toBe(name);
  });

  it.each([
    ['a Monday closure: Tuesday', '2026-11-30T08:00:00Z', '2026-12-01'],
    ['a Friday closure: Monday', '2026-12-04T08:00:00Z', '2026-12-07'],
    ['late on Friday evening China time (after 16:00Z it is Saturday there): Monday', '2026-12-04T17:00:00Z', '2026-12-07'],
    ['the eve of the 2026 Spring Festival: the make-up Saturday before it', '2026-02-13T08:00:00Z', '2026-02-14'],
    ['the first day of the Spring Festival: the first working day after it', '2026-02-15T08:00:00Z', '2026-02-24'],
    ['30 September 2025: the first working day after the eight-day National Day holiday', '2025-09-30T08:00:00Z', '2025-10-09'],
    ['31 December 2025: the make-up Sunday of New Year 2026', '2025-12-31T08:00:00Z', '2026-01-04'],
  ])('a follow-up call after %s', (_, closedAt, dueOn) => {
    expect(followUpDueOn(new Date(closedAt), calendar)).toBe(dueOn);
  });
});
