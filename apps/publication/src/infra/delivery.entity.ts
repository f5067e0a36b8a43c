import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ChannelName } from '@ugov/contracts';

/** A reply sent back to the requester through the channel the case came in on. */
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

  @Column({ name: 'tracking_number', type: 'text' })
  trackingNumber: string;

  /** The notification as the requester receives it. */
  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'text' })
  status: 'delivered';

  @Column({ name: 'delivered_at', type: 'timestamptz' })
  deliveredAt: Date;
}
