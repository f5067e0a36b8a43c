import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  AssignmentRole,
  Events,
  HandlingMode,
  JurisdictionBasis,
  RoutingBasis,
  timestampFromDate,
  type Reassignment,
} from '@ugov/contracts';
import { encodeEvent, OutboxWriter } from '@ugov/messaging';
import type { TraceContext } from '@ugov/observability';
import type { Sql } from '@ugov/persistence';
import type { Department, HandlingMode as HandlingModeName } from '../domain/catalog';
import type { AssignmentRole as AssignmentRoleName } from '../domain/routing';
import type { CaseFile } from './case-files.repository';

/** The case's standing decision, as a new assignment repeats it. */
export interface StandingDecision {
  readonly caseId: string;
  readonly categoryCode: string;
  readonly routingBasis: string;
  readonly deadline: Date;
  readonly regionCode: string;
  readonly jurisdictionBasis: string;
  readonly catalogVersion: number;
  readonly returns: number;
}

/** The decision of a case that dispatch assigned, locked until the transaction ends; undefined for any other. */
export async function lockStandingDecision(sql: Sql, caseId: string): Promise<StandingDecision | undefined> {
  const [row] = await sql.query(
    `SELECT case_id, category_code, routing_basis, deadline, region_code, jurisdiction_basis, catalog_version, returns
       FROM dispatch.decisions WHERE case_id = $1 AND outcome = 'assigned' FOR UPDATE`,
    [caseId],
  );
  return (
    row && {
      caseId: row.case_id,
      categoryCode: row.category_code,
      routingBasis: row.routing_basis,
      deadline: row.deadline,
      regionCode: row.region_code,
      jurisdictionBasis: row.jurisdiction_basis,
      catalogVersion: row.catalog_version,
      returns: row.returns,
    }
  );
}

/** `map-point` → `MAP_POINT`: the wire enum's value for the name dispatch records. */
function wireValue<Enum extends Record<string, string | number>>(values: Enum, name: string): Enum[keyof Enum] {
  const value = values[name.toUpperCase().replace(/-/g, '_') as keyof Enum];
  if (value === undefined) throw new Error(`no wire value for "${name}"`);
  return value;
}

export interface NewAssignment {
  readonly department: Department;
  readonly role: AssignmentRoleName;
}

/**
 * Gives a case already decided to other departments (改派 after a return, or a dispatcher's arbitration): new
 * assignment rows, the decision naming the new lead, and one case-assigned event per department carrying why, all
 * in the caller's transaction. The deadline stays the decision's: the clock runs from acceptance, not from the return.
 */
@Injectable()
export class Reassignments {
  constructor(private readonly outbox: OutboxWriter) {}

  async assign(
    transaction: Sql,
    file: CaseFile,
    decision: StandingDecision,
    assignments: readonly NewAssignment[],
    mode: HandlingModeName,
    reassignment: Omit<Reassignment, '$typeName' | 'returns'>,
    /** The cause of the change; by default the current request's. */
    context?: TraceContext,
  ): Promise<string> {
    const assignedAt = new Date();
    const rows = assignments.map(({ department, role }) => ({ assignmentId: randomUUID(), department, role }));
    const lead = rows[0];
    for (const { assignmentId, department, role } of rows)
      await transaction.query(
        `INSERT INTO dispatch.assignments (assignment_id, case_id, department_code, role, arbitrated) VALUES ($1, $2, $3, $4, $5)`,
        [assignmentId, file.caseId, department.code, role, reassignment.arbitrated],
      );
    await transaction.query(
      `UPDATE dispatch.decisions SET assignment_id = $2, department_code = $3, handling_mode = $4 WHERE case_id = $1`,
      [file.caseId, lead.assignmentId, lead.department.code, mode],
    );
    await this.outbox.appendAll(
      transaction,
      rows.map(({ assignmentId, department, role }) =>
        encodeEvent(
          Events.caseAssigned,
          file.caseId,
          {
            caseId: file.caseId,
            assignmentId,
            departmentCode: department.code,
            departmentName: department.names['zh-Hans'],
            departmentNames: { ...department.names },
            departmentLevel: department.level,
            categoryCode: decision.categoryCode,
            routingBasis: wireValue(RoutingBasis, decision.routingBasis),
            deadline: timestampFromDate(decision.deadline),
            assignedAt: timestampFromDate(assignedAt),
            caseType: file.caseType,
            channel: file.channel,
            trackingNumber: file.trackingNumber,
            description: file.description,
            regionCode: decision.regionCode,
            role: wireValue(AssignmentRole, role),
            handlingMode: wireValue(HandlingMode, mode),
            leadAssignmentId: role === 'lead' ? '' : lead.assignmentId,
            catalogVersion: decision.catalogVersion,
            jurisdictionBasis: wireValue(JurisdictionBasis, decision.jurisdictionBasis),
            reassignment: { ...reassignment, returns: decision.returns },
          },
          context,
          assignedAt,
        ),
      ),
    );
    return lead.assignmentId;
  }
}
