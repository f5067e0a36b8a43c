import { Inject, Injectable, Logger } from '@nestjs/common';
import { loadWorkingCalendar } from '@ugov/calendar';
import { caseTypeName, Events, timestampDate, timestampFromDate, urgencyName } from '@ugov/contracts';
import { contextOfEvent, encodeEvent, OutboxWriter, type EncodedEvent } from '@ugov/messaging';
import { insertRows, type Sql } from '@ugov/persistence';
import type { Catalog } from '../domain/catalog';
import type { DomainClassifier } from '../domain/classification/domain-model';
import { decideCase } from '../domain/classification/text-routing';
import { routedReplyDeadline } from '../domain/deadline';
import { findJurisdiction, type Location } from '../domain/jurisdiction';
import type { RoutingDecision } from '../domain/routing';
import { CatalogVersions } from '../infra/catalog-versions';
import { caseFileOf, recordCaseFiles } from '../infra/case-files.repository';
import { MergeRepeatCaseHandler } from '../merge-repeat-case/merge-repeat-case.handler';
import { AnswerInstantlyHandler } from '../answer-instantly/answer-instantly.handler';
import { classifiedCases } from '../infra/classification/classification.metrics';
import { DOMAIN_CLASSIFIER } from '../infra/classification/model-store';
import type { DispatchAssignmentEntity } from '../infra/dispatch-assignment.entity';
import type { DispatchDecisionEntity } from '../infra/dispatch-decision.entity';
import type { TriageCaseEntity } from '../infra/triage-case.entity';
import type { AssignCaseCommand } from './assign-case.command';
import { assignmentsOf, caseAssignedEvents, ROUTING_BASES } from './case-assigned.events';

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
    { name: 'catalog_version', type: 'int4', value: (decision) => decision.catalogVersion },
    { name: 'handling_mode', type: 'text', value: (decision) => decision.handlingMode },
    { name: 'region_code', type: 'text', value: (decision) => decision.regionCode },
    { name: 'jurisdiction_basis', type: 'text', value: (decision) => decision.jurisdictionBasis },
    { name: 'classifier_version', type: 'text', value: (decision) => decision.classifierVersion },
    { name: 'predicted_domain', type: 'text', value: (decision) => decision.predictedDomain },
    { name: 'confidence', type: 'real', value: (decision) => decision.confidence },
  ],
  // The primary key on case_id keeps "one decision per case" even if intake sent a case twice.
  'ON CONFLICT (case_id) DO NOTHING RETURNING case_id',
);

const insertAssignments = insertRows<DispatchAssignmentEntity>('dispatch.assignments', [
  { name: 'assignment_id', type: 'uuid', value: (assignment) => assignment.assignmentId },
  { name: 'case_id', type: 'uuid', value: (assignment) => assignment.caseId },
  { name: 'department_code', type: 'text', value: (assignment) => assignment.departmentCode },
  { name: 'role', type: 'text', value: (assignment) => assignment.role },
]);

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
  readonly decision: RoutingDecision;
  readonly record: DispatchDecisionEntity;
  /** One per department, the lead first; none for a triaged case. */
  readonly assignments: readonly DispatchAssignmentEntity[];
  readonly acceptedAt: Date;
  readonly location: Location;
  readonly catalog: Catalog;
}

/**
 * Decides who answers each submitted case and by when. The decisions of all the cases handled together go in
 * with one statement, their events with another, in the transaction that records the cases in the inbox.
 */
@Injectable()
export class AssignCaseHandler {
  private readonly logger = new Logger(AssignCaseHandler.name);
  private readonly calendar = loadWorkingCalendar((message) => this.logger.warn(message));

  constructor(
    private readonly catalogs: CatalogVersions,
    @Inject(DOMAIN_CLASSIFIER) private readonly classifier: DomainClassifier,
    private readonly outbox: OutboxWriter,
    private readonly repeats: MergeRepeatCaseHandler,
    private readonly instantAnswers: AnswerInstantlyHandler,
  ) {}

  async execute(commands: readonly AssignCaseCommand[], transaction: Sql): Promise<void> {
    const decidedAt = new Date();
    await this.catalogs.refresh(transaction);
    // dispatch-flow: a repeat of its requester's open case (并单) is linked to that case, and a consultation the
    // knowledge base answers (即办) is closed at once; neither is dispatched.
    const linked = await this.repeats.execute(commands, transaction, decidedAt);
    const unlinked = commands.filter(({ submitted }) => !linked.has(submitted.caseId));
    const answered = await this.instantAnswers.execute(unlinked, transaction, decidedAt);
    const decided = unlinked.filter(({ submitted }) => !answered.has(submitted.caseId)).map((command) => this.decide(command, decidedAt));
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
    await insertAssignments.run(
      transaction,
      fresh.flatMap(({ assignments }) => assignments),
    );
    // dispatch-flow: kept so that a returned case (退单) can be assigned again.
    await recordCaseFiles(
      transaction,
      fresh.map(({ command }) => caseFileOf(command.submitted, decidedAt)),
    );
    const triaged = fresh.filter(({ decision }) => decision.kind === 'triage');
    if (triaged.length > 0)
      await insertTriageCases.run(
        transaction,
        triaged.map((entry) => this.triageCaseOf(entry)),
      );
    await this.outbox.appendAll(
      transaction,
      fresh.flatMap((entry) => this.eventsOf(entry)),
    );
    for (const { command, decision, record } of fresh) {
      if (record.classifierVersion)
        classifiedCases.inc({ version: record.classifierVersion, decision: decision.kind === 'triage' ? 'triage' : 'auto' });
      const correlationId = command.envelope.correlationId;
      if (decision.kind === 'triage')
        this.logger.log({ msg: `case ${record.caseId} goes to manual triage: ${decision.reason}`, correlationId });
      else
        this.logger.log({
          msg: `case ${record.caseId} assigned (${decision.basis}, ${decision.jurisdiction.basis} ${decision.jurisdiction.region.code}, catalog v${record.catalogVersion}) to ${decision.assignments.map(({ department, role }) => `${department.code} as ${role}`).join(', ')}, due ${record.deadline!.toISOString()}`,
          correlationId,
        });
    }
  }

  private decide(command: AssignCaseCommand, decidedAt: Date): Decided {
    const { submitted } = command;
    // The clock runs from acceptance at intake: a dispatch backlog or outage must not give departments more time,
    // and the catalog in force at acceptance decides, whatever was imported while the case waited.
    const acceptedAt = submitted.submittedAt ? timestampDate(submitted.submittedAt) : decidedAt;
    const { version, catalog } = this.catalogs.inForceAt(acceptedAt);
    const location: Location = {
      regionCode: submitted.location?.regionCode,
      lat: submitted.location?.lat,
      long: submitted.location?.long,
      address: submitted.location?.address,
    };
    const { decision, prediction, classifierVersion } = decideCase(
      { categoryCode: submitted.categoryCode, description: submitted.description, location },
      catalog,
      this.classifier,
    );
    const classified = {
      catalogVersion: version,
      classifierVersion: classifierVersion ?? null,
      predictedDomain: prediction?.domain ?? null,
      confidence: prediction?.confidence ?? null,
    };
    if (decision.kind === 'triage') {
      const record: DispatchDecisionEntity = {
        caseId: submitted.caseId,
        outcome: 'triage',
        assignmentId: null,
        departmentCode: null,
        categoryCode: null,
        routingBasis: null,
        deadline: null,
        triageReason: decision.reason,
        decidedAt,
        handlingMode: null,
        regionCode: null,
        jurisdictionBasis: null,
        ...classified,
      };
      return { command, decision, record, assignments: [], acceptedAt, location, catalog };
    }
    const assignments = assignmentsOf(submitted.caseId, decision);
    const record: DispatchDecisionEntity = {
      caseId: submitted.caseId,
      outcome: 'assigned',
      assignmentId: assignments[0].assignmentId,
      departmentCode: decision.department.code,
      categoryCode: decision.category.code,
      routingBasis: decision.basis,
      deadline: routedReplyDeadline(
        caseTypeName(submitted.type),
        decision.timeLimits,
        acceptedAt,
        this.calendar,
        urgencyName(submitted.urgency) === 'urgent' ? 'urgent' : 'general',
      ),
      triageReason: null,
      decidedAt,
      handlingMode: decision.mode,
      regionCode: decision.jurisdiction.region.code,
      jurisdictionBasis: decision.jurisdiction.basis,
      ...classified,
    };
    return { command, decision, record, assignments, acceptedAt, location, catalog };
  }

  /**
   * The queue entry of a triaged case. Its region is the one given, else the one its map point or address lies in,
   * so that the dispatcher's routing finds the same jurisdiction (the queue keeps a region code, not the point).
   */
  private triageCaseOf({ command, record, acceptedAt, location, catalog }: Decided) {
    const { submitted, envelope } = command;
    const placed = location.regionCode ? undefined : findJurisdiction(location, '', catalog);
    return {
      caseId: submitted.caseId,
      status: 'waiting' as const,
      reason: record.triageReason!,
      trackingNumber: submitted.trackingNumber,
      description: submitted.description,
      regionCode: location.regionCode || (placed && placed.basis !== 'city' ? placed.region.code : ''),
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

  /** The case's next events, caused by its case-submitted event and under its correlation id: one per department. */
  private eventsOf({ command, decision, record, assignments }: Decided): EncodedEvent[] {
    const { submitted, envelope } = command;
    const context = contextOfEvent(envelope);
    if (decision.kind === 'triage') {
      return [
        encodeEvent(
          Events.caseTriaged,
          submitted.caseId,
          {
            caseId: submitted.caseId,
            reason: decision.reason,
            triagedAt: timestampFromDate(record.decidedAt),
            trackingNumber: submitted.trackingNumber,
          },
          context,
        ),
      ];
    }
    return caseAssignedEvents(
      {
        caseId: submitted.caseId,
        caseType: submitted.type,
        channel: submitted.channel,
        trackingNumber: submitted.trackingNumber,
        description: submitted.description,
      },
      decision,
      assignments,
      {
        deadline: record.deadline!,
        assignedAt: record.decidedAt,
        catalogVersion: record.catalogVersion!,
        routingBasis: ROUTING_BASES[decision.basis],
      },
      context,
    );
  }
}
