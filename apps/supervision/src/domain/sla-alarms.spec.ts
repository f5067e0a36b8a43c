import { parseCalendarOverrides, PrcWorkingCalendar } from '@ugov/calendar';
import shippedDefinitions from '../../data/sla-definitions.json';
import { alarmOf, type DueTimer } from './sla-alarms';
import { parseSlaDefinitions } from './sla-definitions';
import { WorkingTime } from './working-time';

const time = new WorkingTime(new PrcWorkingCalendar({ overrides: parseCalendarOverrides({ years: [], days: [] }, 'spec'), warn: () => undefined }));
const definitions = parseSlaDefinitions(shippedDefinitions, 'shipped');
const at = (iso: string) => new Date(iso);
const timer = (threshold: DueTimer['threshold']): DueTimer => ({
  caseId: '6f1c1f7e-8a4b-4d7e-9a0e-3d1d2b0c4a11',
  assignmentId: 'a1',
  hop: 'reply',
  cycle: 1,
  threshold,
  fireAt: at('2026-10-20T16:00:00Z'),
  departmentCode: 'city-housing',
  dueAt: at('2026-10-20T16:00:00Z'),
});
const firedAt = at('2026-10-20T16:00:00.300Z'); // 21 October 00:00 China time

describe('what a fired SLA timer says', () => {
  it('yellow: a warning and a reminder to the department', () => {
    expect(alarmOf(timer('yellow'), definitions, time, firedAt)).toEqual({
      level: 'yellow',
      warns: true,
      remindsDepartment: true,
      orderDueAt: null,
      escalatedTo: null,
      next: null,
    });
  });

  it('red: a warning and a supervision order due in 3 working days, the day it opens not counted', () => {
    expect(alarmOf(timer('red'), definitions, time, firedAt)).toMatchObject({
      level: 'red',
      warns: true,
      remindsDepartment: false,
      orderDueAt: at('2026-10-26T16:00:00Z'), // opened Wednesday 21 October: 22, 23 and (after the weekend) 26 October
      next: null,
    });
  });

  it('a repeated alarm: a warning, a reminder, and the next alarm one working day later', () => {
    expect(alarmOf(timer('alarm:2'), definitions, time, firedAt)).toMatchObject({
      level: 'red',
      warns: true,
      remindsDepartment: true,
      next: { threshold: 'alarm:3', fireAt: at('2026-10-23T16:00:00Z') },
    });
  });

  it('escalation: the supervising body, no warning event', () => {
    expect(alarmOf(timer('escalation'), definitions, time, firedAt)).toMatchObject({
      level: 'escalation',
      warns: false,
      remindsDepartment: false,
      escalatedTo: 'city-supervision-office',
    });
  });
});
