import type { Sql } from '@ugov/persistence';
import type { SelfServiceRecordDto } from './requester-self-service.response.dto';

const iso = (value: Date | string) => new Date(value).toISOString();

/** The requester's supplements, withdrawal, evaluations and redo requests on their case, oldest first. */
export async function selfServiceRecordOf(sql: Sql, caseId: string): Promise<SelfServiceRecordDto> {
  const [supplements, [withdrawal], evaluations, redoRequests] = await Promise.all([
    sql.query(`SELECT id, text, attachments, supplemented_at FROM intake.case_supplements WHERE case_id = $1 ORDER BY supplemented_at`, [
      caseId,
    ]),
    sql.query(`SELECT reason, withdrawn_at FROM intake.case_withdrawals WHERE case_id = $1`, [caseId]),
    sql.query(
      `SELECT id, rating, comment, re_rating, replied_at, evaluated_at FROM intake.case_evaluations WHERE case_id = $1 ORDER BY evaluated_at`,
      [caseId],
    ),
    sql.query(
      `SELECT id, reason, request_count, replied_at, requested_at FROM intake.case_redo_requests WHERE case_id = $1 ORDER BY requested_at`,
      [caseId],
    ),
  ]);
  return {
    supplements: supplements.map((row: Record<string, never>) => ({
      id: row.id,
      text: row.text,
      attachments: row.attachments,
      supplementedAt: iso(row.supplemented_at),
    })),
    withdrawal: withdrawal ? { reason: withdrawal.reason, withdrawnAt: iso(withdrawal.withdrawn_at) } : null,
    evaluations: evaluations.map((row: Record<string, never>) => ({
      id: row.id,
      rating: row.rating,
      comment: row.comment,
      reRating: row.re_rating,
      repliedAt: iso(row.replied_at),
      evaluatedAt: iso(row.evaluated_at),
    })),
    redoRequests: redoRequests.map((row: Record<string, never>) => ({
      id: row.id,
      reason: row.reason,
      requestCount: row.request_count,
      repliedAt: iso(row.replied_at),
      requestedAt: iso(row.requested_at),
    })),
  };
}
