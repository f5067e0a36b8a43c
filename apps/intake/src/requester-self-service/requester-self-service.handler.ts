import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { Events, timestampFromDate, type EventDefinition } from '@ugov/contracts';
import { OutboxWriter } from '@ugov/messaging';
import type { MessageInitShape } from '@bufbuild/protobuf';
import {
  checkEvaluation,
  checkRedoRequest,
  checkSupplement,
  checkWithdrawal,
  type ReplyRef,
  type Standing,
} from '../domain/requester-self-service';
import type { RequesterPrincipal } from '../requester-access/requester-credential.guard';
import { answerOnce, type Answered } from '../infra/answer-once';
import type {
  EvaluationRequestDto,
  RedoRequestDto,
  SupplementRequestDto,
  WithdrawalRequestDto,
} from './requester-self-service.request.dto';
import { SelfServiceLimits } from './self-service.config';

export type SelfServiceAction = 'supplement' | 'withdrawal' | 'evaluation' | 'redo-request';

export type SelfServiceResult<Response> = Answered<Response>;

/** The requester as events name them: the tracking credential, never the person. */
const actorOf = (requester: RequesterPrincipal) => ({
  subject: `tracking:${requester.trackingNumber}`,
  roles: ['requester'],
  departmentCode: '',
  keyId: '',
});

const iso = (date: Date) => date.toISOString();

/**
 * The requester's self-service on their own request: each action locks the case, checks the rules against what
 * the case now stands at, writes its row and its event (through the outbox) in one transaction, and remembers its
 * answer under the Idempotency-Key, if one was sent.
 */
@Injectable()
export class RequesterSelfServiceHandler {
  private readonly logger = new Logger(RequesterSelfServiceHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly limits: SelfServiceLimits,
  ) {}

  supplement(requester: RequesterPrincipal, request: SupplementRequestDto, key: string | undefined) {
    return this.act(requester, 'supplement', request, key, async (standing, transaction, at) => {
      checkSupplement(standing);
      const id = randomUUID();
      const attachments = request.attachments ?? [];
      await transaction.query(
        `INSERT INTO intake.case_supplements (id, case_id, text, attachments, supplemented_at) VALUES ($1, $2, $3, $4, $5)`,
        [id, requester.caseId, request.text, JSON.stringify(attachments), at],
      );
      return this.emit(
        transaction,
        Events.caseSupplemented,
        requester,
        {
          supplementId: id,
          text: request.text,
          attachmentUrls: attachments.map((file) => file.url),
          supplementedAt: timestampFromDate(at),
        },
        { id, text: request.text, attachments, supplementedAt: iso(at) },
      );
    });
  }

  withdraw(requester: RequesterPrincipal, request: WithdrawalRequestDto, key: string | undefined) {
    return this.act(requester, 'withdrawal', request, key, async (standing, transaction, at) => {
      checkWithdrawal(standing);
      await transaction.query(`INSERT INTO intake.case_withdrawals (case_id, reason, withdrawn_at) VALUES ($1, $2, $3)`, [
        requester.caseId,
        request.reason,
        at,
      ]);
      // Closed for every reader of the case's status (Open311 says closed).
      await transaction.query(`UPDATE intake.cases SET status = 'withdrawn' WHERE id = $1`, [requester.caseId]);
      return this.emit(
        transaction,
        Events.caseWithdrawn,
        requester,
        { reason: request.reason, withdrawnAt: timestampFromDate(at) },
        {
          reason: request.reason,
          withdrawnAt: iso(at),
        },
      );
    });
  }

  evaluate(requester: RequesterPrincipal, request: EvaluationRequestDto, key: string | undefined) {
    return this.act(requester, 'evaluation', request, key, async (standing, transaction, at) => {
      const { reply, reRating } = checkEvaluation(standing);
      const id = randomUUID();
      await transaction.query(
        `INSERT INTO intake.case_evaluations (id, case_id, assignment_id, department_code, replied_at, rating, comment, re_rating, evaluated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          id,
          requester.caseId,
          reply.assignmentId,
          reply.departmentCode,
          reply.repliedAt,
          request.rating,
          request.comment ?? null,
          reRating,
          at,
        ],
      );
      return this.emit(
        transaction,
        Events.caseEvaluated,
        requester,
        {
          evaluationId: id,
          assignmentId: reply.assignmentId,
          departmentCode: reply.departmentCode,
          rating: request.rating,
          comment: request.comment ?? '',
          reRating,
          evaluatedAt: timestampFromDate(at),
        },
        { id, rating: request.rating, comment: request.comment ?? null, reRating, repliedAt: iso(reply.repliedAt), evaluatedAt: iso(at) },
      );
    });
  }

  requestRedo(requester: RequesterPrincipal, request: RedoRequestDto, key: string | undefined) {
    return this.act(requester, 'redo-request', request, key, async (standing, transaction, at) => {
      const { reply, requestCount } = checkRedoRequest(standing, this.limits.redoRequestsPerCase);
      const id = randomUUID();
      await transaction.query(
        `INSERT INTO intake.case_redo_requests (id, case_id, assignment_id, department_code, replied_at, reason, request_count, requested_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, requester.caseId, reply.assignmentId, reply.departmentCode, reply.repliedAt, request.reason, requestCount, at],
      );
      return this.emit(
        transaction,
        Events.redoRequested,
        requester,
        {
          assignmentId: reply.assignmentId,
          departmentCode: reply.departmentCode,
          reason: request.reason,
          requestCount,
          requestedAt: timestampFromDate(at),
        },
        { id, reason: request.reason, requestCount, repliedAt: iso(reply.repliedAt), requestedAt: iso(at) },
      );
    });
  }

  /** The event of the action (case id, tracking number and actor added), through the outbox; its answer back. */
  private async emit<Def extends EventDefinition, Response>(
    transaction: EntityManager,
    definition: Def,
    requester: RequesterPrincipal,
    body: Omit<MessageInitShape<Def['schema']>, 'caseId' | 'trackingNumber' | 'actor' | '$typeName'>,
    response: Response,
  ): Promise<Response> {
    const event = { ...body, caseId: requester.caseId, trackingNumber: requester.trackingNumber, actor: actorOf(requester) };
    await this.outbox.append(transaction, definition, requester.caseId, event as never);
    this.logger.log(`requester of case ${requester.caseId}: ${definition.type}`);
    return response;
  }

  private act<Response>(
    requester: RequesterPrincipal,
    action: SelfServiceAction,
    request: object,
    key: string | undefined,
    work: (standing: Standing, transaction: EntityManager, at: Date) => Promise<Response>,
  ): Promise<SelfServiceResult<Response>> {
    return this.dataSource.transaction(async (transaction) => {
      // One action on a case at a time: each sees what the one before it did.
      await transaction.query(`SELECT id FROM intake.cases WHERE id = $1 FOR UPDATE`, [requester.caseId]);
      const book = { table: 'intake.requester_action_keys', scope: { case_id: requester.caseId, action } } as const;
      return answerOnce(transaction, book, key, request, async () =>
        work(await standingOf(transaction, requester.caseId), transaction, new Date()),
      );
    });
  }
}

interface ReplyRow {
  assignment_id: string;
  department_code: string;
  replied_at: Date;
}

const replyOf = (row: ReplyRow): ReplyRef => ({
  assignmentId: row.assignment_id,
  departmentCode: row.department_code,
  repliedAt: new Date(row.replied_at),
});

/** What the rules need of the case: its replies and what the requester did before. */
async function standingOf(transaction: EntityManager, caseId: string): Promise<Standing> {
  // One after the other: the statements share the transaction's connection.
  const withdrawals: unknown[] = await transaction.query(`SELECT 1 FROM intake.case_withdrawals WHERE case_id = $1`, [caseId]);
  const replies: ReplyRow[] = await transaction.query(
    `SELECT assignment_id, department_code, replied_at FROM intake.case_replies WHERE case_id = $1 ORDER BY replied_at, assignment_id`,
    [caseId],
  );
  const evaluations: (ReplyRow & { rating: number; re_rating: boolean })[] = await transaction.query(
    `SELECT assignment_id, department_code, replied_at, rating, re_rating FROM intake.case_evaluations WHERE case_id = $1`,
    [caseId],
  );
  const redoRequests: ReplyRow[] = await transaction.query(
    `SELECT assignment_id, department_code, replied_at FROM intake.case_redo_requests WHERE case_id = $1`,
    [caseId],
  );
  return {
    withdrawn: withdrawals.length > 0,
    replies: replies.map(replyOf),
    evaluations: evaluations.map((row) => ({ ...replyOf(row), rating: row.rating, reRating: row.re_rating })),
    redoRequests: redoRequests.map(replyOf),
  };
}
