/**
 * `npm run bench:kpis`: GET /v1/kpis's query over 1,000,000 generated assignments in a database of its own (dropped
 * after), by period and level; prints p50/p95 per shape. BENCH_KPI_ASSIGNMENTS changes the volume.
 */
import { benchmarkKpiQuery, kpiQueryLines } from './benchmarks/kpi-query.benchmark';
import { runUnfinishedTeardowns } from './teardown';

async function main(): Promise<void> {
  const assignments = Number(process.env.BENCH_KPI_ASSIGNMENTS ?? 1_000_000);
  if (!Number.isInteger(assignments) || assignments < 1000)
    throw new Error('BENCH_KPI_ASSIGNMENTS must be a whole number of at least 1000');
  console.log(`KPI query over ${assignments.toLocaleString('en')} assignments`);
  console.log(kpiQueryLines(await benchmarkKpiQuery(assignments)).join('\n'));
}

main().catch(async (error: Error) => {
  console.error(error.stack ?? error.message);
  await runUnfinishedTeardowns();
  process.exit(1);
});
