import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RATING_NAMES, ratingName } from '../domain/evaluation-rules';

export interface EvaluationRow {
  evaluation_id: string;
  case_id: string;
  assignment_id: string;
  department_code: string;
  rating: number;
  bad: boolean;
  re_rating: boolean;
  evaluated_at: Date;
  rectification_cycle: number | null;
  rectification_started_at: Date | null;
  rectification_due_at: Date | null;
  rectification_ended_at: Date | null;
  rectification_state: string | null;
}

/** The rectification (整改) an evaluation opened or is a re-rating of: an SLA clock of hop `rectification`. */
export class RectificationDto {
  @ApiProperty({ description: 'the cycle of the rectification clock of the assignment' })
  cycle: number;

  @ApiProperty({ enum: ['running', 'paused', 'stopped', 'reset'], description: 'stopped: closed by the next reply (the redo’s)' })
  state: string;

  @ApiProperty({ format: 'date-time' })
  openedAt: string;

  @ApiProperty({ format: 'date-time', description: 'the deadline (the rectification limit of the SLA definitions)' })
  dueAt: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, description: 'when the reply that closed it came' })
  closedAt: string | null;
}

/** One 好差评 as intake reported it: the rating, never the requester's comment (it stays with intake). */
export class EvaluationResponseDto {
  @ApiProperty()
  evaluationId: string;

  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty()
  assignmentId: string;

  @ApiProperty({ example: 'city-housing' })
  departmentCode: string;

  @ApiProperty({ minimum: 1, maximum: 5, description: '1 非常不满意 … 5 非常满意' })
  rating: number;

  @ApiProperty({ enum: RATING_NAMES })
  ratingName: string;

  @ApiProperty({ description: '不满意 or worse' })
  bad: boolean;

  @ApiProperty({ description: 'the one re-rating after a rectification' })
  reRating: boolean;

  @ApiProperty({ format: 'date-time' })
  evaluatedAt: string;

  @ApiPropertyOptional({
    type: RectificationDto,
    nullable: true,
    description: 'opened by this bad rating, or the one this re-rating rates',
  })
  rectification: RectificationDto | null;

  static of(row: EvaluationRow): EvaluationResponseDto {
    return {
      evaluationId: row.evaluation_id,
      caseId: row.case_id,
      assignmentId: row.assignment_id,
      departmentCode: row.department_code,
      rating: row.rating,
      ratingName: ratingName(row.rating) ?? 'unspecified',
      bad: row.bad,
      reRating: row.re_rating,
      evaluatedAt: row.evaluated_at.toISOString(),
      rectification:
        row.rectification_cycle !== null && row.rectification_started_at && row.rectification_due_at && row.rectification_state
          ? {
              cycle: row.rectification_cycle,
              state: row.rectification_state,
              openedAt: row.rectification_started_at.toISOString(),
              dueAt: row.rectification_due_at.toISOString(),
              closedAt: row.rectification_ended_at?.toISOString() ?? null,
            }
          : null,
    };
  }
}
