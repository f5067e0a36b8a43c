import { definitionFor, type ClockSubject, type Hop, type Limit, type SlaDefinition, type SlaDefinitions } from './sla-definitions';
import { limitMs, type WorkingTime } from './working-time';

/** What a clock is told to do; the clock rules turn events into these. */
export type ClockCommand =
  | { readonly kind: 'start'; readonly key: ClockKey; readonly subject: ClockSubject; readonly at: Date }
  | { readonly kind: 'pause' | 'resume'; readonly key: ClockKey; readonly at: Date }
  /**
   * The hop is done. With `cycleStartedAt`, only the open cycle that started then stops: a follow-up call recorded
   * after a newer reply scheduled the next call does not stop the newer call's clock.
   */
  | { readonly kind: 'stop'; readonly key: ClockKey; readonly at: Date; readonly cycleStartedAt?: Date }
  /**
   * A new cycle of the same hop (redo 重办, a rectification reopened): the open one is closed, a fresh one starts,
   * due at `until` when given (a redo's own deadline). With a `subject`, a clock that never ran starts at cycle 1.
   */
  | { readonly kind: 'reset'; readonly key: ClockKey; readonly at: Date; readonly until?: Date; readonly subject?: ClockSubject }
  /** An approved extension (延期): the open cycle is due at `until` from now on. */
  | { readonly kind: 'extend'; readonly key: ClockKey; readonly until: Date; readonly at: Date }
  /** Every open clock of the case stops (the requester withdrew it). */
  | { readonly kind: 'stop-case'; readonly caseId: string; readonly at: Date };

/** One clock per case, assignment and hop; its cycles are numbered from 1. */
export interface ClockKey {
  readonly caseId: string;
  readonly assignmentId: string;
  readonly hop: Hop;
}

export interface Pause {
  readonly from: Date;
  readonly to: Date;
}

/** A due time an event set (an approved extension, a redo's deadline), and when it was set. */
export interface SetDeadline {
  readonly setAt: Date;
  readonly until: Date;
}

/** How a cycle ended: stopped by the event that completes the hop, or closed by a reset. */
export type ClockEnd = 'stopped' | 'reset';

/** One cycle of a clock: everything needed to recompute it on any definitions and calendar. */
export interface ClockCycle {
  readonly key: ClockKey;
  readonly cycle: number;
  readonly subject: ClockSubject;
  readonly startedAt: Date;
  readonly pauses: readonly Pause[];
  readonly pausedSince: Date | null;
  /** The due time an extension or a redo set; the definition's limit when null. */
  readonly deadline: SetDeadline | null;
  readonly endedAt: Date | null;
  readonly end: ClockEnd | null;
}

export function clockKeyText({ caseId, assignmentId, hop }: ClockKey): string {
  return `${caseId}/${assignmentId}/${hop}`;
}

/**
 * Applies commands in order to the cycles known so far (the latest cycle of each key last in its list) and
 * returns the cycles that changed or were born. A command that does not fit the clock's state (a second start,
 * a stop of a stopped clock, a resume of a running one, a reset at the instant the latest cycle started) changes nothing: redelivered and late events are harmless.
 */
export function applyClockCommands(known: ReadonlyMap<string, ClockCycle>, commands: readonly ClockCommand[]): ClockCycle[] {
  const current = new Map(known);
  const changed = new Map<string, ClockCycle>();
  const put = (cycle: ClockCycle) => {
    current.set(clockKeyText(cycle.key), cycle);
    changed.set(`${clockKeyText(cycle.key)}#${cycle.cycle}`, cycle);
  };
  for (const command of commands) {
    if (command.kind === 'stop-case') {
      for (const clock of [...current.values()])
        if (clock.key.caseId === command.caseId && clock.endedAt === null) put(closed(clock, command.at, 'stopped'));
      continue;
    }
    const clock = current.get(clockKeyText(command.key));
    const open = clock !== undefined && clock.endedAt === null;
    switch (command.kind) {
      case 'start':
        if (!clock) put(freshCycle(command.key, command.subject, 1, command.at));
        break;
      case 'stop':
        if (open && (!command.cycleStartedAt || command.cycleStartedAt.getTime() === clock.startedAt.getTime()))
          put(closed(clock, command.at, 'stopped'));
        break;
      case 'pause':
        if (open && clock.pausedSince === null) put({ ...clock, pausedSince: command.at });
        break;
      case 'resume':
        if (open && clock.pausedSince !== null)
          put({ ...clock, pauses: [...clock.pauses, { from: clock.pausedSince, to: command.at }], pausedSince: null });
        break;
      case 'reset': {
        const deadline = command.until ? { setAt: command.at, until: command.until } : null;
        // The same event again (a reply redelivered): its cycle is already the latest.
        if (clock?.startedAt.getTime() === command.at.getTime()) break;
        if (clock) {
          if (open) put(closed(clock, command.at, 'reset'));
          put(freshCycle(clock.key, clock.subject, clock.cycle + 1, command.at, deadline));
        } else if (command.subject) put(freshCycle(command.key, command.subject, 1, command.at, deadline));
        break;
      }
      case 'extend':
        if (open) put({ ...clock, deadline: { setAt: command.at, until: command.until } });
        break;
    }
  }
  return [...changed.values()];
}

function freshCycle(key: ClockKey, subject: ClockSubject, cycle: number, at: Date, deadline: SetDeadline | null = null): ClockCycle {
  return { key, cycle, subject, startedAt: at, pauses: [], pausedSince: null, deadline, endedAt: null, end: null };
}

function closed(clock: ClockCycle, at: Date, end: ClockEnd): ClockCycle {
  const pauses = clock.pausedSince === null ? clock.pauses : [...clock.pauses, { from: clock.pausedSince, to: at }];
  return { ...clock, pauses, pausedSince: null, endedAt: at, end };
}

/** green: within the yellow share; yellow: past it (预警); red: breached (超时); escalated: overdue past the escalation limit. */
export type ClockStage = 'green' | 'yellow' | 'red' | 'escalated';
export type ClockState = 'running' | 'paused' | 'stopped' | 'reset';

/** A cycle measured on the definitions and calendar in force, at an instant. */
export interface ClockStatus {
  readonly definition: SlaDefinition;
  readonly state: ClockState;
  readonly stage: ClockStage;
  readonly limit: Limit;
  /** When the limit is reached; for a paused clock, when it would be if it resumed at `now`. */
  readonly dueAt: Date;
  readonly yellowAt: Date;
  readonly escalateAt: Date;
  /** Counted time (in the limit's unit, as milliseconds) so far, pauses excluded. */
  readonly elapsedMs: number;
  /** Counted time left; negative once overdue. */
  readonly remainingMs: number;
  readonly pausedMs: number;
  readonly breached: boolean;
}

export class NoSlaDefinitionError extends Error {}

/**
 * Measures a cycle: counting starts as the limit's unit says (the day after acceptance for working days), pauses
 * are taken out, extensions added; the due time is the instant the counted time reaches the limit.
 */
export function clockStatus(cycle: ClockCycle, definitions: SlaDefinitions, time: WorkingTime, now: Date): ClockStatus {
  const definition = definitionFor(definitions, cycle.subject);
  if (!definition) throw new NoSlaDefinitionError(`no SLA definition for ${cycle.subject.hop} of ${JSON.stringify(cycle.subject)}`);
  const unit = definition.limit.unit;
  const end = cycle.endedAt ?? now;
  const start = time.countingStart(unit, cycle.startedAt);
  const pauses = cycle.pausedSince === null ? cycle.pauses : [...cycle.pauses, { from: cycle.pausedSince, to: end }];
  const pausedMs = countedPausesAfter(start, pauses, time, unit);
  const elapsedMs = Math.max(0, time.between(unit, start, end) - pausedMs);
  const budget = cycle.deadline ? budgetUntil(cycle.deadline, start, pauses, time, unit) : limitMs(definition.limit.amount, unit);
  const limit = { amount: budget / limitMs(1, unit), unit };
  // A paused clock's due time is projected as if it resumed now: its open pause ends at `end`.
  const dueAt = instantWhenCounted(budget, start, pauses, time, unit);
  const yellowShare = definition.yellowAt ?? definitions.defaults.yellowAt;
  const yellowAt = instantWhenCounted(budget * yellowShare, start, pauses, time, unit);
  const { escalateAfter } = definitions.defaults;
  const escalateAt = time.add(escalateAfter.unit, dueAt, limitMs(escalateAfter.amount, escalateAfter.unit));
  const breached = elapsedMs >= budget;
  const stage: ClockStage =
    breached && end.getTime() >= escalateAt.getTime()
      ? 'escalated'
      : breached
        ? 'red'
        : elapsedMs >= budget * yellowShare
          ? 'yellow'
          : 'green';
  const state: ClockState = cycle.end ?? (cycle.pausedSince !== null ? 'paused' : 'running');
  return { definition, state, stage, limit, dueAt, yellowAt, escalateAt, elapsedMs, remainingMs: budget - elapsedMs, pausedMs, breached };
}

/**
 * The counted time a set deadline gives: from the start of counting to `until`, less the pauses before it was
 * set (the deadline already includes them); pauses after it push the due time on, as they do for any limit.
 */
function budgetUntil(deadline: SetDeadline, start: Date, pauses: readonly Pause[], time: WorkingTime, unit: Limit['unit']): number {
  const earlier = pauses
    .filter((pause) => pause.from < deadline.setAt)
    .map((pause) => ({ from: pause.from, to: new Date(Math.min(pause.to.getTime(), deadline.setAt.getTime(), deadline.until.getTime())) }));
  return Math.max(0, time.between(unit, start, deadline.until) - countedPausesAfter(start, earlier, time, unit));
}

/** Counted time of the pauses from `start` on (a pause during the uncounted day of acceptance takes nothing off). */
function countedPausesAfter(start: Date, pauses: readonly Pause[], time: WorkingTime, unit: Limit['unit']): number {
  return pauses.reduce((total, pause) => total + time.between(unit, pause.from < start ? start : pause.from, pause.to), 0);
}

/** The instant at which `budget` counted time has run from `start`, skipping the pauses (sorted, not overlapping). */
function instantWhenCounted(budget: number, start: Date, pauses: readonly Pause[], time: WorkingTime, unit: Limit['unit']): Date {
  let cursor = start;
  let remaining = budget;
  for (const pause of pauses) {
    if (pause.to <= cursor) continue;
    if (pause.from > cursor) {
      const counted = time.between(unit, cursor, pause.from);
      if (counted >= remaining) return time.add(unit, cursor, remaining);
      remaining -= counted;
    }
    cursor = pause.to;
  }
  return time.add(unit, cursor, remaining);
}

/** A threshold a durable timer fires at: yellow, red (breach), the n-th repeated alarm while breached, escalation. */
export type Threshold = 'yellow' | 'red' | 'escalation' | `alarm:${number}`;

export interface TimerDue {
  readonly threshold: Threshold;
  readonly fireAt: Date;
}

/** The timers a running clock needs (none for a paused or ended one): yellow, red, the first repeated alarm, escalation. */
export function timersOf(status: ClockStatus, definitions: SlaDefinitions, time: WorkingTime, now: Date): TimerDue[] {
  if (status.state !== 'running') return [];
  return [
    { threshold: 'yellow', fireAt: status.yellowAt },
    { threshold: 'red', fireAt: status.dueAt },
    repeatedAlarm(status.dueAt, nextAlarmNumber(status.dueAt, definitions, time, now), definitions, time),
    { threshold: 'escalation', fireAt: status.escalateAt },
  ];
}

/**
 * The repeated alarm still to come at `now`: the first while not yet overdue, else the one after the intervals
 * already past, so a clock measured again while breached (a resume, a recalculation) keeps its alarms going
 * without catching up on those it missed while paused.
 */
function nextAlarmNumber(dueAt: Date, definitions: SlaDefinitions, time: WorkingTime, now: Date): number {
  const { repeatAlarmEvery } = definitions.defaults;
  const overdue = time.between(repeatAlarmEvery.unit, dueAt, now);
  return Math.floor(overdue / limitMs(repeatAlarmEvery.amount, repeatAlarmEvery.unit)) + 1;
}

/** The n-th alarm while breached: n repeat intervals after the due time. */
export function repeatedAlarm(dueAt: Date, n: number, definitions: SlaDefinitions, time: WorkingTime): TimerDue {
  const { repeatAlarmEvery } = definitions.defaults;
  return {
    threshold: `alarm:${n}`,
    fireAt: time.add(repeatAlarmEvery.unit, dueAt, n * limitMs(repeatAlarmEvery.amount, repeatAlarmEvery.unit)),
  };
}

/** The deadline of a supervision order (督办) opened at `openedAt`, counted like any limit of its unit. */
export function orderDeadline(openedAt: Date, definitions: SlaDefinitions, time: WorkingTime): Date {
  const { orderLimit } = definitions.defaults;
  return time.add(orderLimit.unit, time.countingStart(orderLimit.unit, openedAt), limitMs(orderLimit.amount, orderLimit.unit));
}

/** A cycle with what it measures to and the timers it needs now. */
export interface MeasuredCycle {
  readonly cycle: ClockCycle;
  readonly status: ClockStatus;
  /** None unless running. */
  readonly timers: readonly TimerDue[];
}

/** Measures cycles; those no definition matches are returned apart (they get no clock rather than stop the batch). */
export function measureCycles(
  cycles: readonly ClockCycle[],
  definitions: SlaDefinitions,
  time: WorkingTime,
  now: Date,
): { measured: MeasuredCycle[]; unmatched: ClockCycle[] } {
  const measured: MeasuredCycle[] = [];
  const unmatched: ClockCycle[] = [];
  for (const cycle of cycles) {
    if (!definitionFor(definitions, cycle.subject)) {
      unmatched.push(cycle);
      continue;
    }
    const status = clockStatus(cycle, definitions, time, now);
    measured.push({ cycle, status, timers: timersOf(status, definitions, time, now) });
  }
  return { measured, unmatched };
}
