import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One decision per case: assigned to a department with a deadline, or waiting in manual triage. */
@Entity({ name: 'decisions' })
export class DispatchDecisionEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column('text')
  outcome: 'assigned' | 'triage';

  @Column({ name: 'assignment_id', type: 'uuid', nullable: true })
  assignmentId: string | null;

  @Column({ name: 'department_code', type: 'text', nullable: true })
  departmentCode: string | null;

  @Column({ name: 'category_code', type: 'text', nullable: true })
  categoryCode: string | null;

  @Column({ name: 'routing_basis', type: 'text', nullable: true })
  routingBasis: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  deadline: Date | null;

  @Column({ name: 'triage_reason', type: 'text', nullable: true })
  triageReason: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt: Date;

  /** The catalog version in force when the case was accepted. */
  @Column({ name: 'catalog_version', type: 'int4', nullable: true })
  catalogVersion: number | null;

  @Column({ name: 'handling_mode', type: 'text', nullable: true })
  handlingMode: 'single' | 'separately' | 'lead-co' | null;

  /** The region whose rule decided. */
  @Column({ name: 'region_code', type: 'text', nullable: true })
  regionCode: string | null;

  @Column({ name: 'jurisdiction_basis', type: 'text', nullable: true })
  jurisdictionBasis: string | null;

  /** The classifier model that read the description, when one did, with its prediction. */
  @Column({ name: 'classifier_version', type: 'text', nullable: true })
  classifierVersion: string | null;

  @Column({ name: 'predicted_domain', type: 'text', nullable: true })
  predictedDomain: string | null;

  @Column({ type: 'real', nullable: true })
  confidence: number | null;
}
