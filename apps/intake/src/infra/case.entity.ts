import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { CaseTypeName, ChannelName, UrgencyName } from '@ugov/contracts';
import type { AttachmentReference, ChannelDetails, TypeDetails } from '../domain/case-submission';

@Entity({ name: 'cases' })
export class CaseEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'tracking_number', unique: true })
  trackingNumber: string;

  @Column('text')
  type: CaseTypeName;

  @Column('text')
  channel: ChannelName;

  @Column('text')
  description: string;

  @Column({ name: 'category_code', type: 'text', nullable: true })
  categoryCode: string | null;

  @Column({ name: 'region_code', type: 'text', nullable: true })
  regionCode: string | null;

  @Column({ type: 'double precision', nullable: true })
  lat: number | null;

  @Column({ type: 'double precision', nullable: true })
  long: number | null;

  // The requester's personal data is sealed (PersonalDataCipher): these columns hold no clear text.
  @Column({ name: 'address', type: 'text', nullable: true })
  sealedAddress: string | null;

  @Column({ name: 'requester_name', type: 'text' })
  sealedRequesterName: string;

  @Column({ name: 'requester_phone', type: 'text' })
  sealedRequesterPhone: string;

  /** Keyed hash of the normalised phone, for lookups such as repeat detection. */
  @Column({ name: 'requester_phone_hash', type: 'text' })
  requesterPhoneHash: string;

  @Column({ name: 'requester_id_number', type: 'text', nullable: true })
  sealedRequesterIdNumber: string | null;

  @Column({ name: 'requester_id_number_hash', type: 'text', nullable: true })
  requesterIdNumberHash: string | null;

  /** Keyed hash of the requester's verification code (PersonalDataCipher.verificationCodeHash); the code itself is never stored. */
  @Column({ name: 'verification_code_hash', type: 'text', nullable: true })
  verificationCodeHash: string | null;

  /** The integrator (channel client) that submitted the case; only it may read the case back. */
  @Column({ name: 'submitted_by', type: 'text' })
  submittedBy: string;

  @Column({ name: 'correlation_id', type: 'text' })
  correlationId: string;

  @Column('text')
  status: 'submitted';

  @CreateDateColumn({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;

  @Column('text')
  urgency: UrgencyName;

  /** 保密: the requester's identity is hidden from departments and the reply is not published. */
  @Column('boolean')
  confidential: boolean;

  @Column('jsonb')
  attachments: readonly AttachmentReference[];

  @Column({ name: 'channel_details', type: 'jsonb', nullable: true })
  channelDetails: ChannelDetails | null;

  @Column({ name: 'type_details', type: 'jsonb', nullable: true })
  typeDetails: TypeDetails | null;
}
