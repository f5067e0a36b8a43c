import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TriageStatus } from '../domain/triage/triage-case';

/** A case waiting for, claimed by, or routed by a human dispatcher (人工分拨). */
@Entity({ name: 'triage_cases' })
export class TriageCaseEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column('text')
  status: TriageStatus;

  @Column('text')
  reason: string;

  @Column({ name: 'tracking_number', type: 'text' })
  trackingNumber: string;

  @Column('text')
  description: string;

  @Column({ name: 'region_code', type: 'text' })
  regionCode: string;

  @Column({ name: 'case_type', type: 'integer' })
  caseType: number;

  @Column('integer')
  channel: number;

  @Column({ name: 'accepted_at', type: 'timestamptz' })
  acceptedAt: Date;

  @Column({ name: 'correlation_id', type: 'text' })
  correlationId: string;

  @Column({ name: 'predicted_domain', type: 'text', nullable: true })
  predictedDomain: string | null;

  @Column({ type: 'real', nullable: true })
  confidence: number | null;

  @Column({ name: 'classifier_version', type: 'text', nullable: true })
  classifierVersion: string | null;

  @Column({ name: 'triaged_at', type: 'timestamptz' })
  triagedAt: Date;

  @Column({ name: 'claimed_by', type: 'text', nullable: true })
  claimedBy: string | null;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @Column({ name: 'routed_at', type: 'timestamptz', nullable: true })
  routedAt: Date | null;

  @Column({ name: 'routing_reason', type: 'text', nullable: true })
  routingReason: string | null;

  @Column({ name: 'department_code', type: 'text', nullable: true })
  departmentCode: string | null;

  @Column({ name: 'category_code', type: 'text', nullable: true })
  categoryCode: string | null;

  @Column({ name: 'assignment_id', type: 'uuid', nullable: true })
  assignmentId: string | null;
}
