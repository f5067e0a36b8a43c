import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { insertRows, type Sql } from '@ugov/persistence';
import { ParkedEventEntity } from './parked-event.entity';

export interface ParkedEventCount {
  readonly service: string;
  readonly topic: string;
  readonly count: number;
}

export type NewParkedEvent = Omit<ParkedEventEntity, 'recordedAt'>;

const insertParkedEvents = insertRows<NewParkedEvent>(
  'supervision.parked_events',
  [
    { name: 'event_id', type: 'text', value: (event) => event.eventId },
    { name: 'service', type: 'text', value: (event) => event.service },
    { name: 'topic', type: 'text', value: (event) => event.topic },
    { name: 'message_key', type: 'text', value: (event) => event.messageKey },
    { name: 'size_bytes', type: 'bigint', value: (event) => event.sizeBytes },
    { name: 'reason', type: 'text', value: (event) => event.reason },
    { name: 'parked_at', type: 'timestamptz', value: (event) => event.parkedAt },
    { name: 'notice_event_id', type: 'text', value: (event) => event.noticeEventId },
  ],
  'ON CONFLICT DO NOTHING',
);

@Injectable()
export class ParkedEventRepository {
  constructor(@InjectRepository(ParkedEventEntity) private readonly parkedEvents: Repository<ParkedEventEntity>) {}

  /** In the inbox transaction of the notice; a notice told twice is one parked event. */
  async record(transaction: Sql, parkedEvent: NewParkedEvent): Promise<void> {
    await insertParkedEvents.run(transaction, [parkedEvent]);
  }

  async countByServiceAndTopic(): Promise<ParkedEventCount[]> {
    const rows: { service: string; topic: string; count: number }[] = await this.parkedEvents.query(
      `SELECT service, topic, count(*)::int AS count FROM supervision.parked_events GROUP BY service, topic ORDER BY service, topic`,
    );
    return rows;
  }

  newest(service: string | undefined, limit: number): Promise<ParkedEventEntity[]> {
    return this.parkedEvents.find({ where: { service }, order: { parkedAt: 'DESC', eventId: 'ASC' }, take: limit });
  }
}
