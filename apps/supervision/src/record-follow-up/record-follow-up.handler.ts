import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError } from '@ugov/domain';
import { poolOf, runInTransaction } from '@ugov/persistence';
import { FOLLOW_UP_RECORDED } from '../domain/clock-rules';
import { LOCK_TIMELINE } from '../infra/sla-clock.store';
import { FOLLOW_UP_COLUMNS, type FollowUpRow } from '../list-follow-ups/follow-up.response.dto';
import { UpdateSlaClocksHandler } from '../update-sla-clocks/update-sla-clocks.handler';
import type { RecordFollowUpRequestDto } from './record-follow-up.request.dto';

/** The assignment's KPI facts learn of its first follow-up call (回访率) in the same statement. */
const RECORD = `WITH recorded AS (
    UPDATE supervision.follow_ups SET recorded_at = now(), recorded_by = $2, reached = $3, satisfied = $4, note = $5
     WHERE follow_up_id = $1 AND recorded_at IS NULL RETURNING *),
  counted AS (
    UPDATE supervision.assignment_facts f SET followed_up_at = least(f.followed_up_at, r.recorded_at),
           follow_up_due_on = least(f.follow_up_due_on, r.due_on)
      FROM recorded r WHERE f.assignment_id = r.assignment_id)
  SELECT ${FOLLOW_UP_COLUMNS} FROM recorded`;

/**
 * Records what a follow-up call (回访) found, once: a second recording is a conflict, not an overwrite. The call's
 * SLA clock (hop follow-up-call, started by the reply that scheduled it) stops in the same transaction.
 */
@Injectable()
export class RecordFollowUpHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clocks: UpdateSlaClocksHandler,
  ) {}

  async execute(followUpId: string, recordedBy: string, request: RecordFollowUpRequestDto): Promise<FollowUpRow> {
    const recorded = await runInTransaction(poolOf(this.dataSource), async (transaction) => {
      // A recalculation's page reads the recorded calls with the timeline: wait for it rather than race it.
      await transaction.query(LOCK_TIMELINE);
      const [row]: FollowUpRow[] = await transaction.query(RECORD, [
        followUpId,
        recordedBy,
        request.reached,
        request.reached ? (request.satisfied ?? null) : null,
        request.note,
      ]);
      if (row) {
        const details = { assignmentId: row.assignment_id, departmentCode: row.department_code, closedAt: row.closed_at.toISOString() };
        await this.clocks.execute(
          [{ eventType: FOLLOW_UP_RECORDED, caseId: row.case_id, occurredAt: row.recorded_at!, details }],
          transaction,
        );
      }
      return row;
    });
    if (recorded) return recorded;
    const [existing]: { recorded_at: Date }[] = await this.dataSource.query(
      'SELECT recorded_at FROM supervision.follow_ups WHERE follow_up_id = $1',
      [followUpId],
    );
    if (!existing) throw new DomainError('not-found', `follow-up ${followUpId} not found`, 'follow-up-not-found');
    throw new DomainError(
      'conflict',
      `follow-up ${followUpId} was already recorded at ${existing.recorded_at.toISOString()}`,
      'follow-up-already-recorded',
    );
  }
}
