import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { WeekdayCalendar } from '@ugov/calendar';
import { caseTypeName, Events, RoutingBasis, timestampDate, timestampFromDate } from '@ugov/contracts';
import { contextOfEvent, encodeEvent, OutboxWriter, type EncodedEvent } from '@ugov/messaging';
import { insertRows, type Sql } from '@ugov/persistence';
import type { Catalog } from '../domain/catalog';
import { replyDeadline } from '../domain/deadline';
import { routeCase, type RoutingDecision } from '../domain/routing';
import { CATALOG } from '../infra/catalog.provider';
import type { DispatchDecisionEntity } from '../infra/dispatch-decision.entity';
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
  ],
  // The primary key on case_id keeps "one decision per case" even if intake sent a case twice.
  'ON CONFLICT (case_id) DO NOTHING RETURNING case_id',
);

interface Decided {
  readonly command: AssignCaseCommand;
  readonly decision: RoutingDecision;
  readonly record: DispatchDecisionEntity;
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
    await this.outbox.appendAll(
      transaction,
      fresh.map((entry) => this.eventOf(entry)),
    );
    for (const { command, decision, record } of fresh) {
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
    const decision = routeCase(
      {
        categoryCode: submitted.categoryCode,
        description: submitted.description,
        location: {
          regionCode: submitted.location?.regionCode,
          lat: submitted.location?.lat,
          long: submitted.location?.long,
          address: submitted.location?.address,
        },
      },
      this.catalog,
    );
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
          };
    return { command, decision, record };
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
        departmentName: decision.department.names['zh-Hans'],
        categoryCode: decision.category.code,
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
