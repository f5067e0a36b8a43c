import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { ParkedEventEntity } from './parked-event.entity';

export interface ParkedEventCount {
  readonly service: string;
  readonly topic: string;
  readonly count: number;
}

export type NewParkedEvent = Omit<ParkedEventEntity, 'recordedAt'>;

@Injectable()
export class ParkedEventRepository {
  constructor(@InjectRepository(ParkedEventEntity) private readonly parkedEvents: Repository<ParkedEventEntity>) {}

  /** In the inbox transaction of the notice; a notice told twice is one parked event. */
  async record(transaction: EntityManager, parkedEvent: NewParkedEvent): Promise<void> {
    await transaction.createQueryBuilder().insert().into(ParkedEventEntity).values(parkedEvent).orIgnore().execute();
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
