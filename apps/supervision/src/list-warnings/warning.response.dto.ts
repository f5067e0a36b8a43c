import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export interface WarningRow {
  warning_id: string;
  case_id: string;
  assignment_id: string;
  hop: string;
  cycle: number;
  threshold: string;
  level: string;
  department_code: string;
  due_at: Date;
  scheduled_at: Date;
  fired_at: Date;
  order_due_at: Date | null;
  escalated_to: string | null;
}

/** A fired SLA timer: a yellow warning (with a reminder), a red one (with a supervision order, or a reminder when repeated), an escalation. */
export class WarningResponseDto {
  @ApiProperty({ format: 'uuid', description: 'also the id of the reminder, order or escalation it issued' })
  warningId: string;

  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty()
  assignmentId: string;

  @ApiProperty({ example: 'reply' })
  hop: string;

  @ApiProperty()
  cycle: number;

  @ApiProperty({ example: 'yellow', description: 'yellow, red, alarm:N (the N-th repeat while breached) or escalation' })
  threshold: string;

  @ApiProperty({ enum: ['yellow', 'red', 'escalation'] })
  level: string;

  @ApiProperty({ example: 'city-housing' })
  departmentCode: string;

  @ApiProperty({ format: 'date-time', description: 'the clock’s due time' })
  dueAt: string;

  @ApiProperty({ format: 'date-time', description: 'when the threshold was reached' })
  scheduledAt: string;

  @ApiProperty({ format: 'date-time' })
  firedAt: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, description: 'the deadline of the supervision order (督办) opened on red' })
  orderDueAt: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'the supervising body an escalation went to' })
  escalatedTo: string | null;

  static of(row: WarningRow): WarningResponseDto {
    return {
      warningId: row.warning_id,
      caseId: row.case_id,
      assignmentId: row.assignment_id,
      hop: row.hop,
      cycle: row.cycle,
      threshold: row.threshold,
      level: row.level,
      departmentCode: row.department_code,
      dueAt: row.due_at.toISOString(),
      scheduledAt: row.scheduled_at.toISOString(),
      firedAt: row.fired_at.toISOString(),
      orderDueAt: row.order_due_at?.toISOString() ?? null,
      escalatedTo: row.escalated_to,
    };
  }
}
