import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A message some consumer group gave up on, as supervision read it from `<topic>.dlq`. */
@Entity({ name: 'dead_letters' })
export class DeadLetterEntity {
  @PrimaryColumn({ name: 'dlq_topic', type: 'text' })
  dlqTopic: string;

  @PrimaryColumn({ name: 'dlq_partition', type: 'integer' })
  dlqPartition: number;

  /** bigint: a string, as pg returns it. */
  @PrimaryColumn({ name: 'dlq_offset', type: 'bigint' })
  dlqOffset: string;

  @Column({ name: 'original_topic', type: 'text' })
  originalTopic: string;

  @Column({ name: 'original_partition', type: 'integer', nullable: true })
  originalPartition: number | null;

  @Column({ name: 'original_offset', type: 'bigint', nullable: true })
  originalOffset: string | null;

  @Column({ name: 'consumer_group', type: 'text', nullable: true })
  consumerGroup: string | null;

  @Column({ name: 'event_id', type: 'text', nullable: true })
  eventId: string | null;

  @Column({ name: 'message_key', type: 'text', nullable: true })
  messageKey: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'error_type', type: 'text', nullable: true })
  errorType: string | null;

  @Column({ type: 'integer', nullable: true })
  attempts: number | null;

  @Column({ name: 'replay_of', type: 'text', nullable: true })
  replayOf: string | null;

  @Column({ name: 'dead_lettered_at', type: 'timestamptz' })
  deadLetteredAt: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
