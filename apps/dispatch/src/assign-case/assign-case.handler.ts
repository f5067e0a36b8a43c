import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { WeekdayCalendar } from '@ugov/calendar';
import { caseTypeName, Events, RoutingBasis, timestampDate, timestampFromDate } from '@ugov/contracts';
import { OutboxWriter } from '@ugov/messaging';
import type { Catalog } from '../domain/catalog';
import { replyDeadline } from '../domain/deadline';
import { routeCase } from '../domain/routing';
import { CATALOG } from '../infra/catalog.provider';
import { DispatchDecisionEntity } from '../infra/dispatch-decision.entity';
import type { AssignCaseCommand } from './assign-case.command';

/** Decides who answers a submitted case and by when; the decision and its event commit together. */
@Injectable()
export class AssignCaseHandler {
  private readonly logger = new Logger(AssignCaseHandler.name);
  private readonly calendar = new WeekdayCalendar();

  constructor(
    @Inject(CATALOG) private readonly catalog: Catalog,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute({ submitted }: AssignCaseCommand, transaction: EntityManager): Promise<void> {
    const decidedAt = new Date();
    // The clock runs from acceptance at intake: a dispatch backlog or outage must not give departments more time.
    const acceptedAt = submitted.submittedAt ? timestampDate(submitted.submittedAt) : decidedAt;
    const decision = routeCase(
      { categoryCode: submitted.categoryCode, description: submitted.description, regionCode: submitted.location?.regionCode ?? '' },
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
    const inserted = await transaction
      .createQueryBuilder()
      .insert()
      .into(DispatchDecisionEntity)
      .values(record)
      .orIgnore()
      .returning('case_id')
      .execute();
    if (inserted.raw.length === 0) {
      this.logger.warn(`case ${submitted.caseId} was already dispatched; ignoring the repeated submission`);
      return;
    }
    if (decision.kind === 'triage') {
      await this.outbox.append(transaction, Events.caseTriaged, submitted.caseId, {
        caseId: submitted.caseId,
        reason: decision.reason,
        triagedAt: timestampFromDate(decidedAt),
        trackingNumber: submitted.trackingNumber,
      });
      this.logger.log(`case ${submitted.caseId} goes to manual triage: ${decision.reason}`);
      return;
    }
    await this.outbox.append(transaction, Events.caseAssigned, submitted.caseId, {
      caseId: submitted.caseId,
      assignmentId: record.assignmentId!,
      departmentCode: decision.department.code,
      departmentName: decision.department.name,
      categoryCode: decision.category.code,
      routingBasis: decision.basis === 'category-code' ? RoutingBasis.CATEGORY_CODE : RoutingBasis.KEYWORD,
      deadline: timestampFromDate(record.deadline!),
      assignedAt: timestampFromDate(decidedAt),
      caseType: submitted.type,
      channel: submitted.channel,
      trackingNumber: submitted.trackingNumber,
      description: submitted.description,
      regionCode: submitted.location?.regionCode ?? '',
    });
    this.logger.log(
      `case ${submitted.caseId} assigned to ${decision.department.code} (${decision.basis}), due ${record.deadline!.toISOString()}`,
    );
  }
}
