import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadWorkingCalendar } from '@ugov/calendar';
import { caseTypeName, RoutingBasis } from '@ugov/contracts';
import { DomainError } from '@ugov/domain';
import { OutboxWriter } from '@ugov/messaging';
import { currentTraceContext, newTraceContext } from '@ugov/observability';
import { routedReplyDeadline } from '../../domain/deadline';
import { routeCase } from '../../domain/routing';
import { routeTriageCase } from '../../domain/triage/triage-case';
import { assignmentsOf, caseAssignedEvents, type AssignedDecision } from '../../assign-case/case-assigned.events';
import { CatalogVersions } from '../../infra/catalog-versions';
import { DispatchAssignmentEntity } from '../../infra/dispatch-assignment.entity';
import { DispatchDecisionEntity } from '../../infra/dispatch-decision.entity';
import { LabelledExampleEntity } from '../../infra/labelled-example.entity';
import { TriageCaseEntity } from '../../infra/triage-case.entity';
import { changeTriageCase } from '../../infra/triage-case.repository';
import type { RouteTriageCaseCommand } from './route-triage-case.command';

/**
 * The dispatcher who claimed a triaged case routes it by category, with the catalog version in force when the case
 * was accepted: the catalog's lead, co-handlers and copies for the case's region, or only the department the
 * dispatcher names. The decision, the assignments with their deadline, the case-assigned events for processing and
 * the dispatcher's choice as a labelled example for the next training go in one transaction.
 */
@Injectable()
export class RouteTriageCaseHandler {
  private readonly logger = new Logger(RouteTriageCaseHandler.name);
  private readonly calendar = loadWorkingCalendar((message) => this.logger.warn(message));

  constructor(
    private readonly catalogs: CatalogVersions,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  execute(command: RouteTriageCaseCommand): Promise<TriageCaseEntity> {
    const { categoryCode, departmentCode, reason } = command.routing;
    return changeTriageCase(this.dataSource, command.caseId, async (triage, transaction) => {
      const routedAt = new Date();
      const routed = routeTriageCase(triage, command.dispatcher.subject, routedAt);
      await this.catalogs.refresh(transaction);
      const { version, catalog } = this.catalogs.inForceAt(triage.acceptedAt);
      const routing = routeCase(
        { categoryCode, description: triage.description, location: triage.regionCode ? { regionCode: triage.regionCode } : {} },
        catalog,
      );
      if (routing.kind !== 'assigned')
        throw new DomainError('invalid', `categoryCode: ${categoryCode} is not in catalog version ${version}`, 'unknown-category');
      let decision: AssignedDecision = routing;
      if (departmentCode) {
        const department = catalog.department(departmentCode);
        if (!department)
          throw new DomainError('invalid', `departmentCode: ${departmentCode} is not in catalog version ${version}`, 'unknown-department');
        decision = { ...routing, mode: 'single', department, assignments: [{ department, role: 'lead' }] };
      }
      const assignments = assignmentsOf(triage.caseId, decision);
      const lead = assignments[0];
      const deadline = routedReplyDeadline(caseTypeName(triage.caseType), decision.timeLimits, triage.acceptedAt, this.calendar);
      const result: TriageCaseEntity = {
        ...routed,
        routingReason: reason,
        departmentCode: lead.departmentCode,
        categoryCode: decision.category.code,
        assignmentId: lead.assignmentId,
      };
      await transaction.getRepository(TriageCaseEntity).update(triage.caseId, {
        status: result.status,
        routedAt: result.routedAt,
        routingReason: reason,
        departmentCode: lead.departmentCode,
        categoryCode: decision.category.code,
        assignmentId: lead.assignmentId,
      });
      await transaction.getRepository(DispatchDecisionEntity).update(triage.caseId, {
        outcome: 'assigned',
        assignmentId: lead.assignmentId,
        departmentCode: lead.departmentCode,
        categoryCode: decision.category.code,
        routingBasis: 'dispatcher',
        deadline,
        catalogVersion: version,
        handlingMode: decision.mode,
        regionCode: decision.jurisdiction.region.code,
        jurisdictionBasis: decision.jurisdiction.basis,
      });
      await transaction.getRepository(DispatchAssignmentEntity).insert(assignments);
      await transaction.getRepository(LabelledExampleEntity).insert({
        caseId: triage.caseId,
        source: 'triage',
        text: triage.description,
        domain: catalog.domainOf(decision.category).names['zh-Hans'],
        categoryCode: decision.category.code,
        predictedDomain: triage.predictedDomain,
        classifierVersion: triage.classifierVersion,
        decidedBy: command.dispatcher.subject,
        recordedAt: routedAt,
      });
      await this.outbox.appendAll(
        transaction,
        caseAssignedEvents(
          {
            caseId: triage.caseId,
            caseType: triage.caseType,
            channel: triage.channel,
            trackingNumber: triage.trackingNumber,
            description: triage.description,
          },
          decision,
          assignments,
          // A dispatcher chose the category: the contract's closest basis (the decision row says 'dispatcher').
          { deadline, assignedAt: routedAt, catalogVersion: version, routingBasis: RoutingBasis.CATEGORY_CODE },
          currentTraceContext() ?? newTraceContext(),
        ),
      );
      this.logger.log(
        `${command.dispatcher.subject} routed triaged case ${triage.caseId} (${decision.category.code}, catalog v${version}) to ${decision.assignments.map(({ department, role }) => `${department.code} as ${role}`).join(', ')}: ${reason}`,
      );
      return result;
    });
  }
}
