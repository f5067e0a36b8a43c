import { Injectable } from '@nestjs/common';
import type { Timestamp } from '@bufbuild/protobuf/wkt';
import {
  AssignmentRole,
  outcomeName,
  PauseEnd,
  PauseKind,
  timestampDate,
  type AssignmentSigned,
  type CaseAnswered,
  type CaseAssigned,
  type CaseMerged,
  type CaseReplied,
  type CaseTriaged,
  type ExtensionDecided,
  type HandlingPaused,
  type HandlingResumed,
  type HandlingStarted,
  type RedoOrdered,
  type ReplyDelivered,
} from '@ugov/contracts';
import { insertRows, type Sql } from '@ugov/persistence';
import { open311StatusOf } from '../domain/open311.rules';
import {
  progressOf,
  rankOf,
  type ProgressUpdate,
  type RequestProgress,
  type UpdateDetails,
  type UpdateKind,
} from '../domain/request-progress';

const dateOf = (timestamp: Timestamp | undefined): Date => (timestamp ? timestampDate(timestamp) : new Date(0));
const isoOf = (timestamp: Timestamp | undefined): string | null => (timestamp ? timestampDate(timestamp).toISOString() : null);
const PAUSES: Partial<Record<PauseKind, 'clarification' | 'consultation'>> = {
  [PauseKind.CLARIFICATION]: 'clarification',
  [PauseKind.CONSULTATION]: 'consultation',
};
const PAUSE_ENDS: Partial<Record<PauseEnd, string>> = {
  [PauseEnd.ANSWERED]: 'answered',
  [PauseEnd.EXPIRED]: 'expired',
  [PauseEnd.ENDED]: 'ended',
};

const insertReplies = insertRows<CaseReplied>(
  'intake.case_replies',
  [
    { name: 'assignment_id', type: 'uuid', value: (reply) => reply.assignmentId },
    { name: 'case_id', type: 'uuid', value: (reply) => reply.caseId },
    { name: 'department_code', type: 'text', value: (reply) => reply.departmentCode },
    { name: 'text', type: 'text', value: (reply) => reply.replyText },
    { name: 'outcome', type: 'text', value: (reply) => outcomeName(reply.outcome) },
    { name: 'outcome_reason', type: 'text', value: (reply) => reply.outcomeReason || null },
    { name: 'replied_at', type: 'timestamptz', value: (reply) => (reply.repliedAt ? timestampDate(reply.repliedAt) : new Date()) },
  ],
  'ON CONFLICT DO NOTHING',
);

const insertUpdates = insertRows<ProgressUpdate>(
  'intake.case_updates',
  [
    { name: 'update_id', type: 'text', value: (row) => row.id },
    { name: 'case_id', type: 'uuid', value: (row) => row.caseId },
    { name: 'kind', type: 'text', value: (row) => row.kind },
    { name: 'assignment_id', type: 'text', value: (row) => row.assignmentId },
    { name: 'occurred_at', type: 'timestamptz', value: (row) => row.at },
    { name: 'details', type: 'jsonb', value: (row) => row.details },
  ],
  'ON CONFLICT DO NOTHING',
);

/** A case's progress folded from all its updates. */
interface FoldedProgress {
  readonly caseId: string;
  readonly progress: RequestProgress;
}

const upsertProgress = insertRows<FoldedProgress>(
  'intake.case_progress',
  [
    { name: 'case_id', type: 'uuid', value: (row) => row.caseId },
    { name: 'state_rank', type: 'smallint', value: (row) => rankOf(row.progress.state) },
    { name: 'department_code', type: 'text', value: (row) => row.progress.department?.code ?? null },
    { name: 'department_name', type: 'text', value: (row) => row.progress.department?.names['zh-Hans'] ?? null },
    { name: 'deadline', type: 'timestamptz', value: (row) => row.progress.deadline },
    { name: 'progress', type: 'jsonb', value: (row) => row.progress },
    { name: 'closed', type: 'boolean', value: (row) => open311StatusOf(row.progress.state) === 'closed' },
    { name: 'updated_at', type: 'timestamptz', value: (row) => row.progress.updatedAt ?? new Date() },
  ],
  `ON CONFLICT (case_id) DO UPDATE SET state_rank = EXCLUDED.state_rank, department_code = EXCLUDED.department_code,
     department_name = EXCLUDED.department_name, deadline = EXCLUDED.deadline, progress = EXCLUDED.progress,
     closed = EXCLUDED.closed, updated_at = EXCLUDED.updated_at`,
);

/** One update of an event: its id is the kind, the assignment (or case) and the event's time, so a redelivery is the same row. */
function update(
  kind: UpdateKind,
  caseId: string,
  assignmentId: string | null,
  at: Timestamp | undefined,
  details: UpdateDetails = {},
): ProgressUpdate {
  const time = dateOf(at);
  return { id: `${kind}.${assignmentId ?? caseId}.${time.getTime()}`, caseId, kind, assignmentId, at: time, details };
}

/**
 * Keeps what a requester may read of their request (GET /v1/requests/{trackingNumber}) and what Open311 shows of
 * it, as dispatch, processing and publication move it: every event is one row of intake.case_updates, and the
 * progress of each case they touch is folded again from all its rows (so the order topics arrive in does not matter).
 */
@Injectable()
export class RecordProgressHandler {
  async assigned(events: readonly CaseAssigned[], transaction: Sql): Promise<void> {
    await this.record(
      events.map((event) =>
        update('assigned', event.caseId, event.assignmentId, event.assignedAt, {
          departmentCode: event.departmentCode,
          departmentNames: { 'zh-Hans': event.departmentName, ...event.departmentNames },
          lead: event.role === AssignmentRole.UNSPECIFIED || event.role === AssignmentRole.LEAD,
          deadline: isoOf(event.deadline),
        }),
      ),
      transaction,
    );
  }

  async triaged(events: readonly CaseTriaged[], transaction: Sql): Promise<void> {
    await this.record(
      events.map((event) => update('triaged', event.caseId, null, event.triagedAt)),
      transaction,
    );
  }

  async merged(events: readonly CaseMerged[], transaction: Sql): Promise<void> {
    await this.record(
      events.map((event) =>
        update('merged', event.caseId, null, event.mergedAt, { mergedIntoTrackingNumber: event.mergedIntoTrackingNumber }),
      ),
      transaction,
    );
  }

  async signed(events: readonly AssignmentSigned[], transaction: Sql): Promise<void> {
    await this.record(
      events.map((event) => update('signed', event.caseId, event.assignmentId, event.signedAt)),
      transaction,
    );
  }

  async started(events: readonly HandlingStarted[], transaction: Sql): Promise<void> {
    await this.record(
      events.map((event) => update('started', event.caseId, event.assignmentId, event.startedAt)),
      transaction,
    );
  }

  async extensionDecided(events: readonly ExtensionDecided[], transaction: Sql): Promise<void> {
    await this.record(
      events.map((event) =>
        update('extension-decided', event.caseId, event.assignmentId, event.decidedAt, {
          approved: event.approved,
          reason: event.extensionReason,
          deadline: isoOf(event.deadline),
        }),
      ),
      transaction,
    );
  }

  async paused(events: readonly HandlingPaused[], transaction: Sql): Promise<void> {
    await this.record(
      events.map((event) =>
        update('paused', event.caseId, event.assignmentId, event.pausedAt, {
          pause: PAUSES[event.kind] ?? 'consultation',
          // A third party's question is the department's business; the requester reads only their own.
          ...(event.kind === PauseKind.CLARIFICATION ? { question: event.question, waitUntil: isoOf(event.waitUntil) } : {}),
        }),
      ),
      transaction,
    );
  }

  async resumed(events: readonly HandlingResumed[], transaction: Sql): Promise<void> {
    await this.record(
      events.map((event) =>
        update('resumed', event.caseId, event.assignmentId, event.resumedAt, {
          pause: PAUSES[event.kind] ?? 'consultation',
          how: PAUSE_ENDS[event.how] ?? 'ended',
          deadline: isoOf(event.deadline),
        }),
      ),
      transaction,
    );
  }

  async redoOrdered(events: readonly RedoOrdered[], transaction: Sql): Promise<void> {
    await this.record(
      events.map((event) =>
        update('redo-ordered', event.caseId, event.assignmentId, event.orderedAt, {
          reason: event.reason,
          deadline: isoOf(event.deadline),
        }),
      ),
      transaction,
    );
  }

  async delivered(events: readonly ReplyDelivered[], transaction: Sql): Promise<void> {
    await this.record(
      events.map((event) => ({ ...update('delivered', event.caseId, null, event.deliveredAt), id: `delivered.${event.deliveryId}` })),
      transaction,
    );
  }

  async replied(replies: readonly CaseReplied[], transaction: Sql): Promise<void> {
    await this.record(
      replies.map((reply) => update('replied', reply.caseId, reply.assignmentId, reply.repliedAt)),
      transaction,
    );
    await insertReplies.run(transaction, replies);
  }

  /** A consultation the knowledge base answered at once (即办): replied, with no department. */
  async answered(answers: readonly CaseAnswered[], replies: readonly CaseReplied[], transaction: Sql): Promise<void> {
    await this.record(
      answers.map((answer) => update('answered', answer.caseId, null, answer.answeredAt)),
      transaction,
    );
    await insertReplies.run(transaction, replies);
  }

  /** Records the updates, then folds every touched case's rows into its progress: two statements and a read per fetch. */
  private async record(updates: readonly ProgressUpdate[], transaction: Sql): Promise<void> {
    if (updates.length === 0) return;
    await insertUpdates.run(transaction, updates);
    const caseIds = [...new Set(updates.map((row) => row.caseId))].sort();
    // Consumers of other topics may record the same cases at the same time: one at a time per case (in a fixed order,
    // so that two fetches never wait for each other), each then reading the rows the one before it committed.
    await transaction.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('intake.case_progress:' || id, 0)) FROM (SELECT unnest($1::text[]) AS id ORDER BY 1) ids`,
      [caseIds],
    );
    const rows: {
      update_id: string;
      case_id: string;
      kind: UpdateKind;
      assignment_id: string | null;
      occurred_at: Date;
      details: UpdateDetails;
    }[] = await transaction.query(
      `SELECT update_id, case_id, kind, assignment_id, occurred_at, details FROM intake.case_updates WHERE case_id = ANY($1::uuid[])`,
      [caseIds],
    );
    const byCase = new Map<string, ProgressUpdate[]>(caseIds.map((caseId) => [caseId, []]));
    for (const row of rows)
      byCase.get(row.case_id)!.push({
        id: row.update_id,
        caseId: row.case_id,
        kind: row.kind,
        assignmentId: row.assignment_id,
        at: new Date(row.occurred_at),
        details: row.details,
      });
    await upsertProgress.run(
      transaction,
      caseIds.map((caseId) => ({ caseId, progress: progressOf(byCase.get(caseId)!) })),
    );
  }
}
