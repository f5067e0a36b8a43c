import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An event a service's outbox relay could never publish and set aside, as its EventParked notice told supervision. */
@Entity({ name: 'parked_events' })
export class ParkedEventEntity {
  /** The parked event's id, not the notice's. */
  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId: string;

  @Column({ type: 'text' })
  service: string;

  @Column({ type: 'text' })
  topic: string;

  @Column({ name: 'message_key', type: 'text' })
  messageKey: string;

  /** bigint: a string, as pg returns it. */
  @Column({ name: 'size_bytes', type: 'bigint' })
  sizeBytes: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'parked_at', type: 'timestamptz' })
  parkedAt: Date;

  @Column({ name: 'notice_event_id', type: 'text' })
  noticeEventId: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
