/**
 * `npm run kpis:recompute -- --from YYYY-MM-DD --to YYYY-MM-DD [--api URL]`: recomputes every KPI of the period from
 * supervision's timeline (its raw event log), not from the facts its consumers keep, and with --api compares each
 * table with GET /v1/kpis, field by field.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { isCivilDate, loadWorkingCalendar } from '@ugov/calendar';
import { ConfigError, loadInfrastructureConfig } from '@ugov/platform';
import { rankKpis } from '../../apps/supervision/src/domain/kpi-score';
import { countKpis } from '../../apps/supervision/src/domain/kpi-recomputation';
import { kpiSettingsFrom } from '../../apps/supervision/src/infra/figures-settings';
import { loadSlaDefinitions } from '../../apps/supervision/src/infra/sla-definitions.provider';
import { compareWithApi, differingAssignments, recomputeFromTimeline } from './kpi-agreement';

const USAGE = `usage: npm run kpis:recompute -- --from YYYY-MM-DD --to YYYY-MM-DD [--api http://host:port]

Recomputes the KPIs of the assignments made from --from to --to (China dates) from supervision's timeline in
DATABASE_URL, on the SLA definitions (SLA_DEFINITIONS_FILE), calendar (CALENDAR_OVERRIDES_FILE) and KPI_WEIGHTS /
KPI_ZONES the service runs with. Without --api, prints the department table. With --api, fetches GET /v1/kpis for
every grouping (department, region, category, level), whole and by day, week and month, with the token in
KPI_API_TOKEN (a supervisor's), and compares every field of every row.
Exit codes: 0 done (and agreeing), 1 failed or disagreeing, 2 bad arguments or settings.`;

function stop(code: number, message: string): never {
  console.error(message);
  process.exit(code);
}

function argumentsOf(argv: readonly string[]): { from: string; to: string; api?: string } | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  const values = new Map<string, string>();
  for (let index = 0; index < argv.length; index += 2) {
    const [name, value] = [argv[index], argv[index + 1]];
    if (!['--from', '--to', '--api'].includes(name) || value === undefined) stop(2, `kpis:recompute: bad argument ${name}\n\n${USAGE}`);
    values.set(name, value);
  }
  const from = values.get('--from') ?? '';
  const to = values.get('--to') ?? '';
  if (!isCivilDate(from) || !isCivilDate(to) || to < from)
    stop(2, `kpis:recompute: --from and --to must be dates, to not before from\n\n${USAGE}`);
  const api = values.get('--api');
  if (api !== undefined && !/^https?:\/\/[^/]+$/.test(api)) stop(2, `kpis:recompute: --api must be http(s)://host:port, got "${api}"`);
  return { from, to, api };
}

async function main(): Promise<number> {
  const args = argumentsOf(process.argv.slice(2));
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  const token = process.env.KPI_API_TOKEN ?? '';
  if (args.api && !token) stop(2, 'kpis:recompute: --api needs a supervisor token in KPI_API_TOKEN');
  let settings: {
    databaseUrl: string;
    definitions: ReturnType<typeof loadSlaDefinitions>;
    calendar: ReturnType<typeof loadWorkingCalendar>;
    kpis: ReturnType<typeof kpiSettingsFrom>;
  };
  try {
    settings = {
      databaseUrl: loadInfrastructureConfig().databaseUrl,
      definitions: loadSlaDefinitions(),
      calendar: loadWorkingCalendar((message) => console.warn(message)),
      kpis: kpiSettingsFrom(),
    };
  } catch (error) {
    if (error instanceof ConfigError) stop(2, `kpis:recompute: ${error.message}`);
    throw error;
  }
  const dataSource = await new DataSource({
    type: 'postgres',
    url: settings.databaseUrl,
    applicationName: 'ugov-kpis-recompute',
    extra: { max: 2 },
  }).initialize();
  try {
    const now = new Date();
    const started = performance.now();
    const recomputation = await recomputeFromTimeline(dataSource, args, settings.definitions, settings.calendar, now);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `recomputed from the timeline in ${seconds} s: ${recomputation.cases} cases, ${recomputation.events} events, ` +
        `${recomputation.assignments.length} assignments (${args.from}…${args.to} and a day either side)`,
    );
    if (!args.api) {
      for (const row of rankKpis(
        countKpis(recomputation.assignments, { ...args, by: 'department' }, now),
        settings.kpis.weights,
        settings.kpis.zones,
      ))
        console.log(`${String(row.rank).padStart(3)} ${row.key.padEnd(28)} cases ${row.cases} score ${row.score ?? '-'} ${row.zone}`);
      return 0;
    }
    const agreement = await compareWithApi({ url: args.api, token }, args, recomputation, settings.kpis, now);
    for (const line of agreement.disagreements.slice(0, 50)) console.log(`  DISAGREES ${line}`);
    if (agreement.disagreements.length > 0)
      for (const line of await differingAssignments(dataSource, recomputation)) console.log(`  DIFFERS ${line}`);
    console.log(
      `${agreement.disagreements.length === 0 ? 'AGREES' : `DISAGREES (${agreement.disagreements.length})`}: ` +
        `${agreement.queries} tables, ${agreement.rows} rows, ${agreement.values} values compared with ${args.api}/v1/kpis`,
    );
    return agreement.disagreements.length === 0 ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => stop(1, `kpis:recompute failed: ${error.stack ?? error.message}`),
);
