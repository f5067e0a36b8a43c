import { chinaDateOf, type WorkingCalendar } from '@ugov/calendar';
import { Events } from '@ugov/contracts';
import { clockCommandsOf, type CaseEvent } from './clock-rules';
import { followUpDueOn } from './evaluation-rules';
import { DEPARTMENT_LEVEL_NAMES, type KpiCounts } from './kpi-score';
import { applyClockCommands, measureCycles } from './sla-clock';
import type { SlaDefinitions } from './sla-definitions';
import { WorkingTime } from './working-time';

/** A timeline entry as the recomputation reads it: the event as supervision recorded it, in chain order. */
export interface RecordedEvent extends CaseEvent {
  readonly eventId: string;
}

/** A follow-up call (回访) a supervisor recorded, by the reply (closure) that scheduled it. */
export interface RecordedFollowUp {
  readonly replyEventId: string;
  readonly recordedAt: Date;
}

export type RecomputedGrouping = 'department' | 'region' | 'category' | 'level';
export type RecomputedInterval = 'day' | 'week' | 'month';

/** One assignment as its events make it, worked out again from the timeline alone (no table the consumers keep). */
export interface RecomputedAssignment {
  readonly assignmentId: string;
  departmentCode: string | null;
  departmentName: string | null;
  departmentLevel: string | null;
  regionCode: string | null;
  categoryCode: string | null;
  assignedAt: Date | null;
  deadline: Date | null;
  signedAt: Date | null;
  signedOnTime: boolean | null;
  returnedAt: Date | null;
  repliedAt: Date | null;
  repliedOnTime: boolean | null;
  outcome: string | null;
  redos: number;
  rating: { value: number; at: Date; id: string } | null;
  followUpDueOn: string | null;
  followedUpAt: Date | null;
}

const dateOf = (text: string | undefined): Date | null => (text && !Number.isNaN(Date.parse(text)) ? new Date(text) : null);
const earlier = (a: Date | null, b: Date | null) => (a === null ? b : b === null ? a : a < b ? a : b);

/**
 * Replays the events of some cases (all of each case, in the order supervision chained them) into their
 * assignments: who was assigned what and when, what the department did, the latest rating, the follow-up calls;
 * sign-off and reply are on time by the due time of their SLA clock's latest cycle, the clocks replayed from the same
 * events on the definitions and calendar given (a reply no clock timed is measured against the deadline).
 */
export function recomputeAssignments(
  events: readonly RecordedEvent[],
  followUps: ReadonlyMap<string, RecordedFollowUp>,
  definitions: SlaDefinitions,
  calendar: WorkingCalendar,
  now: Date,
): RecomputedAssignment[] {
  const assignments = new Map<string, RecomputedAssignment>();
  const of = (assignmentId: string): RecomputedAssignment => {
    let assignment = assignments.get(assignmentId);
    if (!assignment) {
      assignment = {
        assignmentId,
        departmentCode: null,
        departmentName: null,
        departmentLevel: null,
        regionCode: null,
        categoryCode: null,
        assignedAt: null,
        deadline: null,
        signedAt: null,
        signedOnTime: null,
        returnedAt: null,
        repliedAt: null,
        repliedOnTime: null,
        outcome: null,
        redos: 0,
        rating: null,
        followUpDueOn: null,
        followedUpAt: null,
      };
      assignments.set(assignmentId, assignment);
    }
    return assignment;
  };
  for (const event of events) {
    const { details } = event;
    if (!details.assignmentId) continue;
    const assignment = of(details.assignmentId);
    switch (event.eventType) {
      case Events.caseAssigned.type:
        assignment.departmentCode = details.departmentCode ?? null;
        assignment.departmentName = details.departmentName || details.departmentCode || null;
        assignment.departmentLevel = details.departmentLevel || null;
        assignment.regionCode = details.regionCode ?? '';
        assignment.categoryCode = details.categoryCode ?? null;
        assignment.assignedAt = event.occurredAt;
        assignment.deadline ??= dateOf(details.deadline);
        break;
      case Events.assignmentSigned.type:
        assignment.signedAt = event.occurredAt;
        break;
      case Events.assignmentReturned.type:
        assignment.returnedAt = event.occurredAt;
        break;
      case Events.caseReplied.type: {
        assignment.repliedAt = event.occurredAt;
        assignment.outcome = details.outcome ?? null;
        const recorded = followUps.get(event.eventId);
        assignment.followUpDueOn ??= followUpDueOn(event.occurredAt, calendar);
        assignment.followedUpAt = earlier(assignment.followedUpAt, recorded?.recordedAt ?? null);
        break;
      }
      case Events.redoOrdered.type:
        assignment.repliedAt = null;
        assignment.outcome = null;
        assignment.deadline = dateOf(details.deadline) ?? event.occurredAt;
        assignment.redos++;
        break;
      case Events.extensionDecided.type:
        if (details.approved === 'true' && dateOf(details.deadline)) assignment.deadline = dateOf(details.deadline);
        break;
      case Events.handlingResumed.type:
        if (dateOf(details.deadline)) assignment.deadline = dateOf(details.deadline);
        break;
      case Events.caseEvaluated.type: {
        const rating = { value: Number(details.rating) || 0, at: event.occurredAt, id: details.evaluationId ?? '' };
        const latest = assignment.rating;
        if (!latest || rating.at > latest.at || (rating.at.getTime() === latest.at.getTime() && rating.id > latest.id))
          assignment.rating = rating;
        break;
      }
    }
  }
  // The latest cycle's due time of each assignment's sign-off and reply clocks.
  const clockOrder = [...events].sort((a, b) =>
    a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : a.occurredAt.getTime() - b.occurredAt.getTime(),
  );
  const replayed = measureCycles(applyClockCommands(new Map(), clockCommandsOf(clockOrder)), definitions, new WorkingTime(calendar), now);
  const due = new Map<string, { cycle: number; dueAt: Date }>();
  for (const { cycle, status } of replayed.measured) {
    const key = `${cycle.key.assignmentId}/${cycle.key.hop}`;
    if ((due.get(key)?.cycle ?? 0) < cycle.cycle) due.set(key, { cycle: cycle.cycle, dueAt: status.dueAt });
  }
  for (const assignment of assignments.values()) {
    const signOff = due.get(`${assignment.assignmentId}/sign-off`)?.dueAt;
    const reply = due.get(`${assignment.assignmentId}/reply`)?.dueAt ?? assignment.deadline;
    assignment.signedOnTime = assignment.signedAt && signOff ? assignment.signedAt <= signOff : null;
    assignment.repliedOnTime = assignment.repliedAt && reply ? assignment.repliedAt <= reply : null;
  }
  return [...assignments.values()];
}

/** The first day of the day, week (Monday) or month of a moment, China time. */
export function periodOf(at: Date, interval: RecomputedInterval): string {
  const day = chinaDateOf(at);
  if (interval === 'day') return day;
  if (interval === 'month') return `${day.slice(0, 8)}01`;
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

/**
 * The KPI counts of the assignments made from `from` to `to` (China dates, both included), by the grouping and
 * interval given, counted one assignment at a time: the definitions of the README's KPI section, written again.
 */
export function countKpis(
  assignments: readonly RecomputedAssignment[],
  query: { from: string; to: string; by: RecomputedGrouping; interval?: RecomputedInterval },
  now: Date,
): KpiCounts[] {
  const today = chinaDateOf(now);
  const rows = new Map<string, { -readonly [K in keyof KpiCounts]: KpiCounts[K] }>();
  for (const assignment of assignments) {
    if (!assignment.assignedAt) continue;
    const day = chinaDateOf(assignment.assignedAt);
    if (day < query.from || day > query.to) continue;
    const key =
      query.by === 'department'
        ? (assignment.departmentCode ?? '')
        : query.by === 'region'
          ? assignment.regionCode?.slice(0, 6) || 'none'
          : query.by === 'category'
            ? assignment.categoryCode || 'none'
            : (assignment.departmentLevel ?? 'unknown');
    const name =
      query.by === 'department' ? (assignment.departmentName ?? key) : query.by === 'level' ? (DEPARTMENT_LEVEL_NAMES[key] ?? key) : key;
    const period = query.interval ? periodOf(assignment.assignedAt, query.interval) : undefined;
    const id = `${period ?? ''}|${key}`;
    let row = rows.get(id);
    if (!row) {
      row = {
        key,
        name,
        ...(period ? { period } : {}),
        cases: 0,
        signedOnTime: 0,
        responded: 0,
        repliedOnTime: 0,
        replied: 0,
        resolved: 0,
        returned: 0,
        everReplied: 0,
        redone: 0,
        overdue: 0,
        evaluated: 0,
        satisfied: 0,
        followUpsDue: 0,
        followedUp: 0,
      };
      rows.set(id, row);
    }
    if (name > row.name) row.name = name;
    const a = assignment;
    row.cases++;
    if (a.signedOnTime) row.signedOnTime++;
    if (a.signedAt || a.returnedAt) row.responded++;
    if (a.repliedOnTime) row.repliedOnTime++;
    if (a.repliedAt) row.replied++;
    if (a.repliedAt && a.outcome === 'resolved') row.resolved++;
    if (a.returnedAt) row.returned++;
    if (a.repliedAt || a.redos > 0) row.everReplied++;
    if (a.redos > 0) row.redone++;
    if (a.repliedOnTime === false || (!a.repliedAt && !a.returnedAt && a.deadline && a.deadline < now)) row.overdue++;
    if (a.rating) row.evaluated++;
    if (a.rating && a.rating.value >= 3) row.satisfied++;
    if ((a.followUpDueOn && a.followUpDueOn <= today) || a.followedUpAt) row.followUpsDue++;
    if (a.followedUpAt) row.followedUp++;
  }
  return [...rows.values()];
}
