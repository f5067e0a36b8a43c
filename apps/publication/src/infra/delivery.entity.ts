import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ChannelName } from '@ugov/contracts';
import type { DeliveryMethod, DeliveryStatus } from '../domain/delivery/delivery-method';

/**
 * A reply sent back to the requester through the channel the case came in on: recorded pending in the transaction
 * that takes the reply, sent later by the delivery sender (README, "Delivery to the requester"). Holds no contact.
 */
@Entity({ name: 'deliveries' })
export class DeliveryEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'assignment_id', type: 'uuid', unique: true })
  assignmentId: string;

  @Column({ type: 'text' })
  channel: ChannelName;

  /** The adapter that sends it: sms, email, webhook, push, open311 (none when the case has no contact yet). */
  @Column({ type: 'text' })
  method: DeliveryMethod | 'none';

  @Column({ type: 'text' })
  language: string;

  @Column({ name: 'tracking_number', type: 'text' })
  trackingNumber: string;

  @Column({ type: 'text' })
  subject: string;

  /** The notification as the requester receives it. */
  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'text' })
  status: DeliveryStatus;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  /** What the provider answered on success: its message id. */
  @Column({ type: 'text', nullable: true })
  receipt: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
