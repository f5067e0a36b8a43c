import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One department's part in a case: the lead, a co-handler or a copy (the decision row names the lead). */
@Entity({ name: 'assignments' })
export class DispatchAssignmentEntity {
  @PrimaryColumn({ name: 'assignment_id', type: 'uuid' })
  assignmentId: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'department_code', type: 'text' })
  departmentCode: string;

  @Column('text')
  role: 'lead' | 'co' | 'copy';
}
