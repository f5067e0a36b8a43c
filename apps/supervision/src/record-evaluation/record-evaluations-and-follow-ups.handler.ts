import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { WorkingCalendar } from '@ugov/calendar';
import { Events } from '@ugov/contracts';
import type { Sql } from '@ugov/persistence';
import type { AuditedContent } from '../domain/audit-chain';
import { followUpDueOn, isBadRating } from '../domain/evaluation-rules';
import { WORKING_CALENDAR } from '../infra/working-calendar.provider';

/**
 * Each evaluation with the rectification (整改) it opened (a first bad rating) or is recorded against (a
 * re-rating): the latest rectification cycle of the assignment, which the clocks have just moved in this transaction.
 */
const RECORD_EVALUATIONS = `INSERT INTO supervision.evaluations
    (evaluation_id, event_id, case_id, assignment_id, department_code, rating, bad, re_rating, rectification_cycle, evaluated_at, recorded_at)
  SELECT e.evaluation_id, e.event_id, e.case_id, e.assignment_id, e.department_code, e.rating, e.bad, e.re_rating,
    CASE WHEN e.re_rating OR e.bad THEN (SELECT max(c.cycle) FROM supervision.sla_clocks c
      WHERE c.case_id = e.case_id AND c.assignment_id = e.assignment_id AND c.hop = 'rectification') END,
    e.evaluated_at, $10
  FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::smallint[], $7::boolean[], $8::boolean[], $9::timestamptz[])
    AS e(evaluation_id, event_id, case_id, assignment_id, department_code, rating, bad, re_rating, evaluated_at)
  ON CONFLICT DO NOTHING`;

/** One follow-up call per reply; it follows a rectification when that reply closed one (stopped its clock). */
const SCHEDULE_FOLLOW_UPS = `INSERT INTO supervision.follow_ups
    (follow_up_id, reply_event_id, case_id, assignment_id, department_code, closed_at, closes_rectification, due_on)
  SELECT f.follow_up_id, f.reply_event_id, f.case_id, f.assignment_id, f.department_code, f.closed_at,
    EXISTS (SELECT 1 FROM supervision.sla_clocks c WHERE c.case_id = f.case_id AND c.assignment_id = f.assignment_id
      AND c.hop = 'rectification' AND c."end" = 'stopped' AND c.ended_at = f.closed_at),
    f.due_on
  FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[], $7::date[])
    AS f(follow_up_id, reply_event_id, case_id, assignment_id, department_code, closed_at, due_on)
  ON CONFLICT (reply_event_id) DO NOTHING`;

/**
 * 好差评 and 回访 from the hops newly on the timeline, in the batch's transaction and after the clocks moved:
 * every evaluation is recorded (a first bad one has opened rectification); every reply (closure, or the
 * redo's reply that closes a rectification) schedules a follow-up call for the working day after.
 */
@Injectable()
export class RecordEvaluationsAndFollowUpsHandler {
  constructor(@Inject(WORKING_CALENDAR) private readonly calendar: WorkingCalendar) {}

  async execute(contents: readonly AuditedContent[], transaction: Sql, recordedAt: Date): Promise<void> {
    const evaluations = contents.filter(
      (entry) => entry.eventType === Events.caseEvaluated.type && entry.details.evaluationId && entry.details.assignmentId,
    );
    if (evaluations.length > 0) {
      const ratings = evaluations.map((entry) => Number(entry.details.rating) || 0);
      await transaction.query(RECORD_EVALUATIONS, [
        evaluations.map((entry) => entry.details.evaluationId),
        evaluations.map((entry) => entry.eventId),
        evaluations.map((entry) => entry.caseId),
        evaluations.map((entry) => entry.details.assignmentId),
        evaluations.map((entry) => entry.details.departmentCode ?? ''),
        ratings,
        ratings.map(isBadRating),
        evaluations.map((entry) => entry.details.reRating === 'true'),
        evaluations.map((entry) => entry.occurredAt),
        recordedAt,
      ]);
    }
    const replies = contents.filter((entry) => entry.eventType === Events.caseReplied.type && entry.details.assignmentId);
    if (replies.length > 0)
      await transaction.query(SCHEDULE_FOLLOW_UPS, [
        replies.map(() => randomUUID()),
        replies.map((entry) => entry.eventId),
        replies.map((entry) => entry.caseId),
        replies.map((entry) => entry.details.assignmentId),
        replies.map((entry) => entry.details.departmentCode ?? ''),
        replies.map((entry) => entry.occurredAt),
        replies.map((entry) => followUpDueOn(entry.occurredAt, this.calendar)),
      ]);
  }
}
