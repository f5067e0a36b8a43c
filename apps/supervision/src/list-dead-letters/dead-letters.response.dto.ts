import { ApiProperty } from '@nestjs/swagger';
import type { DeadLetterEntity } from '../infra/dead-letter.entity';
import type { DeadLetterCount } from '../infra/dead-letter.repository';

export class ConsumerGroupDeadLetterCountDto {
  @ApiProperty({ nullable: true, type: String, example: 'ugov.dispatch', description: 'null when the dead letter does not say' })
  consumerGroup: string | null;

  @ApiProperty() count: number;
}

export class TopicDeadLetterCountDto {
  @ApiProperty({ example: 'intake.case-submitted.v1', description: 'the original topic' }) topic: string;
  @ApiProperty() count: number;
  @ApiProperty({ nullable: true, type: String, description: 'null while there is none' }) lastDeadLetteredAt: string | null;
  @ApiProperty({ type: [ConsumerGroupDeadLetterCountDto] }) consumerGroups: ConsumerGroupDeadLetterCountDto[];
}

export class DeadLetterCountsResponseDto {
  @ApiProperty() total: number;

  @ApiProperty({
    type: [TopicDeadLetterCountDto],
    description: 'every topic of the registry (0 when none), and any other that has dead letters',
  })
  topics: TopicDeadLetterCountDto[];

  /** Counts per topic, each with its counts per consumer group; the registry's topics are always there. */
  static of(registryTopics: readonly string[], counts: readonly DeadLetterCount[]): DeadLetterCountsResponseDto {
    const topics = new Map<string, TopicDeadLetterCountDto>(
      registryTopics.map((topic) => [topic, { topic, count: 0, lastDeadLetteredAt: null, consumerGroups: [] }]),
    );
    for (const { originalTopic, consumerGroup, count, lastDeadLetteredAt } of counts) {
      const topic = topics.get(originalTopic) ?? { topic: originalTopic, count: 0, lastDeadLetteredAt: null, consumerGroups: [] };
      topic.count += count;
      const last = lastDeadLetteredAt.toISOString();
      if (topic.lastDeadLetteredAt === null || last > topic.lastDeadLetteredAt) topic.lastDeadLetteredAt = last;
      topic.consumerGroups.push({ consumerGroup, count });
      topics.set(originalTopic, topic);
    }
    const all = [...topics.values()];
    return { total: all.reduce((sum, topic) => sum + topic.count, 0), topics: all };
  }
}

export class DeadLetterDto {
  @ApiProperty({ example: 'intake.case-submitted.v1' }) originalTopic: string;
  @ApiProperty({ nullable: true, type: Number }) originalPartition: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'a decimal string (Kafka offsets are 64-bit)' }) originalOffset: string | null;
  @ApiProperty({ nullable: true, type: String }) consumerGroup: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the CloudEvents id, when the message had one' }) eventId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the message key: the case id' }) messageKey: string | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'MalformedEventError' }) errorType: string | null;
  @ApiProperty({ nullable: true, type: Number }) attempts: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'the dead letter it was replayed from, if it failed again after a replay' })
  replayOf: string | null;
  @ApiProperty() deadLetteredAt: string;
  @ApiProperty({ example: 'intake.case-submitted.v1.dlq/3@12', description: 'where it sits: <dead-letter topic>/<partition>@<offset>' })
  position: string;

  static of(entity: DeadLetterEntity): DeadLetterDto {
    return {
      originalTopic: entity.originalTopic,
      originalPartition: entity.originalPartition,
      originalOffset: entity.originalOffset,
      consumerGroup: entity.consumerGroup,
      eventId: entity.eventId,
      messageKey: entity.messageKey,
      error: entity.error,
      errorType: entity.errorType,
      attempts: entity.attempts,
      replayOf: entity.replayOf,
      deadLetteredAt: entity.deadLetteredAt.toISOString(),
      position: `${entity.dlqTopic}/${entity.dlqPartition}@${entity.dlqOffset}`,
    };
  }
}

export class DeadLettersResponseDto {
  @ApiProperty({ type: [DeadLetterDto], description: 'newest first' }) deadLetters: DeadLetterDto[];
}
