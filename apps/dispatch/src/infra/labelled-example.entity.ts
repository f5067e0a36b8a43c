import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A message with the domain a human gave it: the training signal `npm run classifier:train` adds to the shipped data. */
@Entity({ name: 'labelled_examples' })
export class LabelledExampleEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column('text')
  source: 'triage' | 'return';

  @Column('text')
  text: string;

  @Column('text')
  domain: string;

  @Column({ name: 'category_code', type: 'text' })
  categoryCode: string;

  @Column({ name: 'predicted_domain', type: 'text', nullable: true })
  predictedDomain: string | null;

  @Column({ name: 'classifier_version', type: 'text', nullable: true })
  classifierVersion: string | null;

  @Column({ name: 'decided_by', type: 'text' })
  decidedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
