import { Client } from 'pg';
import { BenchServices } from './bench-services';
import { loadBenchSettings } from './bench-settings';
import { CaseBodies, caseRequestsFor, loadCaseDescriptions, requestBodiesOf } from './case-requests';
import { CpuWindow, type ProcessGroup } from './cpu-usage';
import { intakeClient, submitCase } from './intake-api';
import { runOpenLoop } from './load-patterns';
import { kafkaBrokerPids, postgresServer } from './process-groups';
import { withTeardown } from './teardown';

/**
 * What one case costs the whole platform, counted rather than timed: all five services (or those BENCH_STACK_SERVICES
 * names) take an open-loop load
 * (BENCH_COST_RATE cases/s for BENCH_COST_SECONDS), and once every consumer has caught up the run prints, per case,
 * the rows each table took (inserted, updated, deleted), the transactions committed and the CPU of each process
 * group. Counts do not depend on how busy the machine is, so a change to the case path is read against them.
 */

interface TableCounters {
  readonly table: string;
  readonly inserted: number;
  readonly updated: number;
  readonly deleted: number;
}

async function tableCounters(client: Client): Promise<Map<string, TableCounters>> {
  // The statistics collector reports with a delay; this asks for the current transaction's fresh snapshot.
  await client.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await client.query<{ table: string; inserted: string; updated: string; deleted: string }>(
    `SELECT schemaname || '.' || relname AS table, n_tup_ins AS inserted, n_tup_upd AS updated, n_tup_del AS deleted
       FROM pg_stat_user_tables`,
  );
  return new Map(
    rows.map((row) => [
      row.table,
      { table: row.table, inserted: Number(row.inserted), updated: Number(row.updated), deleted: Number(row.deleted) },
    ]),
  );
}

/**
 * The counters once no table has moved for three seconds: the consumers off the case path linger, and a backend
 * reports its counts to the statistics system a second or more after its transaction.
 */
async function settledCounters(client: Client): Promise<Map<string, TableCounters>> {
  let last = '';
  for (let quiet = 0; quiet < 6;) {
    await sleep(500);
    const now = JSON.stringify([...(await tableCounters(client)).values()]);
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
  return tableCounters(client);
}

async function commits(client: Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>(`SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()`);
  return Number(rows[0].n);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const settings = loadBenchSettings();
  const rate = Number(process.env.BENCH_COST_RATE ?? 100);
  const seconds = Number(process.env.BENCH_COST_SECONDS ?? 20);
  const bodies = new CaseBodies(requestBodiesOf(caseRequestsFor(loadCaseDescriptions())));
  await withTeardown(async (teardown) => {
    const services = await BenchServices.start(settings.stackServices, settings, teardown);
    const client = new Client({ connectionString: services.databaseUrl });
    await client.connect();
    teardown.add('close the statistics connection', () => client.end());
    const groups: Record<string, ProcessGroup> = {
      ...Object.fromEntries(settings.stackServices.map((service) => [service, [services.pid(service)]])),
      PostgreSQL: await postgresServer(services.databaseUrl),
      Kafka: kafkaBrokerPids(),
    };
    const intake = intakeClient('node:http', services.url('intake'), Infinity);
    teardown.add('close the intake client', () => intake.close());
    const send = async () => void (await submitCase(intake, bodies.take()));
    // Warm-up: JIT, pools, topics and consumer groups settle before anything is counted.
    await runOpenLoop({ ratePerSecond: rate, durationMs: 5000, operation: send });
    const before = await settledCounters(client);
    const commitsBefore = await commits(client);
    const cpu = new CpuWindow();
    cpu.open();
    const load = await runOpenLoop({ ratePerSecond: rate, durationMs: seconds * 1000, operation: send });
    const after = await settledCounters(client);
    cpu.close();
    const cases = load.started - load.failures.count;
    const perCase = (value: number) => (value / cases).toFixed(2);

    console.log(
      `\n${cases} cases at ${rate}/s for ${seconds} s (${load.failures.count} failed to send), services: ${settings.stackServices.join(', ')}`,
    );
    console.log(`transactions committed per case: ${perCase((await commits(client)) - commitsBefore)}`);
    const rows = [...after.values()]
      .map((end) => {
        const start = before.get(end.table) ?? { inserted: 0, updated: 0, deleted: 0 };
        return {
          table: end.table,
          inserted: end.inserted - start.inserted,
          updated: end.updated - start.updated,
          deleted: end.deleted - start.deleted,
        };
      })
      .filter((row) => row.inserted + row.updated + row.deleted > 0)
      .sort((a, b) => a.table.localeCompare(b.table));
    console.log('\nrows per case              inserted  updated  deleted');
    for (const row of rows)
      console.log(
        `${row.table.padEnd(40)} ${perCase(row.inserted).padStart(8)} ${perCase(row.updated).padStart(8)} ${perCase(row.deleted).padStart(8)}`,
      );
    const total = rows.reduce((sum, row) => sum + row.inserted + row.updated + row.deleted, 0);
    console.log(`${'all tables'.padEnd(40)} ${perCase(total).padStart(8)} (rows touched)`);
    const breakdown = cpu.breakdown(groups)!;
    console.log('\nCPU per case (ms)');
    for (const [group, cores] of Object.entries(breakdown.coresBusy))
      console.log(`${group.padEnd(40)} ${((cores * breakdown.wallSeconds * 1000) / cases).toFixed(2).padStart(8)}`);
    services.markSucceeded();
  });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
