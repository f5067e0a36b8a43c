import { randomUUID } from 'node:crypto';
import {
  AssignmentRole,
  Events,
  HandlingMode,
  JurisdictionBasis,
  RoutingBasis,
  timestampFromDate,
  type CaseType,
  type Channel,
} from '@ugov/contracts';
import { encodeEvent, type EncodedEvent } from '@ugov/messaging';
import type { TraceContext } from '@ugov/observability';
import type { HandlingMode as HandlingModeName } from '../domain/catalog';
import type { JurisdictionBasis as JurisdictionBasisName } from '../domain/jurisdiction';
import type { AssignmentRole as AssignmentRoleName, CategoryBasis, RoutingDecision } from '../domain/routing';
import type { DispatchAssignmentEntity } from '../infra/dispatch-assignment.entity';

export const ROUTING_BASES: Readonly<Record<CategoryBasis, RoutingBasis>> = {
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

export type AssignedDecision = Extract<RoutingDecision, { kind: 'assigned' }>;

/** One assignment per department of the decision, the lead first. */
export function assignmentsOf(caseId: string, decision: AssignedDecision): DispatchAssignmentEntity[] {
  return decision.assignments.map(({ department, role }) => ({
    assignmentId: randomUUID(),
    caseId,
    departmentCode: department.code,
    role,
  }));
}

/** What every case-assigned event of a case shares, from the case as intake submitted it. */
export interface AssignedCase {
  readonly caseId: string;
  readonly caseType: CaseType;
  readonly channel: Channel;
  readonly trackingNumber: string;
  readonly description: string;
}

/** The case's case-assigned events, one per assignment (lead, co-handlers, copies), for processing. */
export function caseAssignedEvents(
  assigned: AssignedCase,
  decision: AssignedDecision,
  assignments: readonly DispatchAssignmentEntity[],
  at: { readonly deadline: Date; readonly assignedAt: Date; readonly catalogVersion: number; readonly routingBasis: RoutingBasis },
  context: TraceContext,
): EncodedEvent[] {
  const lead = assignments[0];
  return assignments.map((assignment, index) => {
    const event = {
      ...assigned,
      assignmentId: assignment.assignmentId,
      departmentCode: assignment.departmentCode,
      departmentName: decision.assignments[index].department.names['zh-Hans'],
      departmentNames: { ...decision.assignments[index].department.names },
      departmentLevel: decision.assignments[index].department.level,
      categoryCode: decision.category.code,
      routingBasis: at.routingBasis,
      deadline: timestampFromDate(at.deadline),
      assignedAt: timestampFromDate(at.assignedAt),
      regionCode: decision.jurisdiction.region.code,
      role: ROLES[assignment.role],
      handlingMode: MODES[decision.mode],
      leadAssignmentId: assignment.role === 'lead' ? '' : lead.assignmentId,
      catalogVersion: at.catalogVersion,
      jurisdictionBasis: JURISDICTION_BASES[decision.jurisdiction.basis],
    };
    return encodeEvent(Events.caseAssigned, assigned.caseId, event, context);
  });
}
