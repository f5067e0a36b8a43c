import { loadWorkingCalendar } from '@ugov/calendar';
import { replyDeadline, routedReplyDeadline, signOffDeadline } from './deadline';

describe('deadlines on the working-day calendar', () => {
  const calendar = loadWorkingCalendar(() => undefined, {});
  const at = (iso: string) => new Date(iso);
  const mondayMorning = at('2026-11-16T09:00:00+08:00');

  it.each([
    ['consultation', '2026-11-20T00:00:00+08:00'], // Tue, Wed, Thu: due as Thursday ends
    ['help', '2026-11-24T00:00:00+08:00'],
    ['suggestion', '2026-11-26T00:00:00+08:00'],
    ['praise', '2026-11-26T00:00:00+08:00'],
    ['complaint', '2026-12-01T00:00:00+08:00'],
    ['report', '2026-12-01T00:00:00+08:00'],
  ] as const)('gives a general %s its working-day limit, the day of acceptance not counted', (type, due) => {
    expect(replyDeadline(type, 'general', mondayMorning, calendar)).toEqual(at(due));
  });

  it('skips the Spring Festival and counts the make-up Saturdays', () => {
    // Accepted Thursday 12 February 2026: Fri 13, Sat 14 (make-up), then 24, 25, 26 …; Sat 28 is a make-up day too.
    expect(replyDeadline('help', 'general', at('2026-02-12T15:00:00+08:00'), calendar)).toEqual(at('2026-02-27T00:00:00+08:00'));
    expect(replyDeadline('complaint', 'general', at('2026-02-12T15:00:00+08:00'), calendar)).toEqual(at('2026-03-05T00:00:00+08:00'));
  });

  it('skips National Day and counts the make-up Saturday after it', () => {
    expect(replyDeadline('consultation', 'general', at('2026-09-30T11:00:00+08:00'), calendar)).toEqual(at('2026-10-11T00:00:00+08:00'));
  });

  it('gives an urgent case two hours for a first reply, holiday or not', () => {
    expect(replyDeadline('complaint', 'urgent', at('2026-10-02T03:00:00+08:00'), calendar)).toEqual(at('2026-10-02T05:00:00+08:00'));
  });

  it('wants a general case signed for within two office hours and an urgent one within 30 minutes', () => {
    expect(signOffDeadline('general', at('2026-11-16T16:00:00+08:00'), calendar)).toEqual(at('2026-11-17T10:00:00+08:00'));
    expect(signOffDeadline('general', at('2026-09-30T16:30:00+08:00'), calendar)).toEqual(at('2026-10-08T10:30:00+08:00'));
    expect(signOffDeadline('urgent', at('2026-10-02T03:00:00+08:00'), calendar)).toEqual(at('2026-10-02T03:30:00+08:00'));
  });

  it("takes a category's own limit for the type over the type's", () => {
    expect(routedReplyDeadline('complaint', { complaint: 1 }, mondayMorning, calendar)).toEqual(at('2026-11-18T00:00:00+08:00'));
    expect(routedReplyDeadline('help', { complaint: 1 }, mondayMorning, calendar)).toEqual(
      replyDeadline('help', 'general', mondayMorning, calendar),
    );
  });
});
