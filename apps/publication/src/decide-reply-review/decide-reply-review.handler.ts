import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Events, timestampFromDate } from '@ugov/contracts';
import { DomainError } from '@ugov/domain';
import { OutboxWriter } from '@ugov/messaging';
import { poolOf, runInTransaction, type Sql } from '@ugov/persistence';
import { actorOf, describePrincipal, RequestValidationError, type Principal } from '@ugov/platform';
import { normalizeForSearch, searchDocumentOf } from '../domain/public-search/search-text';
import type { WithheldPart } from '../domain/reply-review';
import {
  decisionProblemOf,
  DISCLOSURE_CODES,
  REVIEW_STATUS_OF,
  reviewedTextOf,
  WITHHELD_REASON_CODES,
  type DecisionRequest,
} from '../domain/review-decision';
import { jiebaSearchWords } from '../infra/redaction/jieba-word-tagger';

interface ReviewRow {
  id: string;
  case_id: string;
  assignment_id: string;
  department_code: string;
  redacted_text: string;
  withheld: WithheldPart[];
  review_status: string;
}

/**
 * A reviewer's decision on a redacted reply (审核, 保密审查), once: approved and public, the reply as the reviewer left it
 * goes into the public search, with the reason for each withheld part; the decision is an event supervision sees.
 * Nothing of a confidential case (保密) is ever public, nor of a case whose confidentiality publication does not know.
 */
@Injectable()
export class DecideReplyReviewHandler {
  private readonly logger = new Logger(DecideReplyReviewHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(reviewer: Principal, reviewId: string, request: DecisionRequest): Promise<string> {
    return runInTransaction(poolOf(this.dataSource), async (transaction) => {
      const [review] = (await transaction.query(
        `SELECT id, case_id, assignment_id, department_code, redacted_text, withheld, review_status
           FROM publication.reply_reviews WHERE id = $1 FOR UPDATE`,
        [reviewId],
      )) as ReviewRow[];
      if (!review) throw new DomainError('not-found', `reply review ${reviewId} does not exist`, 'reply-review-not-found');
      if (review.review_status !== 'awaiting-review')
        throw new DomainError(
          'conflict',
          `reply review ${reviewId} was decided already (${review.review_status})`,
          'reply-review-already-decided',
        );
      const problem = decisionProblemOf(request);
      if (problem) throw new RequestValidationError([problem]);
      const published = request.decision === 'approve' && request.visibility === 'public';
      const confidential = published ? await this.confidentialityOf(transaction, review.case_id) : false;
      if (confidential === true)
        throw new DomainError(
          'invalid',
          'the requester asked for confidentiality (保密): the reply is never public',
          'confidential-case-never-public',
        );
      if (confidential === undefined)
        throw new DomainError(
          'conflict',
          `publication has not yet learnt whether case ${review.case_id} is confidential (保密); try again shortly`,
          'case-confidentiality-unknown',
        );
      const reviewed = reviewedTextOf(review.redacted_text, review.withheld, request);
      if (reviewed.problem) throw new RequestValidationError([reviewed.problem]);
      const { text, withheld } = reviewed;
      const status = REVIEW_STATUS_OF[request.decision];
      const disclosureReason = request.disclosure === 'withheld' ? WITHHELD_REASON_CODES[request.withheldReason!] : null;
      const [{ decided_at: decidedAt }] = (await transaction.query(
        `UPDATE publication.reply_reviews SET review_status = $2, disclosure = $3, disclosure_reason = $4, visibility = $5,
                decided_text = $6, decided_by = $7, decided_at = now() WHERE id = $1 RETURNING decided_at`,
        [reviewId, status, DISCLOSURE_CODES[request.disclosure], disclosureReason, request.visibility, text, describePrincipal(reviewer)],
      )) as { decided_at: Date }[];
      if (published)
        await transaction.query(
          `INSERT INTO publication.published_replies (id, case_id, department_code, text, withheld, published_at, search_text, search_tokens,
                  category_code, region_code)
           SELECT $1::uuid, $2::uuid, $3::text, $4::text, $5::jsonb, $6::timestamptz, $7::text, to_tsvector('simple', $8::text),
                  topic.category_code, topic.region_code
             FROM (SELECT 1) AS one LEFT JOIN publication.submitted_cases AS topic ON topic.case_id = $2`,
          [
            reviewId,
            review.case_id,
            review.department_code,
            text,
            JSON.stringify(withheld),
            decidedAt,
            normalizeForSearch(text),
            searchDocumentOf(text, jiebaSearchWords),
          ],
        );
      await this.outbox.append(transaction, Events.replyReviewed, review.case_id, {
        caseId: review.case_id,
        reviewId,
        assignmentId: review.assignment_id,
        departmentCode: review.department_code,
        decision: request.decision,
        disclosure: request.disclosure,
        withheldReason: request.disclosure === 'withheld' ? request.withheldReason : '',
        visibility: request.visibility,
        published,
        reviewedAt: timestampFromDate(decidedAt),
        actor: actorOf(reviewer),
      });
      this.logger.log(`${describePrincipal(reviewer)}: reply review ${reviewId} ${status}${published ? ', published' : ''}`);
      return reviewId;
    });
  }

  /** true or false as intake said when it accepted the case; undefined while its event has not reached publication. */
  private async confidentialityOf(transaction: Sql, caseId: string): Promise<boolean | undefined> {
    const [row] = (await transaction.query(`SELECT confidential FROM publication.submitted_cases WHERE case_id = $1`, [caseId])) as {
      confidential: boolean;
    }[];
    return row?.confidential;
  }
}
