import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { WeekdayCalendar } from '@ugov/calendar';
import { caseTypeName, Events, RoutingBasis, timestampFromDate } from '@ugov/contracts';
import { DomainError } from '@ugov/domain';
import { OutboxWriter } from '@ugov/messaging';
import type { Catalog } from '../../domain/catalog';
import { replyDeadline } from '../../domain/deadline';
import { routeCase } from '../../domain/routing';
import { routeTriageCase } from '../../domain/triage/triage-case';
import { CATALOG } from '../../infra/catalog.provider';
import { DispatchDecisionEntity } from '../../infra/dispatch-decision.entity';
import { LabelledExampleEntity } from '../../infra/labelled-example.entity';
import { TriageCaseEntity } from '../../infra/triage-case.entity';
import { changeTriageCase } from '../../infra/triage-case.repository';
import type { RouteTriageCaseCommand } from './route-triage-case.command';

/**
 * The dispatcher who claimed a triaged case routes it: the decision becomes an assignment with a deadline, the
 * case-assigned event goes to processing, and the dispatcher's choice is kept as a labelled example for the next
 * training, all in one transaction.
 */
@Injectable()
export class RouteTriageCaseHandler {
  private readonly logger = new Logger(RouteTriageCaseHandler.name);
  private readonly calendar = new WeekdayCalendar();

  constructor(
    @Inject(CATALOG) private readonly catalog: Catalog,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  execute(command: RouteTriageCaseCommand): Promise<TriageCaseEntity> {
    const { categoryCode, departmentCode, reason } = command.routing;
    return changeTriageCase(this.dataSource, command.caseId, async (triage, transaction) => {
      const routedAt = new Date();
      const routed = routeTriageCase(triage, command.dispatcher.subject, routedAt);
      const decision = routeCase({ categoryCode, description: triage.description, regionCode: triage.regionCode }, this.catalog);
      if (decision.kind !== 'assigned')
        throw new DomainError('invalid', `categoryCode: ${categoryCode} is not in the dispatch catalog`, 'unknown-category');
      const department = departmentCode ? this.catalog.departments.find(({ code }) => code === departmentCode) : decision.department;
      if (!department)
        throw new DomainError('invalid', `departmentCode: ${departmentCode} is not in the dispatch catalog`, 'unknown-department');
      const assignmentId = randomUUID();
      const deadline = replyDeadline(caseTypeName(triage.caseType), triage.acceptedAt, this.calendar);
      const result: TriageCaseEntity = {
        ...routed,
        routingReason: reason,
        departmentCode: department.code,
        categoryCode: decision.category.code,
        assignmentId,
      };
      await transaction.getRepository(TriageCaseEntity).update(triage.caseId, {
        status: result.status,
        routedAt: result.routedAt,
        routingReason: reason,
        departmentCode: department.code,
        categoryCode: decision.category.code,
        assignmentId,
      });
      await transaction.getRepository(DispatchDecisionEntity).update(triage.caseId, {
        outcome: 'assigned',
        assignmentId,
        departmentCode: department.code,
        categoryCode: decision.category.code,
        routingBasis: 'dispatcher',
        deadline,
      });
      await transaction.getRepository(LabelledExampleEntity).insert({
        caseId: triage.caseId,
        source: 'triage',
        text: triage.description,
        domain: decision.category.domain,
        categoryCode: decision.category.code,
        predictedDomain: triage.predictedDomain,
        classifierVersion: triage.classifierVersion,
        decidedBy: command.dispatcher.subject,
        recordedAt: routedAt,
      });
      await this.outbox.append(transaction, Events.caseAssigned, triage.caseId, {
        caseId: triage.caseId,
        assignmentId,
        departmentCode: department.code,
        departmentName: department.name,
        categoryCode: decision.category.code,
        // A dispatcher chose the category: the contract's closest basis (the decision row says 'dispatcher').
        routingBasis: RoutingBasis.CATEGORY_CODE,
        deadline: timestampFromDate(deadline),
        assignedAt: timestampFromDate(routedAt),
        caseType: triage.caseType,
        channel: triage.channel,
        trackingNumber: triage.trackingNumber,
        description: triage.description,
        regionCode: triage.regionCode,
      });
      this.logger.log(
        `${command.dispatcher.subject} routed triaged case ${triage.caseId} to ${department.code} (${decision.category.code}): ${reason}`,
      );
      return result;
    });
  }
}
