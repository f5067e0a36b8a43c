import { ApiProperty } from '@nestjs/swagger';
import type { ParkedEventEntity } from '../infra/parked-event.entity';

export class ParkedEventCountDto {
  @ApiProperty({ example: 'intake' }) service: string;
  @ApiProperty({ example: 'intake.case-submitted.v1', description: 'the topic the events were meant for' }) topic: string;
  @ApiProperty() count: number;
}

export class ParkedEventDto {
  @ApiProperty({ description: "the parked event's CloudEvents id" }) eventId: string;
  @ApiProperty({ example: 'intake', description: 'whose outbox held it' }) service: string;
  @ApiProperty({ example: 'intake.case-submitted.v1' }) topic: string;
  @ApiProperty({ description: 'the message key: the case id' }) messageKey: string;
  @ApiProperty({ example: 1048700 }) sizeBytes: number;
  @ApiProperty({ example: 'The request included a message larger than the max message size the server will accept' }) reason: string;
  @ApiProperty() parkedAt: string;
  @ApiProperty({ description: 'the id of the EventParked notice that told supervision' }) noticeEventId: string;

  static of(entity: ParkedEventEntity): ParkedEventDto {
    return {
      eventId: entity.eventId,
      service: entity.service,
      topic: entity.topic,
      messageKey: entity.messageKey,
      sizeBytes: Number(entity.sizeBytes),
      reason: entity.reason,
      parkedAt: entity.parkedAt.toISOString(),
      noticeEventId: entity.noticeEventId,
    };
  }
}

export class ParkedEventsResponseDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [ParkedEventCountDto], description: 'per service and topic' }) counts: ParkedEventCountDto[];
  @ApiProperty({ type: [ParkedEventDto], description: 'newest first' }) parkedEvents: ParkedEventDto[];
}
