import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { currentTraceContext, newTraceContext } from '@ugov/observability';
import { newVerificationCode } from '../domain/verification-code';
import { idempotencyKeyReused, requestHashOf } from '../infra/answer-once';
import { CaseEntity } from '../infra/case.entity';
import { CaseGroupCommit } from '../infra/case.group-commit';
import { CaseWriter, type CaseDraft } from '../infra/case.writer';
import { PersonalDataCipher } from '../infra/personal-data/personal-data.cipher';
import type { SubmitCaseCommand } from './submit-case.command';

export interface SubmitCaseResult {
  readonly caseRecord: CaseEntity;
  /** True when an earlier request with the same Idempotency-Key already made this case. */
  readonly replayed: boolean;
  /** The requester's verification code, in clear only in this answer. */
  readonly verificationCode: string;
}

/** Accepts a case: the case row and its case-submitted event commit together, or not at all. */
@Injectable()
export class SubmitCaseHandler {
  private readonly logger = new Logger(SubmitCaseHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: CaseWriter,
    private readonly groupCommit: CaseGroupCommit,
    private readonly cipher: PersonalDataCipher,
  ) {}

  async execute(command: SubmitCaseCommand): Promise<SubmitCaseResult> {
    const draft: CaseDraft = {
      caseId: randomUUID(),
      command,
      acceptedAt: new Date(),
      context: currentTraceContext() ?? newTraceContext(),
      verificationCode: newVerificationCode(),
    };
    const result = command.idempotencyKey
      ? await this.dataSource.transaction((transaction) => this.submitOnce(transaction, draft))
      : { caseRecord: await this.groupCommit.write(draft), replayed: false, verificationCode: draft.verificationCode };
    if (!result.replayed)
      this.logger.log(`accepted case ${result.caseRecord.id} as ${result.caseRecord.trackingNumber} from ${command.submittedBy}`);
    return result;
  }

  /**
   * Records the key for this client and writes the case in the same transaction; if the key was there
   * already, returns the case it made. A concurrent request with the same key waits on the primary key
   * until the first one commits, then finds it.
   */
  private async submitOnce(transaction: EntityManager, draft: CaseDraft): Promise<SubmitCaseResult> {
    const { command } = draft;
    const requestHash = requestHashOf(command.request);
    const claimed: unknown[] = await transaction.query(
      `INSERT INTO intake.idempotency_keys (client, key, request_hash, case_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING case_id`,
      [command.submittedBy, command.idempotencyKey, requestHash, draft.caseId],
    );
    if (claimed.length > 0) {
      const [caseRecord] = await this.writer.insert(transaction, [draft]);
      return { caseRecord, replayed: false, verificationCode: draft.verificationCode };
    }
    const [earlier]: { request_hash: string; case_id: string }[] = await transaction.query(
      `SELECT request_hash, case_id FROM intake.idempotency_keys WHERE client = $1 AND key = $2`,
      [command.submittedBy, command.idempotencyKey],
    );
    if (earlier.request_hash !== requestHash) {
      throw idempotencyKeyReused();
    }
    // The first answer's code cannot be shown again (only its hash is kept): a retry gets a new one, which replaces it.
    const caseRecord = await transaction.getRepository(CaseEntity).findOneByOrFail({ id: earlier.case_id });
    await transaction.query(`UPDATE intake.cases SET verification_code_hash = $2 WHERE id = $1`, [
      caseRecord.id,
      this.cipher.verificationCodeHash(caseRecord.trackingNumber, draft.verificationCode),
    ]);
    return { caseRecord, replayed: true, verificationCode: draft.verificationCode };
  }
}
