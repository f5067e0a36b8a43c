import { parseCalendarOverrides, PrcWorkingCalendar } from '@ugov/calendar';
import shippedDefinitions from '../../data/sla-definitions.json';
import { clockCommandsOf, type CaseEvent } from './clock-rules';
import { applyClockCommands, clockKeyText, clockStatus, orderDeadline, repeatedAlarm, timersOf, type ClockCycle } from './sla-clock';
import { parseSlaDefinitions } from './sla-definitions';
import { WorkingTime } from './working-time';

const calendarWith = (days: { date: string; kind: 'rest' | 'work'; name: string }[] = []) =>
  new PrcWorkingCalendar({ overrides: parseCalendarOverrides({ years: [], days }, 'spec'), warn: () => undefined });
const time = new WorkingTime(calendarWith());
const definitions = parseSlaDefinitions(shippedDefinitions, 'shipped');
const at = (iso: string) => new Date(iso);
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const CASE = '6f1c1f7e-8a4b-4d7e-9a0e-3d1d2b0c4a11';

const assigned = (occurredAt: string, type = 'complaint', assignmentId = 'a1'): CaseEvent => ({
  eventType: 'ugov.dispatch.case-assigned.v1',
  caseId: CASE,
  occurredAt: at(occurredAt),
  details: { assignmentId, departmentCode: 'city-housing', categoryCode: 'housing.repair', type },
});
const signed = (occurredAt: string, assignmentId = 'a1'): CaseEvent => ({
  eventType: 'ugov.processing.assignment-signed.v1',
  caseId: CASE,
  occurredAt: at(occurredAt),
  details: { assignmentId, departmentCode: 'city-housing' },
});
const replied = (occurredAt: string, assignmentId = 'a1'): CaseEvent => ({
  eventType: 'ugov.processing.case-replied.v1',
  caseId: CASE,
  occurredAt: at(occurredAt),
  details: { assignmentId, departmentCode: 'city-housing', outcome: 'resolved' },
});

/** Replays events into clocks, as the handler and the recalculation do. */
function clocksOf(events: CaseEvent[], known = new Map<string, ClockCycle>()): Map<string, ClockCycle> {
  const current = new Map(known);
  for (const cycle of applyClockCommands(known, clockCommandsOf(events))) {
    const key = clockKeyText(cycle.key);
    if ((current.get(key)?.cycle ?? 0) <= cycle.cycle) current.set(key, cycle);
  }
  return current;
}
const reply = (clocks: Map<string, ClockCycle>) => clocks.get(`${CASE}/a1/reply`)!;
const signOff = (clocks: Map<string, ClockCycle>) => clocks.get(`${CASE}/a1/sign-off`)!;

describe('SLA clocks', () => {
  it('an assignment starts sign-off and reply clocks; signing stops the first, the reply the second', () => {
    const started = clocksOf([assigned('2026-11-30T02:00:00Z')]); // Monday 10:00 China time
    expect(clockStatus(signOff(started), definitions, time, at('2026-11-30T03:00:00Z'))).toMatchObject({
      state: 'running',
      stage: 'green',
      dueAt: at('2026-11-30T04:00:00Z'), // two office hours
      elapsedMs: HOUR,
      remainingMs: HOUR,
      breached: false,
    });
    const done = clocksOf([signed('2026-11-30T03:50:00Z'), replied('2026-12-03T08:00:00Z')], started);
    const signOffStatus = clockStatus(signOff(done), definitions, time, at('2026-12-20T00:00:00Z'));
    expect(signOffStatus).toMatchObject({ state: 'stopped', stage: 'yellow', breached: false, elapsedMs: 110 * 60 * 1000 });
    expect(clockStatus(reply(done), definitions, time, at('2026-12-20T00:00:00Z'))).toMatchObject({
      state: 'stopped',
      stage: 'green',
      dueAt: at('2026-12-14T16:00:00Z'), // 10 working days from 1 December: the end of 14 December
      breached: false,
    });
    expect(
      timersOf(clockStatus(reply(done), definitions, time, at('2026-12-20T00:00:00Z')), definitions, time, at('2026-12-20T00:00:00Z')),
    ).toEqual([]);
  });

  it('a redelivered start or a late stop changes nothing', () => {
    const once = clocksOf([assigned('2026-11-30T02:00:00Z')]);
    expect(applyClockCommands(once, clockCommandsOf([assigned('2026-11-30T05:00:00Z')]))).toEqual([]);
    const stopped = clocksOf([replied('2026-11-30T06:00:00Z')], once);
    expect(applyClockCommands(stopped, clockCommandsOf([replied('2026-11-30T06:00:00Z')]))).toEqual([]);
    // A later reply stops nothing more; it only starts the next cycle of the follow-up call (回访) it schedules.
    const later = applyClockCommands(stopped, clockCommandsOf([replied('2026-11-30T07:00:00Z')]));
    expect(later.map(({ key, cycle, end }) => [key.hop, cycle, end])).toEqual([
      ['follow-up-call', 1, 'reset'],
      ['follow-up-call', 2, null],
    ]);
  });

  it('does not count the day of acceptance nor the 2026 Spring Festival: accepted 13 Feb, 3 days → end of 25 Feb', () => {
    // 14 Feb (make-up Saturday) counts, 15–23 rest, 24 and 25 count.
    const clocks = clocksOf([assigned('2026-02-13T09:00:00Z', 'consultation')]);
    const status = clockStatus(reply(clocks), definitions, time, at('2026-02-20T00:00:00Z'));
    expect(status).toMatchObject({ dueAt: at('2026-02-25T16:00:00Z'), elapsedMs: DAY, remainingMs: 2 * DAY, stage: 'green' });
    expect(status.yellowAt).toEqual(at('2026-02-25T01:36:00Z')); // 80% of 3 days = 2.4 days: 14 Feb, 24 Feb, 25 Feb until 09:36 China time
  });

  it('National Day 2026: accepted 30 September, 10 working days → 20 October, the make-up Saturday 10 October counted', () => {
    const clocks = clocksOf([assigned('2026-09-30T03:00:00Z')]);
    const status = clockStatus(reply(clocks), definitions, time, at('2026-10-20T00:00:00Z')); // 20 October 08:00 China time
    expect(status.dueAt).toEqual(at('2026-10-20T16:00:00Z'));
    expect(status).toMatchObject({ breached: false, stage: 'yellow', remainingMs: 16 * HOUR });
    expect(clockStatus(reply(clocks), definitions, time, at('2026-10-21T16:00:00Z'))).toMatchObject({
      breached: true,
      stage: 'red',
      remainingMs: -DAY,
    });
  });

  it('a pause takes its counted time off and moves the due time; a paused clock has no timers', () => {
    const started = clocksOf([assigned('2026-11-30T02:00:00Z')]); // reply due end of 14 December
    const key = reply(started).key;
    const paused = new Map(started);
    for (const cycle of applyClockCommands(started, [{ kind: 'pause', key, at: at('2026-12-02T00:00:00Z') }]))
      paused.set(clockKeyText(cycle.key), cycle);
    const whilePaused = clockStatus(reply(paused), definitions, time, at('2026-12-04T00:00:00Z'));
    // Counting from 1 December 00:00 China time; paused 2 December 08:00 to 4 December 08:00.
    expect(whilePaused).toMatchObject({ state: 'paused', elapsedMs: 32 * HOUR, pausedMs: 2 * DAY });
    expect(timersOf(whilePaused, definitions, time, at('2026-12-04T00:00:00Z'))).toEqual([]);
    const resumed = new Map(paused);
    for (const cycle of applyClockCommands(paused, [{ kind: 'resume', key, at: at('2026-12-04T00:00:00Z') }]))
      resumed.set(clockKeyText(cycle.key), cycle);
    const after = clockStatus(reply(resumed), definitions, time, at('2026-12-04T00:00:00Z'));
    expect(after).toMatchObject({ state: 'running', pausedMs: 2 * DAY, elapsedMs: 32 * HOUR });
    expect(after.dueAt).toEqual(at('2026-12-16T16:00:00Z')); // two working days later than 14 December
  });

  it('a pause across the Spring Festival takes off only its working days', () => {
    const clocks = clocksOf([assigned('2026-02-10T02:00:00Z', 'consultation')]); // Tue; counting from Wed 11 Feb
    const key = reply(clocks).key;
    const [paused] = applyClockCommands(clocks, [{ kind: 'pause', key, at: at('2026-02-12T16:00:00Z') }]); // from 13 Feb 00:00 China
    const [resumed] = applyClockCommands(new Map([[clockKeyText(key), paused]]), [{ kind: 'resume', key, at: at('2026-02-24T16:00:00Z') }]);
    const status = clockStatus(resumed, definitions, time, at('2026-02-25T00:00:00Z'));
    expect(status.pausedMs).toBe(3 * DAY); // 13, 14 (make-up Saturday), 24 February
    expect(status.dueAt).toEqual(at('2026-02-25T16:00:00Z')); // 11, 12 Feb counted, then the 25th
  });

  it('an approved extension makes the cycle due at its deadline; a reset closes the cycle and starts the next', () => {
    const clocks = clocksOf([assigned('2026-11-30T02:00:00Z')]);
    const key = reply(clocks).key;
    const [extended] = applyClockCommands(clocks, [
      { kind: 'extend', key, until: at('2026-12-28T16:00:00Z'), at: at('2026-12-01T00:00:00Z') },
    ]);
    expect(clockStatus(extended, definitions, time, at('2026-12-01T00:00:00Z')).dueAt).toEqual(at('2026-12-28T16:00:00Z'));
    const [closed, next] = applyClockCommands(new Map([[clockKeyText(key), extended]]), [
      { kind: 'reset', key, at: at('2026-12-08T02:00:00Z') },
    ]);
    expect(closed).toMatchObject({ cycle: 1, end: 'reset', endedAt: at('2026-12-08T02:00:00Z') });
    expect(next).toMatchObject({ cycle: 2, end: null, deadline: null, startedAt: at('2026-12-08T02:00:00Z') });
    expect(clockStatus(next, definitions, time, at('2026-12-08T02:00:00Z')).dueAt).toEqual(at('2026-12-22T16:00:00Z'));
  });

  it('a calendar change moves the due time when the clock is measured again', () => {
    const clocks = clocksOf([assigned('2026-11-30T02:00:00Z')]);
    const before = clockStatus(reply(clocks), definitions, time, at('2026-12-01T00:00:00Z'));
    const withHoliday = new WorkingTime(calendarWith([{ date: '2026-12-07', kind: 'rest', name: 'regional holiday' }]));
    const after = clockStatus(reply(clocks), definitions, withHoliday, at('2026-12-01T00:00:00Z'));
    expect(after.dueAt.getTime() - before.dueAt.getTime()).toBe(DAY);
  });

  it('schedules yellow, red, the first repeated alarm and escalation at 5 working days overdue', () => {
    const clocks = clocksOf([assigned('2026-09-30T03:00:00Z')]);
    const status = clockStatus(reply(clocks), definitions, time, at('2026-10-01T00:00:00Z'));
    expect(timersOf(status, definitions, time, at('2026-10-01T00:00:00Z'))).toEqual([
      { threshold: 'yellow', fireAt: at('2026-10-16T16:00:00Z') }, // 8 of 10 working days
      { threshold: 'red', fireAt: at('2026-10-20T16:00:00Z') },
      { threshold: 'alarm:1', fireAt: at('2026-10-21T16:00:00Z') },
      { threshold: 'escalation', fireAt: at('2026-10-27T16:00:00Z') },
    ]);
    expect(repeatedAlarm(status.dueAt, 3, definitions, time).fireAt).toEqual(at('2026-10-23T16:00:00Z'));
    // Measured again while breached (2.5 working days overdue): the alarm still to come is the third.
    const later = at('2026-10-23T04:00:00Z');
    expect(timersOf(clockStatus(reply(clocks), definitions, time, later), definitions, time, later)[2]).toEqual({
      threshold: 'alarm:3',
      fireAt: at('2026-10-23T16:00:00Z'),
    });
    expect(clockStatus(reply(clocks), definitions, time, at('2026-10-28T00:00:00Z')).stage).toBe('escalated');
    // An order opened on Friday 23 October 2026 is due in 3 working days, the day it is opened not counted.
    expect(orderDeadline(at('2026-10-23T02:00:00Z'), definitions, time)).toEqual(at('2026-10-28T16:00:00Z'));
  });

  it('times an urgent case by the wall clock', () => {
    const event = { ...assigned('2026-10-01T02:00:00Z'), details: { ...assigned('2026-10-01T02:00:00Z').details, urgency: 'urgent' } };
    const clocks = clocksOf([event]);
    expect(clockStatus(signOff(clocks), definitions, time, at('2026-10-01T02:00:00Z')).dueAt).toEqual(at('2026-10-01T02:30:00Z'));
    expect(clockStatus(reply(clocks), definitions, time, at('2026-10-01T02:00:00Z')).dueAt).toEqual(at('2026-10-01T04:00:00Z'));
  });

  it('keeps cycles of separate assignments apart', () => {
    const clocks = clocksOf([
      assigned('2026-11-30T02:00:00Z'),
      assigned('2026-11-30T02:00:00Z', 'complaint', 'a2'),
      replied('2026-12-01T02:00:00Z', 'a2'),
    ]);
    expect(clocks.size).toBe(5); // sign-off and reply of each, the follow-up call of a2's reply
    expect(clocks.get(`${CASE}/a2/follow-up-call`)!.endedAt).toBeNull();
    expect(clocks.has(`${CASE}/a1/follow-up-call`)).toBe(false);
    expect(reply(clocks).endedAt).toBeNull();
    expect(clocks.get(`${CASE}/a2/reply`)!.end).toBe('stopped');
  });

  describe('every 2025–2026 holiday boundary: a one-working-day reply limit accepted just before (or on a make-up day)', () => {
    const oneDay = parseSlaDefinitions(
      { ...shippedDefinitions, definitions: [{ id: 'reply.one-day', hop: 'reply', match: {}, limit: { amount: 1, unit: 'workingDays' } }] },
      'spec',
    );
    it.each([
      ['2024-12-31', '2025-01-02', '元旦 2025'],
      ['2025-01-26', '2025-01-27', '春节 2025: the make-up Sunday counts as acceptance day'],
      ['2025-01-27', '2025-02-05', '春节 2025'],
      ['2025-02-07', '2025-02-08', '春节 2025: the make-up Saturday after'],
      ['2025-04-03', '2025-04-07', '清明 2025'],
      ['2025-04-30', '2025-05-06', '劳动节 2025'],
      ['2025-05-30', '2025-06-03', '端午 2025'],
      ['2025-09-27', '2025-09-28', '国庆 2025: the make-up Sunday before'],
      ['2025-09-30', '2025-10-09', '国庆、中秋 2025'],
      ['2025-10-10', '2025-10-11', '国庆 2025: the make-up Saturday after'],
      ['2025-12-31', '2026-01-04', '元旦 2026: the make-up Sunday'],
      ['2026-02-13', '2026-02-14', '春节 2026: the make-up Saturday before'],
      ['2026-02-14', '2026-02-24', '春节 2026'],
      ['2026-02-27', '2026-02-28', '春节 2026: the make-up Saturday after'],
      ['2026-04-03', '2026-04-07', '清明 2026'],
      ['2026-04-30', '2026-05-06', '劳动节 2026'],
      ['2026-05-08', '2026-05-09', '劳动节 2026: the make-up Saturday'],
      ['2026-06-18', '2026-06-22', '端午 2026'],
      ['2026-09-19', '2026-09-20', '国庆 2026: the make-up Sunday before'],
      ['2026-09-24', '2026-09-28', '中秋 2026'],
      ['2026-09-30', '2026-10-08', '国庆 2026'],
      ['2026-10-09', '2026-10-10', '国庆 2026: the make-up Saturday after'],
    ])('accepted %s → due at the end of %s (%s)', (acceptedOn, dueOn) => {
      const clocks = clocksOf([assigned(`${acceptedOn}T03:00:00Z`)]);
      const status = clockStatus(reply(clocks), oneDay, time, at(`${acceptedOn}T03:00:00Z`));
      expect(status.dueAt).toEqual(new Date(Date.parse(`${dueOn}T16:00:00Z`)));
      expect(status.elapsedMs).toBe(0); // the day of acceptance is not counted
    });
  });
});
