import type { Sql } from '@ugov/persistence';
import { cycleOfRow, type ClockRow } from './sla-clock.store';

const COLUMNS = `case_id, assignment_id, hop, cycle, case_type, urgency, category_code, department_code, started_at, pauses,
  paused_since, deadline_set_at, deadline_until, ended_at, "end"`;

/** Every cycle of a case's clocks, oldest first. */
export async function clocksOfCase(sql: Sql, caseId: string) {
  const rows: ClockRow[] = await sql.query(
    `SELECT ${COLUMNS} FROM supervision.sla_clocks WHERE case_id = $1 ORDER BY started_at, assignment_id, hop, cycle`,
    [caseId],
  );
  return rows.map((row) => ({ cycle: cycleOfRow(row) }));
}

/** Open clocks (running or paused), soonest due first; only the overdue ones when `breachedOnly`. */
export async function openClocks(sql: Sql, options: { breachedOnly: boolean; department?: string; limit: number }) {
  const rows: ClockRow[] = await sql.query(
    `SELECT ${COLUMNS} FROM supervision.sla_clocks
      WHERE ended_at IS NULL AND ($1::text IS NULL OR department_code = $1) AND (NOT $2 OR due_at <= now())
      ORDER BY due_at LIMIT $3`,
    [options.department ?? null, options.breachedOnly, options.limit],
  );
  return rows.map((row) => ({ cycle: cycleOfRow(row) }));
}
