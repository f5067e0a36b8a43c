import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { loadWorkingCalendar } from '@ugov/calendar';
import {
  AssignmentRole,
  caseTypeName,
  Events,
  HandlingMode,
  JurisdictionBasis,
  RoutingBasis,
  timestampDate,
  timestampFromDate,
  urgencyName,
} from '@ugov/contracts';
import { contextOfEvent, encodeEvent, OutboxWriter, type EncodedEvent } from '@ugov/messaging';
import { insertRows, type Sql } from '@ugov/persistence';
import { replyDeadline, type Urgency } from '../domain/deadline';
import type { JurisdictionBasis as JurisdictionBasisName } from '../domain/jurisdiction';
import { routeCase, type AssignmentRole as AssignmentRoleName, type CategoryBasis, type RoutingDecision } from '../domain/routing';
import type { HandlingMode as HandlingModeName } from '../domain/catalog';
import { CatalogVersions } from '../infra/catalog-versions';
import type { DispatchAssignmentEntity } from '../infra/dispatch-assignment.entity';
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
    { name: 'catalog_version', type: 'int4', value: (decision) => decision.catalogVersion },
    { name: 'handling_mode', type: 'text', value: (decision) => decision.handlingMode },
    { name: 'region_code', type: 'text', value: (decision) => decision.regionCode },
    { name: 'jurisdiction_basis', type: 'text', value: (decision) => decision.jurisdictionBasis },
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

const ROUTING_BASES: Readonly<Record<CategoryBasis, RoutingBasis>> = {
  'category-code': RoutingBasis.CATEGORY_CODE,
  keyword: RoutingBasis.KEYWORD,
  domain: RoutingBasis.DOMAIN,
};
const ROLES: Readonly<Record<AssignmentRoleName, AssignmentRole>> = {
  lead: AssignmentRole.LEAD,
  co: AssignmentRole.CO,
  copy: AssignmentRole.COPY,
};
const MODES: Readonly<Record<HandlingModeName, HandlingMode>> = {
  single: HandlingMode.SINGLE,
  separately: HandlingMode.SEPARATELY,
  'lead-co': HandlingMode.LEAD_CO,
};
const JURISDICTION_BASES: Readonly<Record<JurisdictionBasisName, JurisdictionBasis>> = {
  'region-code': JurisdictionBasis.REGION_CODE,
  'map-point': JurisdictionBasis.MAP_POINT,
  address: JurisdictionBasis.ADDRESS,
  description: JurisdictionBasis.DESCRIPTION,
  city: JurisdictionBasis.CITY,
};

interface Decided {
  readonly command: AssignCaseCommand;
  readonly decision: RoutingDecision;
  readonly record: DispatchDecisionEntity;
  /** One per department, the lead first; none for a triaged case. */
  readonly assignments: readonly DispatchAssignmentEntity[];
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
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(commands: readonly AssignCaseCommand[], transaction: Sql): Promise<void> {
    const decidedAt = new Date();
    await this.catalogs.refresh(transaction);
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
    await insertAssignments.run(
      transaction,
      fresh.flatMap(({ assignments }) => assignments),
    );
    await this.outbox.appendAll(
      transaction,
      fresh.flatMap((entry) => this.eventsOf(entry)),
    );
    for (const { command, decision, record } of fresh) {
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
      catalog,
    );
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
        catalogVersion: version,
        handlingMode: null,
        regionCode: null,
        jurisdictionBasis: null,
      };
      return { command, decision, record, assignments: [] };
    }
    const type = caseTypeName(submitted.type);
    const override = decision.timeLimits?.[type];
    const urgency: Urgency = urgencyName(submitted.urgency) === 'urgent' ? 'urgent' : 'general';
    const assignments = decision.assignments.map(({ department, role }) => ({
      assignmentId: randomUUID(),
      caseId: submitted.caseId,
      departmentCode: department.code,
      role,
    }));
    const record: DispatchDecisionEntity = {
      caseId: submitted.caseId,
      outcome: 'assigned',
      assignmentId: assignments[0].assignmentId,
      departmentCode: decision.department.code,
      categoryCode: decision.category.code,
      routingBasis: decision.basis,
      // The catalog may set a type's limit in working days; an urgent case's two hours hold whatever it says.
      deadline:
        override && urgency === 'general'
          ? this.calendar.dueAt(acceptedAt, override)
          : replyDeadline(type, urgency, acceptedAt, this.calendar),
      triageReason: null,
      decidedAt,
      catalogVersion: version,
      handlingMode: decision.mode,
      regionCode: decision.jurisdiction.region.code,
      jurisdictionBasis: decision.jurisdiction.basis,
    };
    return { command, decision, record, assignments };
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
    return assignments.map((assignment, index) =>
      encodeEvent(
        Events.caseAssigned,
        submitted.caseId,
        {
          caseId: submitted.caseId,
          assignmentId: assignment.assignmentId,
          departmentCode: assignment.departmentCode,
          departmentName: decision.assignments[index].department.names['zh-Hans'],
          categoryCode: decision.category.code,
          routingBasis: ROUTING_BASES[decision.basis],
          deadline: timestampFromDate(record.deadline!),
          assignedAt: timestampFromDate(record.decidedAt),
          caseType: submitted.type,
          channel: submitted.channel,
          trackingNumber: submitted.trackingNumber,
          description: submitted.description,
          regionCode: decision.jurisdiction.region.code,
          role: ROLES[assignment.role],
          handlingMode: MODES[decision.mode],
          leadAssignmentId: assignment.role === 'lead' ? '' : record.assignmentId!,
          catalogVersion: record.catalogVersion!,
          jurisdictionBasis: JURISDICTION_BASES[decision.jurisdiction.basis],
        },
        context,
      ),
    );
  }
}
