import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CensorScope } from '../domain/redaction/censor-rules';

/** Text never to be published, for one case, a department's cases or the whole site (as Alaveteli's censor rules). */
@Entity({ name: 'censor_rules' })
export class CensorRuleEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  scope: CensorScope;

  /** The case id or the department code; none for the site. */
  @Column({ name: 'scope_key', type: 'text', nullable: true })
  scopeKey: string | null;

  @Column({ type: 'text' })
  kind: 'literal' | 'pattern';

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
