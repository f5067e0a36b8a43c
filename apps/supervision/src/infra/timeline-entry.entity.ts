import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One hop of a case as supervision saw it on Kafka: what happened, which service said so, when; a link of the audit chain. */
@Entity({ name: 'timeline_entries' })
export class TimelineEntryEntity {
  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType: string;

  @Column({ type: 'text' })
  service: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  @Column({ name: 'correlation_id', type: 'text' })
  correlationId: string;

  @Column({ name: 'causation_id', type: 'text', nullable: true })
  causationId: string | null;

  @Column({ type: 'jsonb' })
  details: Record<string, string>;

  // The audit chain (domain/audit-chain.ts): read by its verifier, not by the timeline.
  @Column({ name: 'chain_seq', type: 'bigint', select: false })
  chainSeq: string;

  @Column({ name: 'event_digest', type: 'bytea', nullable: true, select: false })
  eventDigest: Buffer | null;

  @Column({ name: 'previous_hash', type: 'bytea', select: false })
  previousHash: Buffer;

  @Column({ name: 'entry_hash', type: 'bytea', select: false })
  entryHash: Buffer;
}
