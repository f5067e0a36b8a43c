import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Disclosure, Visibility, WithheldPart } from '../domain/reply-review';

/** A department's reply as it waits for review before anything goes public: redacted, with why each part is withheld. */
@Entity({ name: 'reply_reviews' })
export class ReplyReviewEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'assignment_id', type: 'uuid', unique: true })
  assignmentId: string;

  @Column({ name: 'department_code', type: 'text' })
  departmentCode: string;

  @Column({ name: 'tracking_number', type: 'text' })
  trackingNumber: string;

  /** As the department wrote it: internal, for the reviewer; the offsets of `withheld` are in this text (UTF-16 code units). */
  @Column({ name: 'reply_text', type: 'text' })
  replyText: string;

  /** What may become public: each withheld part replaced by the mask of its type. */
  @Column({ name: 'redacted_text', type: 'text' })
  redactedText: string;

  @Column({ type: 'jsonb' })
  withheld: WithheldPart[];

  @Column({ type: 'text' })
  disclosure: Disclosure;

  @Column({ name: 'disclosure_reason', type: 'text', nullable: true })
  disclosureReason: string | null;

  @Column({ type: 'text' })
  visibility: Visibility;

  @Column({ name: 'review_status', type: 'text' })
  reviewStatus: 'awaiting-review' | 'approved' | 'rejected' | 'withheld';

  /** The text as the reviewer left it (masked further, never less), once decided. */
  @Column({ name: 'decided_text', type: 'text', nullable: true })
  decidedText?: string | null;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy?: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt?: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
