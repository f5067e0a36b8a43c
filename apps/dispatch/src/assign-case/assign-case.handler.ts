import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { WeekdayCalendar } from '@ugov/calendar';
import { caseTypeName, Events, RoutingBasis, timestampDate, timestampFromDate } from '@ugov/contracts';
import { contextOfEvent, encodeEvent, OutboxWriter, type EncodedEvent } from '@ugov/messaging';
import { insertRows, type Sql } from '@ugov/persistence';
import type { Catalog } from '../domain/catalog';
import type { DomainClassifier } from '../domain/classification/domain-model';
import { decideCase, type CaseDecision } from '../domain/classification/text-routing';
import { replyDeadline } from '../domain/deadline';
import { CATALOG } from '../infra/catalog.provider';
import { classifiedCases } from '../infra/classification/classification.metrics';
import { DOMAIN_CLASSIFIER } from '../infra/classification/model-store';
import type { DispatchDecisionEntity } from '../infra/dispatch-decision.entity';
import type { TriageCaseEntity } from '../infra/triage-case.entity';
import type { AssignCaseCommand } from './assign-case.command';

const insertDecisions = insertRows<DispatchDecisionEntity>(
  'dispatch.decisions',
  [
    { name: 'case_id', type: 'uuid', value: (decision) => decision.caseId },
    { name: 'outcome', type: 'text', value: (decision) => decision.outcome },
    { name: 'assignment_id', type: 'uuid', value: (decision) => decision.assignmentId },
    { name: 'department_code', type: 'text', value: (decision) => decision.departmentCode },
    { name: 'category_code', type: 'text', value: (decision) => decision.categoryCode },
    { name: 'routing_basis', type: 'text', value: (decision) => decision.routingBasis },
    { name: 'deadline', type: 'timestamptz', value: (decision) => decision.deadline },
    { name: 'triage_reason', type: 'text', value: (decision) => decision.triageReason },
    { name: 'decided_at', type: 'timestamptz', value: (decision) => decision.decidedAt },
    { name: 'classifier_version', type: 'text', value: (decision) => decision.classifierVersion },
    { name: 'predicted_domain', type: 'text', value: (decision) => decision.predictedDomain },
    { name: 'confidence', type: 'real', value: (decision) => decision.confidence },
  ],
  // The primary key on case_id keeps "one decision per case" even if intake sent a case twice.
  'ON CONFLICT (case_id) DO NOTHING RETURNING case_id',
);

/** The cases a human dispatcher must route (人工分拨), with what the dispatcher and the case-assigned event need. */
const insertTriageCases = insertRows<
  Omit<TriageCaseEntity, 'claimedBy' | 'claimedAt' | 'routedAt' | 'routingReason' | 'departmentCode' | 'categoryCode' | 'assignmentId'>
>('dispatch.triage_cases', [
  { name: 'case_id', type: 'uuid', value: (triage) => triage.caseId },
  { name: 'status', type: 'text', value: (triage) => triage.status },
  { name: 'reason', type: 'text', value: (triage) => triage.reason },
  { name: 'tracking_number', type: 'text', value: (triage) => triage.trackingNumber },
  { name: 'description', type: 'text', value: (triage) => triage.description },
  { name: 'region_code', type: 'text', value: (triage) => triage.regionCode },
  { name: 'case_type', type: 'integer', value: (triage) => triage.caseType },
  { name: 'channel', type: 'integer', value: (triage) => triage.channel },
  { name: 'accepted_at', type: 'timestamptz', value: (triage) => triage.acceptedAt },
  { name: 'correlation_id', type: 'text', value: (triage) => triage.correlationId },
  { name: 'predicted_domain', type: 'text', value: (triage) => triage.predictedDomain },
  { name: 'confidence', type: 'real', value: (triage) => triage.confidence },
  { name: 'classifier_version', type: 'text', value: (triage) => triage.classifierVersion },
  { name: 'triaged_at', type: 'timestamptz', value: (triage) => triage.triagedAt },
]);

interface Decided {
  readonly command: AssignCaseCommand;
  readonly decision: CaseDecision;
  readonly record: DispatchDecisionEntity;
  readonly acceptedAt: Date;
}

/**
 * Decides who answers each submitted case and by when. The decisions of all the cases handled together go in
 * with one statement, their events with another, in the transaction that records the cases in the inbox.
 */
@Injectable()
export class AssignCaseHandler {
  private readonly logger = new Logger(AssignCaseHandler.name);
  private readonly calendar = new WeekdayCalendar();

  constructor(
    @Inject(CATALOG) private readonly catalog: Catalog,
    @Inject(DOMAIN_CLASSIFIER) private readonly classifier: DomainClassifier,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(commands: readonly AssignCaseCommand[], transaction: Sql): Promise<void> {
    const decidedAt = new Date();
    const decided = commands.map((command) => this.decide(command, decidedAt));
    const inserted = new Set(
      (
        await insertDecisions.run(
          transaction,
          decided.map(({ record }) => record),
        )
      ).map((row: { case_id: string }) => row.case_id),
    );
    const fresh = decided.filter(({ record }) => inserted.has(record.caseId));
    for (const { record } of decided.filter(({ record }) => !inserted.has(record.caseId))) {
      this.logger.warn(`case ${record.caseId} was already dispatched; ignoring the repeated submission`);
    }
    const triaged = fresh.filter(({ decision }) => decision.kind === 'triage');
    if (triaged.length > 0)
      await insertTriageCases.run(
        transaction,
        triaged.map((entry) => this.triageCaseOf(entry)),
      );
    await this.outbox.appendAll(
      transaction,
      fresh.map((entry) => this.eventOf(entry)),
    );
    for (const { command, decision, record } of fresh) {
      if (record.classifierVersion)
        classifiedCases.inc({ version: record.classifierVersion, decision: decision.kind === 'triage' ? 'triage' : 'auto' });
      const correlationId = command.envelope.correlationId;
      if (decision.kind === 'triage')
        this.logger.log({ msg: `case ${record.caseId} goes to manual triage: ${decision.reason}`, correlationId });
      else
        this.logger.log({
          msg: `case ${record.caseId} assigned to ${decision.department.code} (${decision.basis}), due ${record.deadline!.toISOString()}`,
          correlationId,
        });
    }
  }

  private decide(command: AssignCaseCommand, decidedAt: Date): Decided {
    const { submitted } = command;
    // The clock runs from acceptance at intake: a dispatch backlog or outage must not give departments more time.
    const acceptedAt = submitted.submittedAt ? timestampDate(submitted.submittedAt) : decidedAt;
    const { decision, prediction, classifierVersion } = decideCase(
      { categoryCode: submitted.categoryCode, description: submitted.description, regionCode: submitted.location?.regionCode ?? '' },
      this.catalog,
      this.classifier,
    );
    const classified = {
      classifierVersion: classifierVersion ?? null,
      predictedDomain: prediction?.domain ?? null,
      confidence: prediction?.confidence ?? null,
    };
    const record: DispatchDecisionEntity =
      decision.kind === 'assigned'
        ? {
            caseId: submitted.caseId,
            outcome: 'assigned',
            assignmentId: randomUUID(),
            departmentCode: decision.department.code,
            categoryCode: decision.category.code,
            routingBasis: decision.basis,
            deadline: replyDeadline(caseTypeName(submitted.type), acceptedAt, this.calendar),
            triageReason: null,
            decidedAt,
            ...classified,
          }
        : {
            caseId: submitted.caseId,
            outcome: 'triage',
            assignmentId: null,
            departmentCode: null,
            categoryCode: null,
            routingBasis: null,
            deadline: null,
            triageReason: decision.reason,
            decidedAt,
            ...classified,
          };
    return { command, decision, record, acceptedAt };
  }

  private triageCaseOf({ command, record, acceptedAt }: Decided) {
    const { submitted, envelope } = command;
    return {
      caseId: submitted.caseId,
      status: 'waiting' as const,
      reason: record.triageReason!,
      trackingNumber: submitted.trackingNumber,
      description: submitted.description,
      regionCode: submitted.location?.regionCode ?? '',
      caseType: submitted.type,
      channel: submitted.channel,
      acceptedAt,
      correlationId: envelope.correlationId,
      predictedDomain: record.predictedDomain,
      confidence: record.confidence,
      classifierVersion: record.classifierVersion,
      triagedAt: record.decidedAt,
    };
  }

  /** The case's next event, caused by its case-submitted event and under its correlation id. */
  private eventOf({ command, decision, record }: Decided): EncodedEvent {
    const { submitted, envelope } = command;
    const context = contextOfEvent(envelope);
    if (decision.kind === 'triage') {
      return encodeEvent(
        Events.caseTriaged,
        submitted.caseId,
        {
          caseId: submitted.caseId,
          reason: decision.reason,
          triagedAt: timestampFromDate(record.decidedAt),
          trackingNumber: submitted.trackingNumber,
        },
        context,
      );
    }
    return encodeEvent(
      Events.caseAssigned,
      submitted.caseId,
      {
        caseId: submitted.caseId,
        assignmentId: record.assignmentId!,
        departmentCode: decision.department.code,
        departmentName: decision.department.name,
        categoryCode: decision.category.code,
        // The contract knows a category code and text; the classifier reads text (the decision row says 'classifier').
        routingBasis: decision.basis === 'category-code' ? RoutingBasis.CATEGORY_CODE : RoutingBasis.KEYWORD,
        deadline: timestampFromDate(record.deadline!),
        assignedAt: timestampFromDate(record.decidedAt),
        caseType: submitted.type,
        channel: submitted.channel,
        trackingNumber: submitted.trackingNumber,
        description: submitted.description,
        regionCode: submitted.location?.regionCode ?? '',
      },
      context,
    );
  }
}
