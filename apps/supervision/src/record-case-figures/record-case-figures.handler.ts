import { Injectable } from '@nestjs/common';
import {
  CaseType,
  caseTypeName,
  Events,
  outcomeName,
  timestampDate,
  type AssignmentReturned,
  type AssignmentSigned,
  type CaseAssigned,
  type CaseEvaluated,
  type CaseMerged,
  type CaseReplied,
  type EventDefinition,
  type ExtensionDecided,
  type HandlingResumed,
  type RedoOrdered,
} from '@ugov/contracts';
import type { DecodedEvent } from '@ugov/messaging';
import { insertRows, type Sql } from '@ugov/persistence';
import { AnomalyRecorder, type NewAnomaly } from '../detect-anomalies/anomaly-recorder';
import { bouncesOf, type AnomalySettings } from '../domain/anomaly-rules';
import { anomalySettingsFrom } from '../infra/figures-settings';

interface Assigned {
  assignmentId: string;
  caseId: string;
  departmentCode: string;
  departmentName: string;
  departmentLevel: string | null;
  regionCode: string;
  categoryCode: string;
  caseType: string;
  reassigned: boolean;
  assignedAt: Date;
  deadline: Date;
  lastEventAt: Date;
}

const insertAssigned = insertRows<Assigned>(
  'supervision.assignment_facts',
  [
    { name: 'assignment_id', type: 'text', value: (row) => row.assignmentId },
    { name: 'case_id', type: 'uuid', value: (row) => row.caseId },
    { name: 'department_code', type: 'text', value: (row) => row.departmentCode },
    { name: 'department_name', type: 'text', value: (row) => row.departmentName },
    { name: 'department_level', type: 'text', value: (row) => row.departmentLevel },
    { name: 'region_code', type: 'text', value: (row) => row.regionCode },
    { name: 'category_code', type: 'text', value: (row) => row.categoryCode },
    { name: 'case_type', type: 'text', value: (row) => row.caseType },
    { name: 'reassigned', type: 'boolean', value: (row) => row.reassigned },
    { name: 'assigned_at', type: 'timestamptz', value: (row) => row.assignedAt },
    { name: 'deadline', type: 'timestamptz', value: (row) => row.deadline },
    { name: 'last_event_at', type: 'timestamptz', value: (row) => row.lastEventAt },
  ],
  // Its sign-off, reply or return may have come first (another topic) and made the row.
  `ON CONFLICT (assignment_id) DO UPDATE SET department_code = EXCLUDED.department_code, department_name = EXCLUDED.department_name,
     department_level = EXCLUDED.department_level,
     region_code = EXCLUDED.region_code, category_code = EXCLUDED.category_code, case_type = EXCLUDED.case_type,
     reassigned = EXCLUDED.reassigned, assigned_at = EXCLUDED.assigned_at,
     deadline = coalesce(supervision.assignment_facts.deadline, EXCLUDED.deadline),
     last_event_at = greatest(supervision.assignment_facts.last_event_at, EXCLUDED.last_event_at)`,
);

/**
 * A fact about an assignment from an event that may arrive before the assignment itself (another topic): the row is
 * made if need be, and completed when the assignment comes.
 */
const SIGNED = `INSERT INTO supervision.assignment_facts (assignment_id, case_id, signed_at, last_event_at)
  SELECT a, c, at, at FROM unnest($1::text[], $2::uuid[], $3::timestamptz[]) AS s(a, c, at)
  ON CONFLICT (assignment_id) DO UPDATE SET signed_at = EXCLUDED.signed_at`;
const RETURNED = `INSERT INTO supervision.assignment_facts (assignment_id, case_id, returned_at, last_event_at)
  SELECT a, c, at, at FROM unnest($1::text[], $2::uuid[], $3::timestamptz[]) AS s(a, c, at)
  ON CONFLICT (assignment_id) DO UPDATE SET returned_at = EXCLUDED.returned_at`;
const REPLIED = `INSERT INTO supervision.assignment_facts (assignment_id, case_id, replied_at, outcome, last_event_at)
  SELECT a, c, at, outcome, at FROM unnest($1::text[], $2::uuid[], $3::timestamptz[], $4::text[]) AS s(a, c, at, outcome)
  ON CONFLICT (assignment_id) DO UPDATE SET replied_at = EXCLUDED.replied_at, outcome = EXCLUDED.outcome`;

/** The latest cycle's due time of an assignment's clock of a hop (null: no clock timed it). */
const dueOf = (hop: string) => `(SELECT c.due_at FROM supervision.sla_clocks c
   WHERE c.case_id = f.case_id AND c.assignment_id = f.assignment_id AND c.hop = '${hop}' ORDER BY c.cycle DESC LIMIT 1)`;
/**
 * Whether sign-off and reply kept their limits, by the clocks moved in this very transaction (pauses and extensions
 * counted); a reply no clock timed is measured against the assignment's deadline. Every assignment of the batch's
 * cases is measured again: an event that came late (a pause after the reply it preceded) has the clocks replayed.
 * Only rows whose values change are written: an update that changes nothing still writes a new row version and an
 * entry in each of the table's five indexes (the KPI index covers these columns, so no update is HOT). The values are
 * computed in the WHERE clause of a one-table update, not joined from a subquery over the same table: a prepared
 * statement's generic plan for that join doubled PostgreSQL's CPU per case.
 */
const SIGNED_ON_TIME = `CASE WHEN f.signed_at IS NULL THEN NULL ELSE f.signed_at <= ${dueOf('sign-off')} END`;
const REPLIED_ON_TIME = `CASE WHEN f.replied_at IS NULL THEN NULL
    ELSE coalesce(f.replied_at <= ${dueOf('reply')}, f.replied_at <= f.deadline) END`;
const ON_TIME = `UPDATE supervision.assignment_facts f SET signed_on_time = ${SIGNED_ON_TIME}, replied_on_time = ${REPLIED_ON_TIME}
  WHERE (f.assignment_id = ANY($1::text[]) OR f.case_id = ANY($2::uuid[]))
    AND (f.signed_on_time, f.replied_on_time) IS DISTINCT FROM (${SIGNED_ON_TIME}, ${REPLIED_ON_TIME})`;
/** An extension or a resume may come before its assignment too: the deadline it moved is kept when that comes. */
const DEADLINE_MOVED = `INSERT INTO supervision.assignment_facts (assignment_id, case_id, deadline, last_event_at)
  SELECT a, c, deadline, at FROM unnest($1::text[], $2::uuid[], $3::timestamptz[], $4::timestamptz[]) AS s(a, c, deadline, at)
  ON CONFLICT (assignment_id) DO UPDATE SET deadline = EXCLUDED.deadline`;
/** A redo reopens the reply, unless the batch also holds the reply that came after it. */
const REDONE = `UPDATE supervision.assignment_facts f SET deadline = s.deadline, redo_count = f.redo_count + s.redos,
    replied_at = CASE WHEN s.reopens THEN NULL ELSE f.replied_at END, outcome = CASE WHEN s.reopens THEN NULL ELSE f.outcome END
  FROM unnest($1::text[], $2::timestamptz[], $3::int[], $4::boolean[]) AS s(assignment_id, deadline, redos, reopens)
  WHERE f.assignment_id = s.assignment_id`;
/**
 * The latest rating (a re-rating replaces the first) and the first follow-up call (回访) of the assignments the batch
 * touched, read from what this transaction has just recorded: an evaluation may arrive before the reply that made
 * the row, so each touch refreshes them. As above, only rows whose values change are written.
 */
const LATEST_RATING = `(SELECT e.rating FROM supervision.evaluations e WHERE e.assignment_id = f.assignment_id
    ORDER BY e.evaluated_at DESC, e.evaluation_id DESC LIMIT 1)`;
const RATED_AT = `(SELECT max(e.evaluated_at) FROM supervision.evaluations e WHERE e.assignment_id = f.assignment_id)`;
const FOLLOW_UP_DUE_ON = `(SELECT min(u.due_on) FROM supervision.follow_ups u WHERE u.assignment_id = f.assignment_id)`;
const FOLLOWED_UP_AT = `(SELECT min(u.recorded_at) FROM supervision.follow_ups u WHERE u.assignment_id = f.assignment_id)`;
const RATED_AND_FOLLOWED_UP = `UPDATE supervision.assignment_facts f SET
    rating = ${LATEST_RATING}, rated_at = ${RATED_AT}, follow_up_due_on = ${FOLLOW_UP_DUE_ON}, followed_up_at = ${FOLLOWED_UP_AT}
  WHERE f.assignment_id = ANY($1::text[])
    AND (f.rating, f.rated_at, f.follow_up_due_on, f.followed_up_at)
        IS DISTINCT FROM (${LATEST_RATING}, ${RATED_AT}, ${FOLLOW_UP_DUE_ON}, ${FOLLOWED_UP_AT})`;
const checkReplies = insertRows<{ readonly event: CaseReplied; readonly repliedAt: Date; readonly recordedAt: Date }>(
  'supervision.reply_checks',
  [
    { name: 'assignment_id', type: 'text', value: ({ event }) => event.assignmentId },
    { name: 'case_id', type: 'uuid', value: ({ event }) => event.caseId },
    { name: 'department_code', type: 'text', value: ({ event }) => event.departmentCode },
    { name: 'replied_at', type: 'timestamptz', value: ({ repliedAt }) => repliedAt },
    { name: 'recorded_at', type: 'timestamptz', value: ({ recordedAt }) => recordedAt },
  ],
  'ON CONFLICT (assignment_id) DO NOTHING',
);
const ACTIVITY = `UPDATE supervision.assignment_facts f SET last_event_at = s.at
  FROM (SELECT case_id, max(at) AS at FROM unnest($1::uuid[], $2::timestamptz[]) AS e(case_id, at) GROUP BY case_id) s
  WHERE f.case_id = s.case_id AND f.last_event_at < s.at`;
const BOUNCED = `SELECT case_id, count(returned_at)::int AS returns, count(*) FILTER (WHERE reassigned)::int AS reroutes,
    (array_agg(department_code ORDER BY returned_at DESC NULLS LAST))[1] AS last_returned_by,
    string_agg(department_code, ',' ORDER BY returned_at) FILTER (WHERE returned_at IS NOT NULL) AS returned_by
  FROM supervision.assignment_facts WHERE case_id = ANY($1::uuid[]) GROUP BY case_id`;
const HANDLED_BY = `SELECT DISTINCT ON (case_id) case_id, department_code FROM supervision.assignment_facts
  WHERE case_id = ANY($1::uuid[]) AND assigned_at IS NOT NULL ORDER BY case_id, assigned_at DESC`;

/** Between the years 2000 and 2100: what PostgreSQL stores and a real event carries. */
const validDate = (date: Date) => date.getTime() >= Date.UTC(2000, 0, 1) && date.getTime() < Date.UTC(2100, 0, 1);
/** An enum's name, or the fallback for a value this build does not know. */
function nameOr(name: () => string, fallback: string): string {
  try {
    return name();
  } catch {
    return fallback;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Keeps the facts the KPIs are computed from (one row per assignment: when assigned, signed, replied or returned,
 * and whether on time) and runs the anomaly rules that one event can trigger (推诿, repeat complaints), in the
 * transaction that records the batch on the timeline, after the clocks have moved.
 */
@Injectable()
export class RecordCaseFiguresHandler {
  private readonly settings: AnomalySettings = anomalySettingsFrom();

  constructor(private readonly anomalies: AnomalyRecorder) {}

  async execute(events: readonly DecodedEvent<EventDefinition>[], transaction: Sql, recordedAt: Date): Promise<void> {
    // One event per assignment and type (the last), with the case the envelope names: a statement touches a row once,
    // and a body's own fields cannot point it elsewhere.
    const of = <T extends { assignmentId: string; caseId: string }>(...definitions: EventDefinition[]): T[] => {
      const byAssignment = new Map<string, T>();
      for (const { envelope, body } of events) {
        const event = body as unknown as T;
        if (definitions.some((definition) => definition.type === envelope.type) && event.assignmentId)
          byAssignment.set(event.assignmentId, { ...event, caseId: envelope.subject });
      }
      return [...byAssignment.values()];
    };
    const assigned = of<CaseAssigned>(Events.caseAssigned);
    const signed = of<AssignmentSigned>(Events.assignmentSigned);
    const returned = of<AssignmentReturned>(Events.assignmentReturned);
    const replied = of<CaseReplied>(Events.caseReplied);
    const redone = of<RedoOrdered>(Events.redoOrdered);
    const merged = events
      .filter(({ envelope, body }) => envelope.type === Events.caseMerged.type && UUID.test((body as CaseMerged).mergedIntoCaseId))
      .map(({ envelope, body }) => ({ ...(body as CaseMerged), caseId: envelope.subject }));
    const deadlines = of<ExtensionDecided | HandlingResumed>(Events.extensionDecided, Events.handlingResumed).filter(
      (event) => event.deadline && validDate(timestampDate(event.deadline)) && (!('approved' in event) || event.approved),
    );
    const at = (time: Parameters<typeof timestampDate>[0] | undefined, fallback: Date) =>
      time && validDate(timestampDate(time)) ? timestampDate(time) : fallback;

    const active = events.filter(({ envelope }) => UUID.test(envelope.subject));
    // The latest event of each case in the batch (what ACTIVITY below sets): a new row starts with it, rather than
    // with its assignment's time and a second write of the same row a few statements later.
    const latestOfCase = new Map<string, number>();
    for (const { envelope } of active)
      latestOfCase.set(envelope.subject, Math.max(latestOfCase.get(envelope.subject) ?? -Infinity, envelope.time.getTime()));
    const lastEventAt = (caseId: string, assignedAt: Date) =>
      new Date(Math.max(assignedAt.getTime(), latestOfCase.get(caseId) ?? -Infinity));

    if (assigned.length > 0)
      await insertAssigned.run(
        transaction,
        assigned.map((event) => ({
          assignmentId: event.assignmentId,
          caseId: event.caseId,
          departmentCode: event.departmentCode,
          departmentName: event.departmentName || event.departmentCode,
          departmentLevel: event.departmentLevel || null,
          regionCode: event.regionCode,
          categoryCode: event.categoryCode,
          caseType: event.caseType === CaseType.UNSPECIFIED ? 'other' : nameOr(() => caseTypeName(event.caseType), 'other'),
          reassigned: event.reassignment !== undefined,
          assignedAt: at(event.assignedAt, recordedAt),
          deadline: at(event.deadline, recordedAt),
          lastEventAt: lastEventAt(event.caseId, at(event.assignedAt, recordedAt)),
        })),
      );
    const idAndCase = (events: { assignmentId: string; caseId: string }[]) => [
      events.map((event) => event.assignmentId),
      events.map((event) => event.caseId),
    ];
    if (signed.length > 0) await transaction.query(SIGNED, [...idAndCase(signed), signed.map((event) => at(event.signedAt, recordedAt))]);
    if (returned.length > 0)
      await transaction.query(RETURNED, [...idAndCase(returned), returned.map((event) => at(event.returnedAt, recordedAt))]);
    if (deadlines.length > 0)
      await transaction.query(DEADLINE_MOVED, [
        ...idAndCase(deadlines),
        deadlines.map((event) => timestampDate(event.deadline!)),
        deadlines.map(() => recordedAt),
      ]);
    if (replied.length > 0) {
      const repliedAt = replied.map((event) => at(event.repliedAt, recordedAt));
      await transaction.query(REPLIED, [
        ...idAndCase(replied),
        repliedAt,
        replied.map((event) => nameOr(() => outcomeName(event.outcome), 'unspecified')),
      ]);
      await checkReplies.run(
        transaction,
        replied.map((event, index) => ({ event, repliedAt: repliedAt[index], recordedAt })),
      );
    }
    if (redone.length > 0) {
      // Every redo counts (重办率), the batch's last one sets the deadline.
      const redos = new Map<string, number>();
      const lastRedo = new Map<string, number>();
      const lastReply = new Map<string, number>();
      events.forEach(({ envelope, body }, index) => {
        const { assignmentId } = body as { assignmentId?: string };
        if (!assignmentId) return;
        if (envelope.type === Events.redoOrdered.type) {
          redos.set(assignmentId, (redos.get(assignmentId) ?? 0) + 1);
          lastRedo.set(assignmentId, index);
        } else if (envelope.type === Events.caseReplied.type) lastReply.set(assignmentId, index);
      });
      await transaction.query(REDONE, [
        redone.map((event) => event.assignmentId),
        redone.map((event) => at(event.deadline, recordedAt)),
        redone.map((event) => redos.get(event.assignmentId) ?? 1),
        redone.map((event) => (lastReply.get(event.assignmentId) ?? -1) < lastRedo.get(event.assignmentId)!),
      ]);
    }
    const measured = [...assigned, ...signed, ...replied, ...redone, ...deadlines].map((event) => event.assignmentId);
    if (measured.length > 0 || active.length > 0)
      await transaction.query(ON_TIME, [[...new Set(measured)], [...new Set(active.map(({ envelope }) => envelope.subject))]]);
    const evaluated = of<CaseEvaluated>(Events.caseEvaluated).map((event) => event.assignmentId);
    const touched = [...new Set([...measured, ...returned.map((event) => event.assignmentId), ...evaluated])];
    if (touched.length > 0) await transaction.query(RATED_AND_FOLLOWED_UP, [touched]);
    if (active.length > 0)
      await transaction.query(ACTIVITY, [active.map(({ envelope }) => envelope.subject), active.map(({ envelope }) => envelope.time)]);

    const found = [
      ...(await this.shirking(transaction, [
        ...returned.map((event) => event.caseId),
        ...assigned.filter((event) => event.reassignment).map((event) => event.caseId),
      ])),
      ...(await this.repeatComplaints(transaction, merged)),
    ];
    await this.anomalies.record(transaction, found, recordedAt);
  }

  /** 推诿: the cases of the batch returned or re-routed the configured number of times or more. */
  private async shirking(transaction: Sql, caseIds: string[]): Promise<NewAnomaly[]> {
    if (caseIds.length === 0) return [];
    const rows: { case_id: string; returns: number; reroutes: number; last_returned_by: string; returned_by: string | null }[] =
      await transaction.query(BOUNCED, [[...new Set(caseIds)]]);
    return rows
      .filter((row) => bouncesOf(row.returns, row.reroutes) >= this.settings.shirkingBounces)
      .map((row) => ({
        kind: 'shirking' as const,
        subject: row.case_id,
        reason: row.returns >= row.reroutes ? 'returned' : 're-routed',
        caseId: row.case_id,
        departmentCode: row.last_returned_by,
        details: {
          returns: String(row.returns),
          reroutes: String(row.reroutes),
          threshold: String(this.settings.shirkingBounces),
          returnedBy: row.returned_by ?? '',
        },
      }));
  }

  /** A repeat of a case on the same matter (dispatch merged it, 并单): the case repeated is complained about again. */
  private async repeatComplaints(transaction: Sql, merged: CaseMerged[]): Promise<NewAnomaly[]> {
    if (merged.length === 0) return [];
    const rows: { case_id: string; department_code: string }[] = await transaction.query(HANDLED_BY, [
      [...new Set(merged.map((event) => event.mergedIntoCaseId))],
    ]);
    const departmentOf = new Map(rows.map((row) => [row.case_id, row.department_code]));
    return merged.map((event) => ({
      kind: 'repeat-complaint' as const,
      subject: event.mergedIntoCaseId,
      reason: 'merged-repeat',
      caseId: event.mergedIntoCaseId,
      departmentCode: departmentOf.get(event.mergedIntoCaseId) ?? null,
      details: {
        repeatCaseId: event.caseId,
        repeatTrackingNumber: event.trackingNumber,
        trackingNumber: event.mergedIntoTrackingNumber,
        similarity: String(event.similarity),
      },
    }));
  }
}
