import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CaseType, Events, timestampFromDate, type CaseSubmitted } from '@ugov/contracts';
import { contextOfEvent, encodeEvent, OutboxWriter, type EventEnvelope } from '@ugov/messaging';
import { insertRows, type Sql } from '@ugov/persistence';
import { instantAnswer, type KnowledgeEntry } from '../domain/knowledge-base';
import { caseFileOf, recordCaseFiles, type CaseFile } from '../infra/case-files.repository';
import { CatalogVersions } from '../infra/catalog-versions';
import { InstantAnswersConfig } from './instant-answers.config';

/** A submitted case with its event's envelope (an AssignCaseCommand). */
interface SubmittedCase {
  readonly submitted: CaseSubmitted;
  readonly envelope: EventEnvelope;
}

interface Answered {
  readonly command: SubmittedCase;
  readonly file: CaseFile;
  readonly answerId: string;
  readonly entry: KnowledgeEntry;
  readonly confidence: number;
  readonly catalogVersion: number;
  readonly answeredAt: Date;
}

const insertAnswers = insertRows<Answered>('dispatch.instant_answers', [
  { name: 'case_id', type: 'uuid', value: ({ file }) => file.caseId },
  { name: 'answer_id', type: 'uuid', value: ({ answerId }) => answerId },
  { name: 'entry_code', type: 'text', value: ({ entry }) => entry.code },
  { name: 'category_code', type: 'text', value: ({ entry }) => entry.category },
  { name: 'confidence', type: 'float8', value: ({ confidence }) => confidence },
  { name: 'catalog_version', type: 'int4', value: ({ catalogVersion }) => catalogVersion },
  { name: 'answered_at', type: 'timestamptz', value: ({ answeredAt }) => answeredAt },
]);

/**
 * Instant answers (即办): a consultation (咨询) that an entry of the knowledge base, in the catalog in force at
 * acceptance, answers with at least the configured confidence is closed at once, with no department: recorded, and
 * announced (dispatch.case-answered.v1) for publication to deliver and supervision to see.
 */
@Injectable()
export class AnswerInstantlyHandler {
  private readonly logger = new Logger(AnswerInstantlyHandler.name);

  constructor(
    private readonly catalogs: CatalogVersions,
    private readonly outbox: OutboxWriter,
    private readonly config: InstantAnswersConfig,
  ) {}

  /** Answers what the knowledge base can; returns the ids of the cases not to dispatch (answered now or before). */
  async execute(commands: readonly SubmittedCase[], transaction: Sql, decidedAt: Date): Promise<ReadonlySet<string>> {
    const consultations = commands.filter(({ submitted }) => submitted.type === CaseType.CONSULTATION);
    if (consultations.length === 0) return new Set();
    const seen: { case_id: string; answered: boolean }[] = await transaction.query(
      `SELECT f.case_id, a.case_id IS NOT NULL AS answered FROM dispatch.case_files f
         LEFT JOIN dispatch.instant_answers a USING (case_id) WHERE f.case_id = ANY($1::uuid[])`,
      [consultations.map(({ submitted }) => submitted.caseId)],
    );
    const seenIds = new Set(seen.map((row) => row.case_id));
    const answered: Answered[] = [];
    for (const command of consultations) {
      if (seenIds.has(command.submitted.caseId)) continue;
      const file = caseFileOf(command.submitted, decidedAt);
      const { version, catalog } = this.catalogs.inForceAt(file.acceptedAt);
      const categoryCode = command.submitted.categoryCode
        ? (catalog.category(command.submitted.categoryCode)?.code ?? command.submitted.categoryCode)
        : undefined;
      const found = instantAnswer({ text: file.description, categoryCode }, catalog.answers, this.config.confidence);
      if (found) answered.push({ command, file, answerId: randomUUID(), ...found, catalogVersion: version, answeredAt: decidedAt });
    }
    if (answered.length > 0) {
      await recordCaseFiles(
        transaction,
        answered.map(({ file }) => file),
      );
      await transaction.query(`UPDATE dispatch.case_files SET closed_at = $2 WHERE case_id = ANY($1::uuid[])`, [
        answered.map(({ file }) => file.caseId),
        decidedAt,
      ]);
      await insertAnswers.run(transaction, answered);
      await this.outbox.appendAll(
        transaction,
        answered.map(({ command, file, answerId, entry, confidence, answeredAt }) =>
          encodeEvent(
            Events.caseAnswered,
            file.caseId,
            {
              caseId: file.caseId,
              trackingNumber: file.trackingNumber,
              channel: file.channel,
              answerId,
              answerText: entry.answer,
              entryCode: entry.code,
              categoryCode: entry.category,
              confidence,
              answeredAt: timestampFromDate(answeredAt),
            },
            contextOfEvent(command.envelope),
          ),
        ),
      );
    }
    for (const { command, file, entry, confidence } of answered)
      this.logger.log({
        msg: `consultation ${file.caseId} answered at once by ${entry.code} (confidence ${confidence.toFixed(2)})`,
        correlationId: command.envelope.correlationId,
      });
    return new Set([...seen.filter((row) => row.answered).map((row) => row.case_id), ...answered.map(({ file }) => file.caseId)]);
  }
}
