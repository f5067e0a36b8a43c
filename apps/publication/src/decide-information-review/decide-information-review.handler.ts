import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@ugov/domain';
import { poolOf, runInTransaction } from '@ugov/persistence';
import { describePrincipal, RequestValidationError, type Principal } from '@ugov/platform';
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

interface ItemRow {
  id: string;
  title: string;
  redacted_text: string;
  withheld: WithheldPart[];
  review_status: string;
}

/**
 * A reviewer's decision on a piece of government information, once, by the rules of a reply's review: approved as
 * public and 主动公开, it is published in its column and found by the public search; the reviewer may mask more, never less.
 */
@Injectable()
export class DecideInformationReviewHandler {
  private readonly logger = new Logger(DecideInformationReviewHandler.name);

  constructor(private readonly dataSource: DataSource) {}

  async execute(reviewer: Principal, id: string, request: DecisionRequest): Promise<void> {
    await runInTransaction(poolOf(this.dataSource), async (transaction) => {
      const [item] = (await transaction.query(
        `SELECT id, title, redacted_text, withheld, review_status FROM publication.information_items WHERE id = $1 FOR UPDATE`,
        [id],
      )) as ItemRow[];
      if (!item) throw new DomainError('not-found', `information ${id} does not exist`, 'information-not-found');
      if (item.review_status !== 'awaiting-review')
        throw new DomainError('conflict', `information ${id} was decided already (${item.review_status})`, 'information-already-decided');
      const problem = decisionProblemOf(request);
      if (problem) throw new RequestValidationError([problem]);
      const reviewed = reviewedTextOf(item.redacted_text, item.withheld, request);
      if (reviewed.problem) throw new RequestValidationError([reviewed.problem]);
      const published = request.decision === 'approve' && request.visibility === 'public';
      const searchable = `${item.title}\n${reviewed.text}`;
      await transaction.query(
        `UPDATE publication.information_items SET review_status = $2, disclosure = $3, disclosure_reason = $4, visibility = $5,
                decided_text = $6, withheld = $7, decided_by = $8, decided_at = now(),
                published_at = CASE WHEN $9 THEN now() END,
                search_text = CASE WHEN $9 THEN $10 END,
                search_tokens = CASE WHEN $9 THEN to_tsvector('simple', $11) END
          WHERE id = $1`,
        [
          id,
          REVIEW_STATUS_OF[request.decision],
          DISCLOSURE_CODES[request.disclosure],
          request.disclosure === 'withheld' ? WITHHELD_REASON_CODES[request.withheldReason!] : null,
          request.visibility,
          reviewed.text,
          JSON.stringify(reviewed.withheld),
          describePrincipal(reviewer),
          published,
          normalizeForSearch(searchable),
          searchDocumentOf(searchable, jiebaSearchWords),
        ],
      );
      this.logger.log(
        `${describePrincipal(reviewer)}: information ${id} ${REVIEW_STATUS_OF[request.decision]}${published ? ', published' : ''}`,
      );
    });
  }
}
