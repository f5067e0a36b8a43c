import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { readDeadLetter, type IncomingMessage } from '@ugov/messaging';
import { DeadLetterEntity } from './dead-letter.entity';

export interface DeadLetterCount {
  readonly originalTopic: string;
  readonly consumerGroup: string | null;
  readonly count: number;
  readonly lastDeadLetteredAt: Date;
}

export interface DeadLetterFilter {
  readonly originalTopic?: string;
  readonly consumerGroup?: string;
}

@Injectable()
export class DeadLetterRepository {
  constructor(@InjectRepository(DeadLetterEntity) private readonly deadLetters: Repository<DeadLetterEntity>) {}

  /** Records messages read from dead-letter topics; one read again (a redelivery) is already there. */
  async record(messages: readonly IncomingMessage[]): Promise<void> {
    const rows = messages.map(readDeadLetter).map((deadLetter) => ({
      dlqTopic: deadLetter.position.topic,
      dlqPartition: deadLetter.position.partition,
      dlqOffset: deadLetter.position.offset,
      originalTopic: deadLetter.originalTopic,
      originalPartition: deadLetter.originalPartition,
      originalOffset: deadLetter.originalOffset,
      consumerGroup: deadLetter.consumerGroup,
      eventId: deadLetter.eventId,
      messageKey: deadLetter.key,
      error: deadLetter.error,
      errorType: deadLetter.errorType,
      attempts: deadLetter.attempts,
      replayOf: deadLetter.replayOf,
      deadLetteredAt: deadLetter.deadLetteredAt,
    }));
    if (rows.length > 0) await this.deadLetters.createQueryBuilder().insert().values(rows).orIgnore().execute();
  }

  async countByTopicAndGroup(): Promise<DeadLetterCount[]> {
    const rows: { original_topic: string; consumer_group: string | null; count: number; last: Date }[] = await this.deadLetters.query(
      `SELECT original_topic, consumer_group, count(*)::int AS count, max(dead_lettered_at) AS last
         FROM supervision.dead_letters GROUP BY original_topic, consumer_group ORDER BY original_topic, consumer_group NULLS LAST`,
    );
    return rows.map((row) => ({
      originalTopic: row.original_topic,
      consumerGroup: row.consumer_group,
      count: row.count,
      lastDeadLetteredAt: row.last,
    }));
  }

  newest(filter: DeadLetterFilter, limit: number): Promise<DeadLetterEntity[]> {
    return this.deadLetters.find({
      where: { originalTopic: filter.originalTopic, consumerGroup: filter.consumerGroup },
      order: { deadLetteredAt: 'DESC', dlqTopic: 'ASC', dlqPartition: 'ASC', dlqOffset: 'DESC' },
      take: limit,
    });
  }
}
