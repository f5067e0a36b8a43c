import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { NewestFirstRequestDto } from './newest-first.request.dto';

// Kafka's legal characters for topic names, which our consumer groups keep to as well.
const KAFKA_NAME = /^[A-Za-z0-9._-]{1,249}$/;

export class ListDeadLettersRequestDto extends NewestFirstRequestDto {
  @ApiPropertyOptional({ example: 'intake.case-submitted.v1', description: 'only dead letters of this original topic' })
  @Matches(KAFKA_NAME, { message: "topic must be a topic name: 1 to 249 letters, digits, '.', '_' or '-'" })
  @IsOptional()
  topic?: string;

  @ApiPropertyOptional({ example: 'ugov.dispatch', description: 'only those this consumer group gave up on' })
  @Matches(KAFKA_NAME, { message: "consumerGroup must be a consumer group: 1 to 249 letters, digits, '.', '_' or '-'" })
  @IsOptional()
  consumerGroup?: string;
}
