import { Column, Entity, PrimaryColumn, type ValueTransformer } from 'typeorm';
import type { CaseTypeName, ChannelName } from '@ugov/contracts';
import type {
  AssignmentState,
  AssignmentStatus,
  CoHandler,
  Extension,
  HandlingRole,
  Notice,
  Pause,
  ReplyOutcome,
  Supplement,
} from '../domain/assignment-workflow';

type Stored<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

const dateOf = (value: string | null): Date | null => (value === null ? null : new Date(value));

/** jsonb holds dates as ISO strings; the domain wants Dates back, field by field (never guessed from the text). */
function jsonWithDates<T>(revive: (stored: Stored<T>) => T): ValueTransformer {
  return {
    to: (value: T | null) => value,
    from: (stored: unknown) => {
      if (stored === null || stored === undefined) return stored;
      return Array.isArray(stored) ? stored.map((item) => revive(item as Stored<T>)) : revive(stored as Stored<T>);
    },
  };
}

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

  @Column({ name: 'original_deadline', type: 'timestamptz' })
  originalDeadline: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'returned_at', type: 'timestamptz', nullable: true })
  returnedAt: Date | null;

  @Column({ name: 'return_reason', type: 'text', nullable: true })
  returnReason: string | null;

  @Column({ name: 'handling_role', type: 'text' })
  handlingRole: HandlingRole;

  @Column({ name: 'lead_assignment_id', type: 'uuid', nullable: true })
  leadAssignmentId: string | null;

  @Column({
    name: 'co_handlers',
    type: 'jsonb',
    transformer: jsonWithDates<CoHandler>((stored) => ({ ...stored, at: dateOf(stored.at) })),
  })
  coHandlers: CoHandler[];

  @Column({
    type: 'jsonb',
    nullable: true,
    transformer: jsonWithDates<Extension>((stored) => ({
      ...stored,
      requestedAt: new Date(stored.requestedAt),
      requestedDeadline: new Date(stored.requestedDeadline),
      decidedAt: dateOf(stored.decidedAt),
    })),
  })
  extension: Extension | null;

  @Column({
    type: 'jsonb',
    nullable: true,
    transformer: jsonWithDates<Pause>((stored) => ({ ...stored, since: new Date(stored.since), until: dateOf(stored.until) })),
  })
  pause: Pause | null;

  @Column({ name: 'redo_count', type: 'int' })
  redoCount: number;

  @Column({
    type: 'jsonb',
    transformer: jsonWithDates<Notice>((stored) => ({
      ...stored,
      issuedAt: new Date(stored.issuedAt),
      acknowledgedAt: dateOf(stored.acknowledgedAt),
    })),
  })
  notices: Notice[];

  @Column({
    type: 'jsonb',
    transformer: jsonWithDates<Supplement>((stored) => ({ ...stored, at: new Date(stored.at) })),
  })
  supplements: Supplement[];

  @Column({ name: 'withdrawal_reason', type: 'text', nullable: true })
  withdrawalReason: string | null;

  /** The case's correlation id from intake, so the department's actions log and publish under it. */
  @Column({ name: 'correlation_id', type: 'text' })
  correlationId: string;
}
