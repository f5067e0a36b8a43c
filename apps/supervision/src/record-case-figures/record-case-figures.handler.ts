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
  regionCode: string;
  categoryCode: string;
  caseType: string;
  reassigned: boolean;
  assignedAt: Date;
  deadline: Date;
}

const insertAssigned = insertRows<Assigned>(
  'supervision.assignment_facts',
  [
    { name: 'assignment_id', type: 'text', value: (row) => row.assignmentId },
    { name: 'case_id', type: 'uuid', value: (row) => row.caseId },
    { name: 'department_code', type: 'text', value: (row) => row.departmentCode },
    { name: 'department_name', type: 'text', value: (row) => row.departmentName },
    { name: 'region_code', type: 'text', value: (row) => row.regionCode },
    { name: 'category_code', type: 'text', value: (row) => row.categoryCode },
    { name: 'case_type', type: 'text', value: (row) => row.caseType },
    { name: 'reassigned', type: 'boolean', value: (row) => row.reassigned },
    { name: 'assigned_at', type: 'timestamptz', value: (row) => row.assignedAt },
    { name: 'deadline', type: 'timestamptz', value: (row) => row.deadline },
    { name: 'last_event_at', type: 'timestamptz', value: (row) => row.assignedAt },
  ],
  'ON CONFLICT (assignment_id) DO NOTHING',
);

/** Whether the latest finished cycle of an assignment's clock of a hop kept its limit (null: no such clock). */
const onTimeBy = (hop: string) => `(SELECT NOT c.breached_at_end FROM supervision.sla_clocks c
   WHERE c.case_id = f.case_id AND c.assignment_id = f.assignment_id AND c.hop = '${hop}' AND c.ended_at IS NOT NULL
   ORDER BY c.cycle DESC LIMIT 1)`;

const SIGNED = `UPDATE supervision.assignment_facts f SET signed_at = s.at, signed_on_time = ${onTimeBy('sign-off')}
  FROM unnest($1::text[], $2::timestamptz[]) AS s(assignment_id, at) WHERE f.assignment_id = s.assignment_id`;
const RETURNED = `UPDATE supervision.assignment_facts f SET returned_at = s.at
  FROM unnest($1::text[], $2::timestamptz[]) AS s(assignment_id, at) WHERE f.assignment_id = s.assignment_id`;
const DEADLINE_MOVED = `UPDATE supervision.assignment_facts f SET deadline = s.deadline
  FROM unnest($1::text[], $2::timestamptz[]) AS s(assignment_id, deadline) WHERE f.assignment_id = s.assignment_id`;
// On time by the reply clock (pauses and extensions counted); by the deadline when no clock timed it.
const REPLIED = `UPDATE supervision.assignment_facts f SET replied_at = s.at, outcome = s.outcome,
    replied_on_time = coalesce(${onTimeBy('reply')}, s.at <= f.deadline)
  FROM unnest($1::text[], $2::timestamptz[], $3::text[]) AS s(assignment_id, at, outcome) WHERE f.assignment_id = s.assignment_id`;
const REDONE = `UPDATE supervision.assignment_facts f SET replied_at = NULL, replied_on_time = NULL, outcome = NULL, deadline = s.deadline
  FROM unnest($1::text[], $2::timestamptz[]) AS s(assignment_id, deadline) WHERE f.assignment_id = s.assignment_id`;
const CHECK_REPLIES = `INSERT INTO supervision.reply_checks (assignment_id, case_id, department_code, replied_at, recorded_at)
  SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::timestamptz[], $5::timestamptz[]) ON CONFLICT (assignment_id) DO NOTHING`;
const ACTIVITY = `UPDATE supervision.assignment_facts f SET last_event_at = s.at
  FROM (SELECT case_id, max(at) AS at FROM unnest($1::uuid[], $2::timestamptz[]) AS e(case_id, at) GROUP BY case_id) s
  WHERE f.case_id = s.case_id AND f.last_event_at < s.at`;
const BOUNCED = `SELECT case_id, count(returned_at)::int AS returns, count(*) FILTER (WHERE reassigned)::int AS reroutes,
    (array_agg(department_code ORDER BY returned_at DESC NULLS LAST))[1] AS last_returned_by,
    string_agg(department_code, ',' ORDER BY returned_at) FILTER (WHERE returned_at IS NOT NULL) AS returned_by
  FROM supervision.assignment_facts WHERE case_id = ANY($1::uuid[]) GROUP BY case_id`;
const HANDLED_BY = `SELECT DISTINCT ON (case_id) case_id, department_code FROM supervision.assignment_facts
  WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, assigned_at DESC`;

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
    const of = <T>(definition: EventDefinition) => events.filter(({ envelope }) => envelope.type === definition.type).map(({ body }) => body as T);
    const assigned = of<CaseAssigned>(Events.caseAssigned);
    const signed = of<AssignmentSigned>(Events.assignmentSigned);
    const returned = of<AssignmentReturned>(Events.assignmentReturned);
    const replied = of<CaseReplied>(Events.caseReplied);
    const redone = of<RedoOrdered>(Events.redoOrdered);
    const merged = of<CaseMerged>(Events.caseMerged);
    const deadlines = [
      ...of<ExtensionDecided>(Events.extensionDecided).filter((event) => event.approved && event.deadline),
      ...of<HandlingResumed>(Events.handlingResumed).filter((event) => event.deadline),
    ];
    const at = (time: Parameters<typeof timestampDate>[0] | undefined, fallback: Date) => (time ? timestampDate(time) : fallback);

    if (assigned.length > 0)
      await insertAssigned.run(
        transaction,
        assigned.map((event) => ({
          assignmentId: event.assignmentId,
          caseId: event.caseId,
          departmentCode: event.departmentCode,
          departmentName: event.departmentName || event.departmentCode,
          regionCode: event.regionCode,
          categoryCode: event.categoryCode,
          caseType: event.caseType === CaseType.UNSPECIFIED ? 'other' : caseTypeName(event.caseType),
          reassigned: event.reassignment !== undefined,
          assignedAt: at(event.assignedAt, recordedAt),
          deadline: at(event.deadline, recordedAt),
        })),
      );
    if (signed.length > 0)
      await transaction.query(SIGNED, [signed.map((event) => event.assignmentId), signed.map((event) => at(event.signedAt, recordedAt))]);
    if (returned.length > 0)
      await transaction.query(RETURNED, [returned.map((event) => event.assignmentId), returned.map((event) => at(event.returnedAt, recordedAt))]);
    if (deadlines.length > 0)
      await transaction.query(DEADLINE_MOVED, [deadlines.map((event) => event.assignmentId), deadlines.map((event) => timestampDate(event.deadline!))]);
    if (replied.length > 0) {
      const repliedAt = replied.map((event) => at(event.repliedAt, recordedAt));
      await transaction.query(REPLIED, [replied.map((event) => event.assignmentId), repliedAt, replied.map((event) => outcomeName(event.outcome))]);
      await transaction.query(CHECK_REPLIES, [
        replied.map((event) => event.assignmentId),
        replied.map((event) => event.caseId),
        replied.map((event) => event.departmentCode),
        repliedAt,
        replied.map(() => recordedAt),
      ]);
    }
    if (redone.length > 0)
      await transaction.query(REDONE, [redone.map((event) => event.assignmentId), redone.map((event) => at(event.deadline, recordedAt))]);
    const active = events.filter(({ envelope }) => UUID.test(envelope.subject));
    if (active.length > 0)
      await transaction.query(ACTIVITY, [active.map(({ envelope }) => envelope.subject), active.map(({ envelope }) => envelope.time)]);

    const found = [
      ...(await this.shirking(transaction, [...returned.map((event) => event.caseId), ...assigned.filter((event) => event.reassignment).map((event) => event.caseId)])),
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
