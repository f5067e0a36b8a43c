import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CaseReplied } from '@ugov/contracts';
import { insertRows, type Sql } from '@ugov/persistence';
import type { CensorRule } from '../domain/redaction/censor-rules';
import { Redactor } from '../domain/redaction/redactor';
import { proposeReplyReview } from '../domain/reply-review';
import type { ReplyReviewEntity } from '../infra/reply-review.entity';

const insertReview = insertRows<ReplyReviewEntity>(
  'publication.reply_reviews',
  [
    { name: 'id', type: 'uuid', value: (review) => review.id },
    { name: 'case_id', type: 'uuid', value: (review) => review.caseId },
    { name: 'assignment_id', type: 'uuid', value: (review) => review.assignmentId },
    { name: 'department_code', type: 'text', value: (review) => review.departmentCode },
    { name: 'tracking_number', type: 'text', value: (review) => review.trackingNumber },
    { name: 'reply_text', type: 'text', value: (review) => review.replyText },
    { name: 'redacted_text', type: 'text', value: (review) => review.redactedText },
    { name: 'withheld', type: 'jsonb', value: (review) => review.withheld },
    { name: 'disclosure', type: 'text', value: (review) => review.disclosure },
    { name: 'disclosure_reason', type: 'text', value: (review) => review.disclosureReason },
    { name: 'visibility', type: 'text', value: (review) => review.visibility },
    { name: 'review_status', type: 'text', value: (review) => review.reviewStatus },
    { name: 'created_at', type: 'timestamptz', value: (review) => review.createdAt },
  ],
  'ON CONFLICT (assignment_id) DO NOTHING',
);

/** The censor rules of the site, of the replying department and of the case. */
const RULES_FOR_REPLY = `SELECT scope, kind, text, reason FROM publication.censor_rules
  WHERE scope = 'site' OR (scope = 'department' AND scope_key = $1) OR (scope = 'case' AND scope_key = $2)`;

/**
 * Keeps the redacted version of a department's reply, with why each part is withheld and a proposed disclosure
 * attribute, for review: whatever of a reply may become public comes from here, never from the raw text.
 */
@Injectable()
export class QueueReplyForReviewHandler {
  constructor(private readonly redactor: Redactor) {}

  async execute(replied: CaseReplied, transaction: Sql): Promise<void> {
    const rules: CensorRule[] = await transaction.query(RULES_FOR_REPLY, [replied.departmentCode, replied.caseId]);
    const proposal = proposeReplyReview(replied.replyText, this.redactor.redact(replied.replyText, rules));
    await insertReview.run(transaction, [
      {
        id: randomUUID(),
        caseId: replied.caseId,
        assignmentId: replied.assignmentId,
        departmentCode: replied.departmentCode,
        trackingNumber: replied.trackingNumber,
        replyText: replied.replyText,
        ...proposal,
        withheld: [...proposal.withheld],
        createdAt: new Date(),
      },
    ]);
  }
}
