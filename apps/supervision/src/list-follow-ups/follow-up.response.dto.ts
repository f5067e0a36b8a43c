import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export interface FollowUpRow {
  follow_up_id: string;
  case_id: string;
  assignment_id: string;
  department_code: string;
  closed_at: Date;
  closes_rectification: boolean;
  due_on: string;
  recorded_at: Date | null;
  recorded_by: string | null;
  reached: boolean | null;
  satisfied: boolean | null;
  note: string | null;
}

/** A follow-up call (回访) after a closure: due the working day after, and what the call found once recorded. */
export class FollowUpResponseDto {
  @ApiProperty({ format: 'uuid' })
  followUpId: string;

  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty()
  assignmentId: string;

  @ApiProperty({ example: 'city-housing' })
  departmentCode: string;

  @ApiProperty({ format: 'date-time', description: 'the reply (办结) that closed the case or its rectification' })
  closedAt: string;

  @ApiProperty({ description: 'the reply closed a rectification (整改)' })
  afterRectification: boolean;

  @ApiProperty({ example: '2026-12-01', description: 'the working day after the closure (China time)' })
  dueOn: string;

  @ApiProperty({ enum: ['pending', 'recorded'] })
  status: 'pending' | 'recorded';

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  recordedAt: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'the supervisor who recorded the call' })
  recordedBy: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'whether the requester was reached' })
  reached: boolean | null;

  @ApiPropertyOptional({ nullable: true, description: 'whether the requester was satisfied (only when reached)' })
  satisfied: boolean | null;

  @ApiPropertyOptional({ nullable: true })
  note: string | null;

  static of(row: FollowUpRow): FollowUpResponseDto {
    return {
      followUpId: row.follow_up_id,
      caseId: row.case_id,
      assignmentId: row.assignment_id,
      departmentCode: row.department_code,
      closedAt: row.closed_at.toISOString(),
      afterRectification: row.closes_rectification,
      dueOn: row.due_on,
      status: row.recorded_at ? 'recorded' : 'pending',
      recordedAt: row.recorded_at?.toISOString() ?? null,
      recordedBy: row.recorded_by,
      reached: row.reached,
      satisfied: row.satisfied,
      note: row.note,
    };
  }
}

/** due_on as text, so no time zone shifts the date. */
export const FOLLOW_UP_COLUMNS = `follow_up_id, case_id, assignment_id, department_code, closed_at, closes_rectification,
  to_char(due_on, 'YYYY-MM-DD') AS due_on, recorded_at, recorded_by, reached, satisfied, note`;
