import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { createTestDatabase } from '@ugov/testing';
import { kpiCounts, type KpiGrouping, type KpiInterval } from '../../apps/supervision/src/compute-kpis/kpi.query';
import { DEFAULT_KPI_WEIGHTS, DEFAULT_KPI_ZONES, rankKpis } from '../../apps/supervision/src/domain/kpi-score';
import { supervisionMigrations } from '../../apps/supervision/src/infra/supervision.database';
import { LatencySamples, type LatencySummary } from '../latency-samples';
import { withTeardown } from '../teardown';

/** One query shape, measured: a period, a grouping and, for some, an interval or a filter. */
export interface KpiQueryRun {
  readonly label: string;
  readonly by: KpiGrouping;
  readonly interval?: KpiInterval;
  readonly departmentLevel?: 'district';
  readonly from: string;
  readonly to: string;
  /** Assignments in the period. */
  readonly rows: number;
  /** Rows of KPIs returned (departments or regions). */
  readonly items: number;
  readonly latency: LatencySummary;
}

export interface KpiQueryResult {
  readonly assignments: number;
  readonly loadSeconds: number;
  readonly tableMegabytes: number;
  readonly runs: readonly KpiQueryRun[];
}

const YEAR_START = '2026-01-01';
const DEPARTMENTS = 48;
const LEVELS = ['city', 'district', 'street', 'community'];
const REGIONS = ['430102', '430103', '430104', '430105', '430111', '430112', '430121', '430181', '430182'];

/**
 * A year of assignments generated in the database itself (48 departments at four levels, 9 districts, 40 categories,
 * ~95% signed, ~3% returned, most replied, some late, redone, rated and followed up), laid out exactly as
 * supervision's migrations lay them out, with their indexes.
 */
const GENERATE = `INSERT INTO supervision.assignment_facts (assignment_id, case_id, department_code, department_name, department_level,
    region_code, category_code, case_type, reassigned, assigned_at, deadline, signed_at, signed_on_time, replied_at, replied_on_time,
    outcome, returned_at, last_event_at, redo_count, rating, rated_at, follow_up_due_on, followed_up_at)
  SELECT 'a' || n, md5(n::text)::uuid, 'dept-' || (n % ${DEPARTMENTS}), '部门' || (n % ${DEPARTMENTS}),
         (ARRAY['${LEVELS.join("','")}'])[1 + n % ${DEPARTMENTS} % ${LEVELS.length}],
         (ARRAY['${REGIONS.join("','")}'])[1 + n % ${REGIONS.length}] || '003', 'urban.0' || (n % 8) || '.0' || (n % 5), 'complaint', n % 37 = 0,
         at, at + interval '14 days',
         CASE WHEN r1 < 0.95 THEN at + interval '1 hour' END, CASE WHEN r1 < 0.95 THEN r1 < 0.9 - (n % ${DEPARTMENTS}) * 0.004 END,
         CASE WHEN r1 < 0.95 AND r2 < 0.85 THEN at + interval '5 days' END,
         CASE WHEN r1 < 0.95 AND r2 < 0.85 THEN r2 < 0.8 - (n % ${DEPARTMENTS}) * 0.005 END,
         CASE WHEN r1 < 0.95 AND r2 < 0.85 THEN 'resolved' END,
         CASE WHEN r1 >= 0.97 THEN at + interval '2 hours' END, at + interval '5 days',
         CASE WHEN r2 < 0.05 THEN 1 ELSE 0 END,
         CASE WHEN r1 < 0.95 AND r2 < 0.6 THEN 1 + (n % 5) END, CASE WHEN r1 < 0.95 AND r2 < 0.6 THEN at + interval '6 days' END,
         CASE WHEN r1 < 0.95 AND r2 < 0.85 THEN (at + interval '6 days')::date END,
         CASE WHEN r1 < 0.95 AND r2 < 0.7 THEN at + interval '6 days' END
    FROM (SELECT n, timestamptz '${YEAR_START} 00:00+08' + (n::double precision / $1) * interval '365 days' AS at,
                 random() AS r1, random() AS r2
            FROM generate_series(1, $1::int) AS n) AS generated`;

/**
 * GET /v1/kpis's query (the same function the controller calls, then the ranking) over `assignments` generated
 * assignments in a database of its own: a month, a quarter and the whole year, by department and by region.
 * Prints p50/p95 per shape.
 */
export function benchmarkKpiQuery(assignments = 1_000_000, samplesPerShape = 40): Promise<KpiQueryResult> {
  return withTeardown(async (teardown) => {
    const database = await createTestDatabase('ugov_bench_kpis');
    teardown.add('drop the KPI bench database', database.drop);
    const client = new Client({ connectionString: database.url, application_name: 'ugov-bench-kpis' });
    await client.connect();
    teardown.add('close the KPI bench connection', () => client.end());
    const runner = { query: (text: string, parameters?: unknown[]) => client.query(text, parameters).then((result) => result.rows) };
    await client.query('CREATE SCHEMA supervision');
    // supervision's whole schema, as its migrations make it.
    for (const Migration of supervisionMigrations) await new Migration().up(runner as unknown as QueryRunner);

    const loadStarted = performance.now();
    await client.query(GENERATE, [assignments]);
    await client.query('VACUUM ANALYZE supervision.assignment_facts');
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const [{ bytes }] = (await client.query(`SELECT pg_total_relation_size('supervision.assignment_facts')::bigint AS bytes`)).rows;

    const sql = { query: (text: string, parameters?: unknown[]) => client.query(text, parameters).then((result) => result.rows) };
    const shapes: { label: string; from: string; to: string; by: KpiGrouping; interval?: KpiInterval; departmentLevel?: 'district' }[] = [
      { label: 'a month', from: '2026-06-01', to: '2026-06-30', by: 'department' },
      { label: 'a quarter', from: '2026-04-01', to: '2026-06-30', by: 'department' },
      { label: 'the year', from: '2026-01-01', to: '2026-12-31', by: 'department' },
      { label: 'a month', from: '2026-06-01', to: '2026-06-30', by: 'region' },
      { label: 'the year', from: '2026-01-01', to: '2026-12-31', by: 'region' },
      { label: 'a month', from: '2026-06-01', to: '2026-06-30', by: 'category' },
      { label: 'the year', from: '2026-01-01', to: '2026-12-31', by: 'level' },
      { label: 'a month/day', from: '2026-06-01', to: '2026-06-30', by: 'department', interval: 'day' },
      { label: 'year/month', from: '2026-01-01', to: '2026-12-31', by: 'department', interval: 'month', departmentLevel: 'district' },
    ];
    const runs: KpiQueryRun[] = [];
    for (const shape of shapes) {
      const samples = new LatencySamples();
      let items = 0;
      let rows = 0;
      for (let index = 0; index < samplesPerShape + 3; index++) {
        const started = performance.now();
        const counts = await kpiCounts(sql, shape, new Date());
        const ranked = rankKpis(counts, DEFAULT_KPI_WEIGHTS, DEFAULT_KPI_ZONES);
        // The first three warm the caches and the plan.
        if (index >= 3) samples.record(performance.now() - started);
        items = ranked.length;
        rows = counts.reduce((sum, count) => sum + count.cases, 0);
      }
      runs.push({ ...shape, rows, items, latency: samples.summary() });
    }
    return { assignments, loadSeconds, tableMegabytes: Number(bytes) / 1024 / 1024, runs };
  });
}

/** The figures, one line per query shape. */
export function kpiQueryLines(result: KpiQueryResult | undefined): string[] {
  if (!result) return ['   did not run'];
  const ms = (value: number) => value.toFixed(1);
  return [
    `   ${result.assignments.toLocaleString('en')} assignments generated and vacuumed in ${result.loadSeconds.toFixed(1)} s; table + indexes ${result.tableMegabytes.toFixed(0)} MiB`,
    ...result.runs.map(
      (run) =>
        `   ${run.by.padEnd(10)} ${run.label.padEnd(11)} (${run.from}…${run.to}, ${run.rows.toLocaleString('en')} assignments → ${run.items} rows): ` +
        `p50 ${ms(run.latency.p50Ms)} ms  p95 ${ms(run.latency.p95Ms)} ms  max ${ms(run.latency.maxMs)} ms  (${run.latency.count} queries)`,
    ),
  ];
}
