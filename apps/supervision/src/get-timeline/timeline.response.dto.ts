import { ApiProperty } from '@nestjs/swagger';
import type { TimelineEntryEntity } from '../infra/timeline-entry.entity';

export class TimelineHopDto {
  @ApiProperty() eventId: string;
  @ApiProperty({ example: 'ugov.dispatch.case-assigned.v1', description: 'CloudEvents type' }) type: string;
  @ApiProperty({ example: 'dispatch' }) service: string;
  @ApiProperty({ example: '/ugov/dispatch' }) source: string;
  @ApiProperty() occurredAt: string;
  @ApiProperty() recordedAt: string;
  @ApiProperty() correlationId: string;
  @ApiProperty({ nullable: true }) causationId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) details: Record<string, string>;

  static of(entry: TimelineEntryEntity): TimelineHopDto {
    return {
      eventId: entry.eventId,
      type: entry.eventType,
      service: entry.service,
      source: entry.source,
      occurredAt: entry.occurredAt.toISOString(),
      recordedAt: entry.recordedAt.toISOString(),
      correlationId: entry.correlationId,
      causationId: entry.causationId,
      details: entry.details,
    };
  }
}

export class TimelineResponseDto {
  @ApiProperty() caseId: string;
  @ApiProperty({ type: [TimelineHopDto] }) hops: TimelineHopDto[];
}
