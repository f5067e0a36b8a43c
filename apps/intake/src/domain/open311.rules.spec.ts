import { open311ServiceOf } from './open311-services';
import { attributeProblemsOf, open311StatusOf, parseOpen311Date, searchWindowOf } from './open311.rules';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-11-30T12:00:00Z');

describe('the window of an Open311 search', () => {
  it('is the last 90 days when no date is given', () => {
    expect(searchWindowOf(undefined, undefined, now)).toEqual({ start: new Date(now.getTime() - 90 * DAY), end: now });
  });

  it('runs 90 days from a start date (not past now), or up to an end date', () => {
    expect(searchWindowOf('2026-11-01T00:00:00Z', undefined, now)).toEqual({ start: new Date('2026-11-01T00:00:00Z'), end: now });
    expect(searchWindowOf('2026-01-01T00:00:00+08:00', undefined, now).end).toEqual(
      new Date(new Date('2025-12-31T16:00:00Z').getTime() + 90 * DAY),
    );
    expect(searchWindowOf(undefined, '2026-06-30T00:00:00Z', now)).toEqual({
      start: new Date(new Date('2026-06-30T00:00:00Z').getTime() - 90 * DAY),
      end: new Date('2026-06-30T00:00:00Z'),
    });
  });

  it('refuses a span of more than 90 days, an end before the start, and dates without a time zone', () => {
    expect(searchWindowOf('2026-01-01T00:00:00Z', '2026-03-31T00:00:00Z', now).end).toEqual(new Date('2026-03-31T00:00:00Z'));
    expect(() => searchWindowOf('2026-01-01T00:00:00Z', '2026-04-02T00:00:00Z', now)).toThrow(/more than 90 days/);
    expect(() => searchWindowOf('2026-02-01T00:00:00Z', '2026-01-01T00:00:00Z', now)).toThrow(/before start_date/);
    expect(() => parseOpen311Date('start_date', '2026-01-01T00:00:00')).toThrow(/time zone/);
    expect(() => parseOpen311Date('start_date', 'yesterday')).toThrow(/start_date must be/);
    expect(parseOpen311Date('end_date', '2026-01-01T08:00:00+08:00')).toEqual(new Date('2026-01-01T00:00:00Z'));
  });
});

describe('the answers to a service definition', () => {
  const noise = open311ServiceOf('environment.noise')!;
  const messages = (answers: Record<string, string[]>) =>
    attributeProblemsOf(noise, answers).map((problem) => `${problem.parameter} ${problem.message}`);

  it('accept a multi-value list with several known keys, and optional attributes left out', () => {
    expect(messages({ SOURCE: ['traffic', 'business'] })).toEqual([]);
    expect(messages({ SOURCE: ['traffic'], HOURS: ['3'], SINCE: ['2026-11-30T08:00:00+08:00'] })).toEqual([]);
  });

  it('name a missing required attribute, an unknown key or attribute, and a malformed number or date', () => {
    expect(messages({})).toEqual(['attribute[SOURCE] attribute[SOURCE] is required by service environment.noise']);
    expect(messages({ SOURCE: ['fireworks'] })).toEqual([
      'attribute[SOURCE] attribute[SOURCE] must be one of construction, traffic, business, neighbour',
    ]);
    expect(messages({ SOURCE: ['traffic'], COLOUR: ['red'] })).toEqual([
      'attribute[COLOUR] service environment.noise has no attribute COLOUR',
    ]);
    expect(messages({ SOURCE: ['traffic'], HOURS: ['many'] })).toEqual(['attribute[HOURS] attribute[HOURS] must be a number']);
    expect(messages({ SOURCE: ['traffic'], HOURS: ['1', '2'] })).toEqual(['attribute[HOURS] attribute[HOURS] takes one value']);
    expect(messages({ SOURCE: ['traffic'], SINCE: ['2026-11-30 08:00'] })).toEqual([
      'attribute[SINCE] attribute[SINCE] must be an ISO 8601 date-time with a time zone',
    ]);
  });
});

describe('Open311 statuses', () => {
  it('are open until the requester has the answer, closed after', () => {
    for (const state of ['submitted', 'assigned', 'triaged', 'signed', 'in-progress', 'extended', 'returned', 'redone'])
      expect(open311StatusOf(state)).toBe('open');
    for (const state of ['replied', 'delivered', 'closed', 'withdrawn', 'merged', 'answered-at-intake', 'rejected'])
      expect(open311StatusOf(state)).toBe('closed');
  });
});
