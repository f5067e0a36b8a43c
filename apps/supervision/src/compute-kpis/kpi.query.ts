import type { Sql } from '@ugov/persistence';
import { DEPARTMENT_LEVEL_NAMES, type KpiCounts } from '../domain/kpi-score';

/** What a row of KPIs is: a department, a county (区县), a category or an administrative level of departments. */
export const KPI_GROUPINGS = ['department', 'region', 'category', 'level'] as const;
export type KpiGrouping = (typeof KPI_GROUPINGS)[number];
/** The older name of the grouping parameter, for department and region only. */
export const KPI_LEVELS = ['department', 'region'] as const;
export type KpiLevel = (typeof KPI_LEVELS)[number];
/** How a period may be split: a row per day, week (from Monday) or month, China time. */
export const KPI_INTERVALS = ['day', 'week', 'month'] as const;
export type KpiInterval = (typeof KPI_INTERVALS)[number];
/** The catalog's administrative levels of a department: 市, 区县, 街镇, 社区. */
export const DEPARTMENT_LEVELS = ['city', 'district', 'street', 'community'] as const;
export type DepartmentLevel = (typeof DEPARTMENT_LEVELS)[number];

/** A KPI query: the assignments made from `from` to `to` (China dates, both included) that pass every filter given. */
export interface KpiQuery {
  readonly from: string;
  readonly to: string;
  readonly by: KpiGrouping;
  readonly interval?: KpiInterval;
  /** A department code. */
  readonly department?: string;
  /** A region code or its prefix (6 digits: a county and everything in it). */
  readonly region?: string;
  /** A category code, or a code above it in the taxonomy (`urban` takes `urban.02.06`). */
  readonly category?: string;
  readonly departmentLevel?: DepartmentLevel;
}

/** A region is counted at county level (区县): the first six digits of the region code dispatch routed by. */
const KEY_OF: Record<KpiGrouping, { key: string; name: string }> = {
  department: { key: 'department_code', name: 'max(department_name)' },
  region: { key: `coalesce(nullif(left(region_code, 6), ''), 'none')`, name: `coalesce(nullif(left(region_code, 6), ''), 'none')` },
  category: { key: `coalesce(nullif(category_code, ''), 'none')`, name: `coalesce(nullif(category_code, ''), 'none')` },
  level: { key: `coalesce(department_level, 'unknown')`, name: `coalesce(department_level, 'unknown')` },
};

/** 满意率 counts 基本满意 (3), 满意 (4) and 非常满意 (5), as the hotline's evaluations do; the latest rating of an assignment counts. */
export const SATISFIED_FROM = 3;

/**
 * The counts behind the KPIs of every key (and period), in one set-based statement over the assignment_facts_for_kpis
 * index: every column it reads is kept on the assignment's row by the consumers (record-case-figures), so the cost
 * is that of the period's rows, whatever the history. Overdue: replied late, or still open past its deadline at
 * `now`; a follow-up call is due from its day (China time) on.
 */
export async function kpiCounts(sql: Sql, query: KpiQuery, now: Date): Promise<KpiCounts[]> {
  const { key, name } = KEY_OF[query.by];
  const parameters: unknown[] = [query.from, query.to, now];
  const filters: string[] = [];
  const parameter = (value: unknown) => `$${parameters.push(value)}`;
  if (query.department) filters.push(`department_code = ${parameter(query.department)}`);
  if (query.region) filters.push(`region_code LIKE ${parameter(`${query.region}%`)}`);
  if (query.category) {
    const category = parameter(query.category);
    filters.push(`(category_code = ${category} OR starts_with(category_code, ${category} || '.'))`);
  }
  if (query.departmentLevel) filters.push(`department_level = ${parameter(query.departmentLevel)}`);
  const period = query.interval
    ? `to_char(date_trunc('${query.interval}', assigned_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD')`
    : undefined;
  const rows: (KpiCounts & { period: string | null })[] = await sql.query(
    `SELECT ${key} AS key, ${name} AS name, ${period ?? 'NULL::text'} AS period,
            count(*)::int AS cases,
            count(*) FILTER (WHERE signed_on_time)::int AS "signedOnTime",
            count(*) FILTER (WHERE signed_at IS NOT NULL OR returned_at IS NOT NULL)::int AS responded,
            count(*) FILTER (WHERE replied_on_time)::int AS "repliedOnTime",
            count(replied_at)::int AS replied,
            count(*) FILTER (WHERE replied_at IS NOT NULL AND outcome = 'resolved')::int AS resolved,
            count(returned_at)::int AS returned,
            count(*) FILTER (WHERE replied_at IS NOT NULL OR redo_count > 0)::int AS "everReplied",
            count(*) FILTER (WHERE redo_count > 0)::int AS redone,
            count(*) FILTER (WHERE replied_on_time = false OR (replied_at IS NULL AND returned_at IS NULL AND deadline < $3))::int AS overdue,
            count(rating)::int AS evaluated,
            count(*) FILTER (WHERE rating >= ${SATISFIED_FROM})::int AS satisfied,
            count(*) FILTER (WHERE follow_up_due_on <= ($3::timestamptz AT TIME ZONE 'Asia/Shanghai')::date
                               OR followed_up_at IS NOT NULL)::int AS "followUpsDue",
            count(followed_up_at)::int AS "followedUp"
       FROM supervision.assignment_facts
      WHERE assigned_at >= ($1::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
        AND assigned_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
        ${filters.map((filter) => `AND ${filter}`).join(' ')}
      GROUP BY 1, 3`,
    parameters,
  );
  return rows.map(({ period: rowPeriod, ...row }) => ({
    ...row,
    ...(query.by === 'level' ? { name: DEPARTMENT_LEVEL_NAMES[row.key] ?? row.key } : {}),
    ...(rowPeriod ? { period: rowPeriod } : {}),
  }));
}
