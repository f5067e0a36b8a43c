import { ServiceStack } from '@ugov/testing';
import { call, KEYS } from '../u-loop/http';

/** `GET /v1/calendar/due` through supervision's real HTTP server, on the PRC working-day calendar. */
describe('the due-date route', () => {
  const stack = new ServiceStack({ services: ['supervision'] });

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  const due = (query: string, key = KEYS.portal) => call(stack, 'supervision', 'GET', `/v1/calendar/due?${query}`, key);

  it.each([
    ['2026-09-30', 10, '2026-10-20'], // National Day 1–7 October, the make-up Saturday 10 October counted
    ['2026-02-13', 1, '2026-02-14'], // the make-up Saturday before the Spring Festival
    ['2026-02-13', 2, '2026-02-24'], // then the festival, 15–23 February
    ['2025-09-30', 5, '2025-10-14'],
    ['2026-11-28', 3, '2026-12-02'], // accepted on a Saturday
  ])('accepted %s with %i working days is due %s', async (acceptedOn, workingDays, dueOn) => {
    const response = await due(`acceptedOn=${acceptedOn}&workingDays=${workingDays}`);
    expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: { dueOn } });
  });

  it('is for any authenticated caller', async () => {
    for (const key of [KEYS.portal, 'dev-dispatcher-key', KEYS.supervisor, KEYS.department('city-housing')]) {
      expect((await due('acceptedOn=2026-11-30&workingDays=1', key)).body).toEqual({ dueOn: '2026-12-01' });
    }
    const anonymous = await due('acceptedOn=2026-11-30&workingDays=1', ''); // no Authorization header
    expect(anonymous).toMatchObject({ status: 401, contentType: expect.stringContaining('application/problem+json') });
  });

  it('names a bad parameter in a problem', async () => {
    const bad: [string, string][] = [
      ['acceptedOn=2026-02-30&workingDays=3', 'acceptedOn'],
      ['acceptedOn=2026-2-3&workingDays=3', 'acceptedOn'],
      ['acceptedOn=1999-12-31&workingDays=3', 'acceptedOn'],
      ['workingDays=3', 'acceptedOn'],
      ['acceptedOn=2026-02-03&workingDays=0', 'workingDays'],
      ['acceptedOn=2026-02-03&workingDays=1.5', 'workingDays'],
      ['acceptedOn=2026-02-03&workingDays=lots', 'workingDays'],
      ['acceptedOn=2026-02-03&workingDays=367', 'workingDays'],
      ['acceptedOn=2026-02-03', 'workingDays'],
      ['acceptedOn=2026-02-03&workingDays=3&calendar=hk', 'calendar'],
    ];
    for (const [query, field] of bad) {
      const response = await due(query);
      expect({ query, status: response.status, contentType: response.contentType }).toEqual({
        query,
        status: 400,
        contentType: expect.stringContaining('application/problem+json'),
      });
      expect({ query, fields: response.body.errors.map((error: { field: string }) => error.field) }).toEqual({ query, fields: [field] });
    }
  });
});
