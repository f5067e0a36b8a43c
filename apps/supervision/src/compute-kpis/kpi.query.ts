import type { Sql } from '@ugov/persistence';
import type { KpiCounts } from '../domain/kpi-score';

export const KPI_LEVELS = ['department', 'region'] as const;
export type KpiLevel = (typeof KPI_LEVELS)[number];

/** A region is counted at county level (区县): the first six digits of the region code dispatch routed by. */
const KEY_OF: Record<KpiLevel, string> = {
  department: 'department_code',
  region: `coalesce(nullif(left(region_code, 6), ''), 'none')`,
};

/** 满意率 counts 基本满意 (3), 满意 (4) and 非常满意 (5), as the hotline's evaluations do; the latest rating of an assignment counts. */
const SATISFIED_FROM = 3;

/**
 * The counts behind the KPIs of every department or region, over the assignments made from `from` to `to`
 * (China dates, both included), in one set-based statement over the assignment_facts_for_kpis index.
 * Overdue: replied late, or still open past its deadline at `now`.
 */
export async function kpiCounts(sql: Sql, from: string, to: string, level: KpiLevel, now: Date): Promise<KpiCounts[]> {
  const key = KEY_OF[level];
  const rows: KpiCounts[] = await sql.query(
    `SELECT ${key} AS key, ${level === 'department' ? 'max(department_name)' : key} AS name,
            count(*)::int AS cases,
            count(*) FILTER (WHERE signed_on_time)::int AS "signedOnTime",
            count(*) FILTER (WHERE replied_on_time)::int AS "repliedOnTime",
            count(returned_at)::int AS returned,
            count(*) FILTER (WHERE replied_on_time = false OR (replied_at IS NULL AND returned_at IS NULL AND deadline < $3))::int AS overdue,
            count(rating.value)::int AS evaluated,
            count(*) FILTER (WHERE rating.value >= ${SATISFIED_FROM})::int AS satisfied
       FROM supervision.assignment_facts f
       LEFT JOIN LATERAL (SELECT e.rating AS value FROM supervision.evaluations e
                           WHERE e.assignment_id = f.assignment_id ORDER BY e.evaluated_at DESC LIMIT 1) rating ON true
      WHERE assigned_at >= ($1::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
        AND assigned_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
      GROUP BY 1`,
    [from, to, now],
  );
  return rows;
}
