import { orderDeadline, repeatedAlarm, type Threshold, type TimerDue } from './sla-clock';
import type { SlaDefinitions } from './sla-definitions';
import type { WorkingTime } from './working-time';

/** A timer that came due, with what supervision knows of its clock. */
export interface DueTimer {
  readonly caseId: string;
  readonly assignmentId: string;
  readonly hop: string;
  readonly cycle: number;
  readonly threshold: Threshold;
  readonly fireAt: Date;
  readonly departmentCode: string;
  readonly dueAt: Date;
}

export type AlarmLevel = 'yellow' | 'red' | 'escalation';

/** What a fired timer says, and to whom. */
export interface Alarm {
  readonly level: AlarmLevel;
  /** An SLA warning event (yellow, red, each repeated alarm). */
  readonly warns: boolean;
  /** A reminder (催办) to the handling department: at yellow and at each repeated alarm. */
  readonly remindsDepartment: boolean;
  /** A supervision order (督办) opened on red, with its own deadline. */
  readonly orderDueAt: Date | null;
  /** The supervising body the case is escalated to. */
  readonly escalatedTo: string | null;
  /** The next repeated alarm while the clock stays breached. */
  readonly next: TimerDue | null;
}

/**
 * yellow → warning + reminder; red → warning + supervision order; alarm:N → warning + reminder, and alarm:N+1
 * scheduled; escalation → the supervising body is told.
 */
export function alarmOf(timer: DueTimer, definitions: SlaDefinitions, time: WorkingTime, firedAt: Date): Alarm {
  const none = { orderDueAt: null, escalatedTo: null, next: null };
  if (timer.threshold === 'yellow') return { ...none, level: 'yellow', warns: true, remindsDepartment: true };
  if (timer.threshold === 'red')
    return { ...none, level: 'red', warns: true, remindsDepartment: false, orderDueAt: orderDeadline(firedAt, definitions, time) };
  if (timer.threshold === 'escalation')
    return { ...none, level: 'escalation', warns: false, remindsDepartment: false, escalatedTo: definitions.defaults.supervisingBody };
  const n = Number(timer.threshold.slice('alarm:'.length));
  return { ...none, level: 'red', warns: true, remindsDepartment: true, next: repeatedAlarm(timer.dueAt, n + 1, definitions, time) };
}
