import { parseCalendarOverrides, PrcWorkingCalendar } from '@ugov/calendar';
import { Events } from '@ugov/contracts';
import shippedDefinitions from '../../data/sla-definitions.json';
import { clockCommandsOf, FOLLOW_UP_RECORDED, type CaseEvent } from './clock-rules';
import { applyClockCommands, clockKeyText, clockStatus, type ClockCycle, type ClockStatus } from './sla-clock';
import { parseSlaDefinitions, type Hop } from './sla-definitions';
import { WorkingTime } from './working-time';

/**
 * The clock rules of processing's pause, extension, redo and return events, intake's withdrawal and evaluation,
 * table by table on the real working-day calendar (2025–2026 holidays and make-up days from libs/calendar).
 * Times are UTC; China time is 8 hours ahead, so 16:00Z is midnight in China and `T16:00:00Z` ends a China day.
 */
const time = new WorkingTime(
  new PrcWorkingCalendar({ overrides: parseCalendarOverrides({ years: [], days: [] }, 'spec'), warn: () => undefined }),
);
const definitions = parseSlaDefinitions(shippedDefinitions, 'shipped');
const DAY = 24 * 3600 * 1000;
const CASE = '6f1c1f7e-8a4b-4d7e-9a0e-3d1d2b0c4a11';
const at = (iso: string) => new Date(iso);

const event = (type: { type: string }, occurredAt: string, details: Record<string, string> = {}, assignmentId = 'a1'): CaseEvent => ({
  eventType: type.type,
  caseId: CASE,
  occurredAt: at(occurredAt),
  details: { assignmentId, departmentCode: 'city-housing', ...details },
});
const assigned = (t: string, assignmentId = 'a1') =>
  event(Events.caseAssigned, t, { categoryCode: 'housing.repair', type: 'complaint' }, assignmentId);
const signed = (t: string) => event(Events.assignmentSigned, t);
const replied = (t: string) => event(Events.caseReplied, t, { outcome: 'resolved' });
const returned = (t: string) => event(Events.assignmentReturned, t);
const paused = (t: string, pauseKind = 'clarification') => event(Events.handlingPaused, t, { pauseKind });
const resumed = (t: string, pauseKind = 'clarification') => event(Events.handlingResumed, t, { pauseKind });
const extensionRequested = (t: string) => event(Events.extensionRequested, t);
const extensionDecided = (t: string, approved: boolean, deadline: string) =>
  event(Events.extensionDecided, t, { approved: String(approved), deadline });
const redo = (t: string, deadline: string) => event(Events.redoOrdered, t, { deadline, redoCount: '1' });
const evaluated = (t: string, rating: number, reRating = false) =>
  event(Events.caseEvaluated, t, { evaluationId: `e-${t}`, rating: String(rating), reRating: String(reRating) });
/** A supervisor records the follow-up call the reply at `closedAt` scheduled. */
const followUpRecorded = (t: string, closedAt: string) => event({ type: FOLLOW_UP_RECORDED }, t, { closedAt });
const withdrawn = (t: string): CaseEvent => ({ eventType: Events.caseWithdrawn.type, caseId: CASE, occurredAt: at(t), details: {} });

/** Every cycle the events give, as the live handler and the recalculation replay them. */
function cyclesOf(events: CaseEvent[]): ClockCycle[] {
  const all = new Map<string, ClockCycle>();
  const latest = new Map<string, ClockCycle>();
  for (const single of events)
    for (const cycle of applyClockCommands(latest, clockCommandsOf([single]))) {
      all.set(`${clockKeyText(cycle.key)}#${cycle.cycle}`, cycle);
      if ((latest.get(clockKeyText(cycle.key))?.cycle ?? 0) <= cycle.cycle) latest.set(clockKeyText(cycle.key), cycle);
    }
  return [...all.values()];
}

interface Expectation {
  readonly hop: Hop;
  readonly assignmentId?: string;
  readonly cycle?: number;
  readonly status?: Partial<ClockStatus>;
  /** No such clock (cycle) at all. */
  readonly absent?: true;
}

interface Row {
  readonly name: string;
  readonly events: CaseEvent[];
  readonly now: string;
  readonly expect: Expectation[];
}

const ROWS: Row[] = [
  {
    name: 'a clarification across the 2026 Spring Festival moves the reply due by the working days it took (13 Feb, make-up 14 Feb)',
    events: [assigned('2026-02-10T02:00:00Z'), paused('2026-02-12T16:00:00Z'), resumed('2026-02-23T16:00:00Z')],
    now: '2026-02-25T00:00:00Z',
    expect: [
      // 11–14 Feb, 24–28 Feb (28th a make-up Saturday), 2 March make 10; 13 and 14 paused: 3 and 4 March.
      { hop: 'reply', status: { state: 'running', pausedMs: 2 * DAY, dueAt: at('2026-03-04T16:00:00Z'), breached: false } },
      // Asked on 13 Feb (not counted), answered at the start of 24 Feb: only 14 Feb counted; 15 days: 14 Feb … 12 March.
      { hop: 'clarification-wait', status: { state: 'stopped', elapsedMs: DAY, dueAt: at('2026-03-12T16:00:00Z') } },
    ],
  },
  {
    name: 'a paused clock shows its pause while it lasts, due as if it resumed now',
    events: [assigned('2026-02-10T02:00:00Z'), paused('2026-02-12T16:00:00Z', 'consultation')],
    now: '2026-02-13T16:00:00Z',
    expect: [
      { hop: 'reply', status: { state: 'paused', pausedMs: DAY, elapsedMs: 2 * DAY, dueAt: at('2026-03-03T16:00:00Z') } },
      { hop: 'clarification-wait', absent: true }, // a consultation waits for no requester
    ],
  },
  {
    name: 'an approved extension across National Day 2026 makes the reply due at its deadline (15 working days counted)',
    events: [
      assigned('2026-09-28T02:00:00Z'),
      extensionRequested('2026-10-09T02:00:00Z'),
      extensionDecided('2026-10-09T06:00:00Z', true, '2026-10-23T16:00:00Z'),
    ],
    now: '2026-10-12T00:00:00Z',
    expect: [
      { hop: 'reply', status: { state: 'running', dueAt: at('2026-10-23T16:00:00Z'), limit: { amount: 15, unit: 'workingDays' } } },
      { hop: 'extension-decision', status: { state: 'stopped', breached: false } },
    ],
  },
  {
    name: 'a pause after the extension pushes its deadline on by a working day',
    events: [
      assigned('2026-09-28T02:00:00Z'),
      extensionRequested('2026-10-09T02:00:00Z'),
      extensionDecided('2026-10-09T06:00:00Z', true, '2026-10-23T16:00:00Z'),
      paused('2026-10-12T16:00:00Z', 'consultation'),
      resumed('2026-10-13T16:00:00Z', 'consultation'),
    ],
    now: '2026-10-14T00:00:00Z',
    expect: [{ hop: 'reply', status: { state: 'running', pausedMs: DAY, dueAt: at('2026-10-26T16:00:00Z') } }],
  },
  {
    name: 'a pause before the decision is in the granted deadline already: not counted twice',
    events: [
      assigned('2026-09-28T02:00:00Z'),
      paused('2026-10-07T16:00:00Z', 'consultation'),
      resumed('2026-10-08T16:00:00Z', 'consultation'),
      extensionRequested('2026-10-09T02:00:00Z'),
      extensionDecided('2026-10-09T06:00:00Z', true, '2026-10-23T16:00:00Z'),
    ],
    now: '2026-10-12T00:00:00Z',
    expect: [{ hop: 'reply', status: { pausedMs: DAY, dueAt: at('2026-10-23T16:00:00Z') } }],
  },
  {
    name: 'a granted deadline inside the National Day holiday is reached at the end of the last working day before it',
    events: [
      assigned('2026-09-21T02:00:00Z'),
      extensionRequested('2026-09-22T02:00:00Z'),
      extensionDecided('2026-09-22T06:00:00Z', true, '2026-10-03T16:00:00Z'),
    ],
    now: '2026-09-23T00:00:00Z',
    expect: [{ hop: 'reply', status: { dueAt: at('2026-09-30T16:00:00Z') } }],
  },
  {
    name: 'a refused extension leaves the reply clock alone; the decision clock (1 working day) crosses New Year 2026 to the make-up Sunday',
    events: [
      assigned('2025-12-29T02:00:00Z'),
      extensionRequested('2025-12-31T07:00:00Z'),
      extensionDecided('2026-01-05T02:00:00Z', false, '2026-01-13T16:00:00Z'),
    ],
    now: '2026-01-06T00:00:00Z',
    expect: [
      // 10 working days from 30 Dec: 30, 31 Dec, 4 (make-up), 5–9, 12, 13 Jan.
      { hop: 'reply', status: { state: 'running', dueAt: at('2026-01-13T16:00:00Z'), limit: { amount: 10, unit: 'workingDays' } } },
      { hop: 'extension-decision', status: { state: 'stopped', dueAt: at('2026-01-04T16:00:00Z'), breached: true } },
    ],
  },
  {
    name: 'the decision clock while it runs over New Year 2026: nothing counted on the holiday',
    events: [assigned('2025-12-29T02:00:00Z'), extensionRequested('2025-12-31T07:00:00Z')],
    now: '2026-01-02T04:00:00Z',
    expect: [{ hop: 'extension-decision', status: { state: 'running', stage: 'green', elapsedMs: 0, dueAt: at('2026-01-04T16:00:00Z') } }],
  },
  {
    name: 'a redo starts a new reply cycle due at the redo’s own deadline; its reply stops it',
    events: [
      assigned('2026-11-30T02:00:00Z'),
      replied('2026-12-03T08:00:00Z'),
      redo('2026-12-07T02:00:00Z', '2026-12-11T16:00:00Z'),
      replied('2026-12-10T08:00:00Z'),
    ],
    now: '2026-12-14T00:00:00Z',
    expect: [
      { hop: 'reply', cycle: 1, status: { state: 'stopped', dueAt: at('2026-12-14T16:00:00Z') } },
      {
        hop: 'reply',
        cycle: 2,
        status: { state: 'stopped', dueAt: at('2026-12-11T16:00:00Z'), limit: { amount: 4, unit: 'workingDays' }, breached: false },
      },
    ],
  },
  {
    name: 'a return (退单) stops sign-off and reply',
    events: [assigned('2026-11-30T02:00:00Z'), returned('2026-11-30T03:00:00Z')],
    now: '2026-12-30T00:00:00Z',
    expect: [
      { hop: 'sign-off', status: { state: 'stopped', breached: false } },
      { hop: 'reply', status: { state: 'stopped', breached: false } },
    ],
  },
  {
    name: 'a withdrawal stops every clock of the case, of every assignment',
    events: [
      assigned('2026-11-30T02:00:00Z'),
      assigned('2026-11-30T02:05:00Z', 'a2'),
      signed('2026-11-30T02:30:00Z'),
      extensionRequested('2026-12-01T02:00:00Z'),
      withdrawn('2026-12-01T03:00:00Z'),
    ],
    now: '2026-12-30T00:00:00Z',
    expect: [
      { hop: 'sign-off', status: { state: 'stopped' } },
      { hop: 'reply', status: { state: 'stopped', breached: false } },
      { hop: 'extension-decision', status: { state: 'stopped', breached: false } },
      { hop: 'sign-off', assignmentId: 'a2', status: { state: 'stopped' } },
      { hop: 'reply', assignmentId: 'a2', status: { state: 'stopped', breached: false } },
    ],
  },
  {
    name: 'a first bad rating opens rectification for 15 working days (over National Day 2026); the redo’s reply closes it',
    events: [
      assigned('2026-09-21T02:00:00Z'),
      replied('2026-09-25T08:00:00Z'),
      evaluated('2026-09-28T02:00:00Z', 2),
      redo('2026-09-29T02:00:00Z', '2026-10-16T16:00:00Z'),
      replied('2026-10-09T08:00:00Z'),
    ],
    now: '2026-10-12T00:00:00Z',
    expect: [
      // 29, 30 Sep, 8–10 Oct (10th a make-up Saturday), 12–16, 19–23 Oct.
      { hop: 'rectification', cycle: 1, status: { state: 'stopped', dueAt: at('2026-10-23T16:00:00Z'), breached: false } },
      { hop: 'reply', cycle: 2, status: { state: 'stopped', breached: false } },
    ],
  },
  {
    name: 'a re-rating, bad or not, opens no second rectification',
    events: [
      assigned('2026-09-21T02:00:00Z'),
      replied('2026-09-25T08:00:00Z'),
      evaluated('2026-09-28T02:00:00Z', 1),
      replied('2026-10-09T08:00:00Z'),
      evaluated('2026-10-12T02:00:00Z', 1, true),
    ],
    now: '2026-10-13T00:00:00Z',
    expect: [
      { hop: 'rectification', cycle: 1, status: { state: 'stopped' } },
      { hop: 'rectification', cycle: 2, absent: true },
    ],
  },
  {
    name: 'a neutral or better rating opens no rectification',
    events: [assigned('2026-09-21T02:00:00Z'), replied('2026-09-25T08:00:00Z'), evaluated('2026-09-28T02:00:00Z', 3)],
    now: '2026-10-13T00:00:00Z',
    expect: [{ hop: 'rectification', absent: true }],
  },
  {
    name: 'a bad first rating of a later reply opens the next rectification cycle',
    events: [
      assigned('2026-09-21T02:00:00Z'),
      replied('2026-09-25T08:00:00Z'),
      evaluated('2026-09-28T02:00:00Z', 2),
      replied('2026-10-09T08:00:00Z'),
      evaluated('2026-10-12T02:00:00Z', 2),
    ],
    now: '2026-10-13T00:00:00Z',
    expect: [{ hop: 'rectification', cycle: 2, status: { state: 'running', stage: 'green' } }],
  },
  {
    name: 'a second clarification is timed as a new cycle of the requester’s wait',
    events: [
      assigned('2026-11-30T02:00:00Z'),
      paused('2026-12-01T02:00:00Z'),
      resumed('2026-12-02T02:00:00Z'),
      paused('2026-12-03T02:00:00Z'),
    ],
    now: '2026-12-04T02:00:00Z',
    expect: [
      { hop: 'clarification-wait', cycle: 1, status: { state: 'stopped' } },
      { hop: 'clarification-wait', cycle: 2, status: { state: 'running', elapsedMs: 10 * 3600 * 1000 } },
      // Both pauses of the reply clock: a day each, by 10:00 on 4 December.
      { hop: 'reply', status: { state: 'paused', pausedMs: 2 * DAY } },
    ],
  },
  {
    name: 'a reply on the eve of National Day 2026 starts the follow-up call, due at the end of 8 October (1–7 October rest)',
    events: [assigned('2026-09-28T02:00:00Z'), signed('2026-09-28T03:00:00Z'), replied('2026-09-30T08:00:00Z')],
    now: '2026-10-08T00:00:00Z',
    expect: [
      { hop: 'reply', status: { state: 'stopped', breached: false } },
      {
        hop: 'follow-up-call',
        cycle: 1,
        status: { state: 'running', stage: 'green', dueAt: at('2026-10-08T16:00:00Z'), elapsedMs: 8 * 3600 * 1000 },
      },
    ],
  },
  {
    name: 'a follow-up call left unrecorded past its working day is red, and yellow at 80% of it',
    events: [assigned('2026-09-28T02:00:00Z'), replied('2026-09-30T08:00:00Z')],
    now: '2026-10-08T12:00:00Z',
    expect: [
      { hop: 'follow-up-call', status: { state: 'running', stage: 'yellow', yellowAt: at('2026-10-08T11:12:00Z'), breached: false } },
    ],
  },
  {
    name: 'a follow-up call still unrecorded the next working day is breached',
    events: [assigned('2026-09-28T02:00:00Z'), replied('2026-09-30T08:00:00Z')],
    now: '2026-10-09T02:00:00Z',
    expect: [{ hop: 'follow-up-call', status: { state: 'running', stage: 'red', breached: true } }],
  },
  {
    name: 'recording the follow-up call stops its clock, in time',
    events: [
      assigned('2026-09-28T02:00:00Z'),
      replied('2026-09-30T08:00:00Z'),
      followUpRecorded('2026-10-08T02:00:00Z', '2026-09-30T08:00:00Z'),
    ],
    now: '2026-10-12T00:00:00Z',
    expect: [{ hop: 'follow-up-call', status: { state: 'stopped', breached: false, elapsedMs: 10 * 3600 * 1000 } }],
  },
  {
    name: 'the redo’s reply starts the next follow-up call; recording the older call then stops neither cycle, the newer one its own',
    events: [
      assigned('2026-11-02T02:00:00Z'),
      replied('2026-11-03T02:00:00Z'),
      replied('2026-11-05T02:00:00Z'),
      followUpRecorded('2026-11-05T03:00:00Z', '2026-11-03T02:00:00Z'),
    ],
    now: '2026-11-05T04:00:00Z',
    expect: [
      { hop: 'follow-up-call', cycle: 1, status: { state: 'reset' } },
      { hop: 'follow-up-call', cycle: 2, status: { state: 'running', dueAt: at('2026-11-06T16:00:00Z') } },
    ],
  },
  {
    name: 'recording the newer follow-up call stops its cycle',
    events: [
      assigned('2026-11-02T02:00:00Z'),
      replied('2026-11-03T02:00:00Z'),
      replied('2026-11-05T02:00:00Z'),
      followUpRecorded('2026-11-06T03:00:00Z', '2026-11-05T02:00:00Z'),
    ],
    now: '2026-11-09T04:00:00Z',
    expect: [{ hop: 'follow-up-call', cycle: 2, status: { state: 'stopped', breached: false } }],
  },
  {
    name: 'a withdrawal stops a follow-up call’s clock too',
    events: [assigned('2026-11-02T02:00:00Z'), replied('2026-11-03T02:00:00Z'), withdrawn('2026-11-03T05:00:00Z')],
    now: '2026-11-09T04:00:00Z',
    expect: [{ hop: 'follow-up-call', status: { state: 'stopped', breached: false } }],
  },
];

describe('clock rules of pauses, extensions, redos, returns, withdrawals, evaluations and follow-up calls', () => {
  it.each(ROWS.map((row) => [row.name, row] as const))('%s', (_, row) => {
    const cycles = cyclesOf(row.events);
    for (const expectation of row.expect) {
      const { hop, assignmentId = 'a1', cycle } = expectation;
      const matching = cycles.filter(
        (candidate) =>
          candidate.key.hop === hop && candidate.key.assignmentId === assignmentId && (cycle === undefined || candidate.cycle === cycle),
      );
      if (expectation.absent) {
        expect({ hop, assignmentId, cycle, found: matching.length }).toEqual({ hop, assignmentId, cycle, found: 0 });
        continue;
      }
      const found = matching[matching.length - 1];
      expect({ hop, assignmentId, cycle, found: found !== undefined }).toEqual({ hop, assignmentId, cycle, found: true });
      expect(clockStatus(found, definitions, time, at(row.now))).toMatchObject(expectation.status ?? {});
    }
  });

  it('events of no clock rule, and assignment events without an assignment, give no command', () => {
    expect(clockCommandsOf([{ ...replied('2026-12-01T00:00:00Z'), details: {} }])).toEqual([]);
    expect(clockCommandsOf([event(Events.handlingStarted, '2026-12-01T00:00:00Z')])).toEqual([]);
    expect(clockCommandsOf([{ ...followUpRecorded('2026-12-01T00:00:00Z', '2026-11-30T00:00:00Z'), details: {} }])).toEqual([]);
  });
});
