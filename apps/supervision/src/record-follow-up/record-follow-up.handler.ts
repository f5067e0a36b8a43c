import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError } from '@ugov/domain';
import { FOLLOW_UP_COLUMNS, type FollowUpRow } from '../list-follow-ups/follow-up.response.dto';
import type { RecordFollowUpRequestDto } from './record-follow-up.request.dto';

/** Records what a follow-up call (回访) found, once: a second recording is a conflict, not an overwrite. */
@Injectable()
export class RecordFollowUpHandler {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(followUpId: string, recordedBy: string, request: RecordFollowUpRequestDto): Promise<FollowUpRow> {
    // The assignment's KPI facts learn of its first follow-up call (回访率) in the same statement.
    const [recorded]: FollowUpRow[] = await this.dataSource.query(
      `WITH recorded AS (
         UPDATE supervision.follow_ups SET recorded_at = now(), recorded_by = $2, reached = $3, satisfied = $4, note = $5
          WHERE follow_up_id = $1 AND recorded_at IS NULL RETURNING *),
       counted AS (
         UPDATE supervision.assignment_facts f SET followed_up_at = least(f.followed_up_at, r.recorded_at),
                follow_up_due_on = least(f.follow_up_due_on, r.due_on)
           FROM recorded r WHERE f.assignment_id = r.assignment_id)
       SELECT ${FOLLOW_UP_COLUMNS} FROM recorded`,
      [followUpId, recordedBy, request.reached, request.reached ? (request.satisfied ?? null) : null, request.note],
    );
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
