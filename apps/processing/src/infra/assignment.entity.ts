import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CaseTypeName, ChannelName } from '@ugov/contracts';
import type { AssignmentState, AssignmentStatus, ReplyOutcome } from '../domain/assignment-workflow';

/** A department's copy of the work it was given, as processing tracks it. */
@Entity({ name: 'assignments' })
export class AssignmentEntity implements AssignmentState {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'department_code', type: 'text' })
  departmentCode: string;

  @Column({ name: 'department_name', type: 'text' })
  departmentName: string;

  @Column({ name: 'category_code', type: 'text' })
  categoryCode: string;

  @Column({ name: 'case_type', type: 'text' })
  caseType: CaseTypeName;

  @Column({ type: 'text' })
  channel: ChannelName;

  @Column({ name: 'tracking_number', type: 'text' })
  trackingNumber: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'region_code', type: 'text' })
  regionCode: string;

  @Column({ type: 'timestamptz' })
  deadline: Date;

  @Column({ type: 'text' })
  status: AssignmentStatus;

  @Column({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt: Date;

  @Column({ name: 'signed_at', type: 'timestamptz', nullable: true })
  signedAt: Date | null;

  @Column({ name: 'replied_at', type: 'timestamptz', nullable: true })
  repliedAt: Date | null;

  @Column({ name: 'reply_text', type: 'text', nullable: true })
  replyText: string | null;

  @Column({ type: 'text', nullable: true })
  outcome: ReplyOutcome | null;

  @Column({ name: 'outcome_reason', type: 'text', nullable: true })
  outcomeReason: string | null;

  /** The case's correlation id from intake, so the department's actions log and publish under it. */
  @Column({ name: 'correlation_id', type: 'text' })
  correlationId: string;
}
