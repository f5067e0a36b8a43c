import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ClockCycle, ClockStatus } from '../domain/sla-clock';
import { HOPS } from '../domain/sla-definitions';

export class ClockLimitDto {
  @ApiProperty({ example: 10 })
  amount: number;

  @ApiProperty({ enum: ['workingDays', 'workingHours', 'minutes'] })
  unit: string;
}

export class ClockPauseDto {
  @ApiProperty({ format: 'date-time' })
  from: string;

  @ApiProperty({ format: 'date-time' })
  to: string;
}

/** A due time an event set: an approved extension (延期) or a redo's (重办) own deadline. */
export class ClockDeadlineDto {
  @ApiProperty({ format: 'date-time' })
  setAt: string;

  @ApiProperty({ format: 'date-time', description: 'the deadline granted; pauses after `setAt` push the due time past it' })
  until: string;
}

/** One cycle of an SLA clock, measured now on the definitions and calendar in force. */
export class ClockResponseDto {
  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty()
  assignmentId: string;

  @ApiProperty({ enum: HOPS })
  hop: string;

  @ApiProperty({ example: 1, description: 'cycles are numbered from 1; a redo or reopening starts the next' })
  cycle: number;

  @ApiProperty({ example: 'city-housing' })
  departmentCode: string;

  @ApiProperty({ example: 'complaint' })
  caseType: string;

  @ApiProperty({ enum: ['urgent', 'general'] })
  urgency: string;

  @ApiProperty({ example: 'urban.property-management' })
  categoryCode: string;

  @ApiProperty({ example: 'reply.complaint', description: 'the SLA definition that applies' })
  definitionId: string;

  @ApiProperty({ example: 1, description: 'the version of the definitions it is measured on (those in force)' })
  definitionsVersion: number;

  @ApiProperty({ type: ClockLimitDto, description: 'the limit: the definition’s, or the counted time to a set deadline' })
  limit: ClockLimitDto;

  @ApiProperty({ enum: ['running', 'paused', 'stopped', 'reset'] })
  state: string;

  @ApiProperty({
    enum: ['green', 'yellow', 'red', 'escalated'],
    description: 'yellow past the warning share, red once breached, escalated past the escalation limit',
  })
  stage: string;

  @ApiProperty({ format: 'date-time' })
  startedAt: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  endedAt: string | null;

  @ApiProperty({ format: 'date-time', description: 'when the limit is reached (a paused clock: if it resumed now)' })
  dueAt: string;

  @ApiProperty({ description: 'counted working time so far, pauses excluded, in milliseconds of the limit’s unit' })
  elapsedMs: number;

  @ApiProperty({ description: 'counted working time left; negative once overdue' })
  remainingMs: number;

  @ApiProperty({ description: 'counted working time spent paused' })
  pausedMs: number;

  @ApiProperty()
  breached: boolean;

  @ApiProperty({ type: [ClockPauseDto], description: 'ended pauses (clarification, consultation), oldest first' })
  pauses: ClockPauseDto[];

  @ApiPropertyOptional({ format: 'date-time', nullable: true, description: 'paused since then, while paused' })
  pausedSince: string | null;

  @ApiPropertyOptional({ type: ClockDeadlineDto, nullable: true, description: 'set by an approved extension or a redo' })
  deadline: ClockDeadlineDto | null;

  static of(cycle: ClockCycle, status: ClockStatus, definitionsVersion: number): ClockResponseDto {
    return {
      caseId: cycle.key.caseId,
      assignmentId: cycle.key.assignmentId,
      hop: cycle.key.hop,
      cycle: cycle.cycle,
      departmentCode: cycle.subject.departmentCode,
      caseType: cycle.subject.caseType,
      urgency: cycle.subject.urgency,
      categoryCode: cycle.subject.categoryCode,
      definitionId: status.definition.id,
      definitionsVersion,
      limit: { ...status.limit },
      state: status.state,
      stage: status.stage,
      startedAt: cycle.startedAt.toISOString(),
      endedAt: cycle.endedAt?.toISOString() ?? null,
      dueAt: status.dueAt.toISOString(),
      elapsedMs: status.elapsedMs,
      remainingMs: status.remainingMs,
      pausedMs: status.pausedMs,
      breached: status.breached,
      pauses: cycle.pauses.map((pause) => ({ from: pause.from.toISOString(), to: pause.to.toISOString() })),
      pausedSince: cycle.pausedSince?.toISOString() ?? null,
      deadline: cycle.deadline ? { setAt: cycle.deadline.setAt.toISOString(), until: cycle.deadline.until.toISOString() } : null,
    };
  }
}
