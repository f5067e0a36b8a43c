import type { Sql } from '@ugov/persistence';

/** A dispute over who handles a case (派单争议审核), open until a dispatcher decides. */
export interface Arbitration {
  readonly caseId: string;
  readonly trackingNumber: string;
  readonly description: string;
  readonly categoryCode: string;
  readonly regionCode: string;
  readonly openedAt: Date;
  readonly reason: string;
  readonly returns: number;
  readonly returnedBy: readonly string[];
  readonly decision: {
    readonly departmentCode: string;
    readonly reason: string;
    readonly decidedBy: string;
    readonly decidedAt: Date;
    readonly assignmentId: string;
  } | null;
}

/** Opens the case's arbitration; false when it already has one (open or decided). */
export async function openArbitration(
  sql: Sql,
  arbitration: Pick<Arbitration, 'caseId' | 'openedAt' | 'reason' | 'returns' | 'returnedBy'>,
): Promise<boolean> {
  const rows = await sql.query(
    `INSERT INTO dispatch.arbitrations (case_id, opened_at, reason, returns, returned_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (case_id) DO NOTHING RETURNING case_id`,
    [arbitration.caseId, arbitration.openedAt, arbitration.reason, arbitration.returns, arbitration.returnedBy],
  );
  return rows.length > 0;
}

const SELECT_ARBITRATIONS = `
  SELECT a.case_id, f.tracking_number, f.description, d.category_code, d.region_code, a.opened_at, a.reason, a.returns,
         a.returned_by, a.department_code, a.decision_reason, a.decided_by, a.decided_at, a.assignment_id
    FROM dispatch.arbitrations a
    JOIN dispatch.decisions d USING (case_id)
    JOIN dispatch.case_files f USING (case_id)`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function arbitrationOf(row: any): Arbitration {
  return {
    caseId: row.case_id,
    trackingNumber: row.tracking_number,
    description: row.description,
    categoryCode: row.category_code,
    regionCode: row.region_code,
    openedAt: row.opened_at,
    reason: row.reason,
    returns: row.returns,
    returnedBy: row.returned_by,
    decision: row.decided_at
      ? {
          departmentCode: row.department_code,
          reason: row.decision_reason,
          decidedBy: row.decided_by,
          decidedAt: row.decided_at,
          assignmentId: row.assignment_id,
        }
      : null,
  };
}

/** Open disputes oldest first, or decided ones most recent first; at most `limit`. */
export async function listArbitrations(sql: Sql, decided: boolean, limit: number): Promise<Arbitration[]> {
  const rows = await sql.query(
    decided
      ? `${SELECT_ARBITRATIONS} WHERE a.decided_at IS NOT NULL ORDER BY a.decided_at DESC LIMIT $1`
      : `${SELECT_ARBITRATIONS} WHERE a.decided_at IS NULL ORDER BY a.opened_at LIMIT $1`,
    [limit],
  );
  return rows.map(arbitrationOf);
}

/** The case's arbitration, locked until the transaction ends. */
export async function lockArbitration(sql: Sql, caseId: string): Promise<Arbitration | undefined> {
  const [row] = await sql.query(`${SELECT_ARBITRATIONS} WHERE a.case_id = $1 FOR UPDATE OF a`, [caseId]);
  return row && arbitrationOf(row);
}

export async function recordArbitrationDecision(sql: Sql, caseId: string, decision: NonNullable<Arbitration['decision']>): Promise<void> {
  await sql.query(
    `UPDATE dispatch.arbitrations SET department_code = $2, decision_reason = $3, decided_by = $4, decided_at = $5, assignment_id = $6
      WHERE case_id = $1`,
    [caseId, decision.departmentCode, decision.reason, decision.decidedBy, decision.decidedAt, decision.assignmentId],
  );
}
