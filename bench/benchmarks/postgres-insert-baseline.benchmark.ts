import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase } from '@ugov/testing';
import type { BenchSettings } from '../bench-settings';
import { RoundRobin, type CaseRequest } from '../case-requests';
import { CpuWindow, type CpuBreakdown } from '../cpu-usage';
import type { LatencySummary } from '../latency-samples';
import { runClosedLoop } from '../load-patterns';
import { kafkaBrokerPids, postgresServer } from '../process-groups';
import { withTeardown } from '../teardown';

/** One measured stretch of inserts. */
export interface PostgresInsertRun {
  readonly connections: number;
  readonly seconds: number;
  readonly insertsPerSecond: number;
  readonly latency: LatencySummary;
  readonly failures: number;
  readonly firstFailures: readonly string[];
  readonly cpu: CpuBreakdown | undefined;
}

// The columns of intake.cases that carry the request, minus what intake derives (tracking number, correlation id).
const CREATE_TABLE = `CREATE TABLE bench_cases (
  id uuid PRIMARY KEY,
  type text NOT NULL,
  channel text NOT NULL,
  description text NOT NULL,
  region_code text,
  requester_name text NOT NULL,
  requester_phone text NOT NULL,
  submitted_at timestamptz NOT NULL DEFAULT now()
)`;

const INSERT_CASE = `INSERT INTO bench_cases (id, type, channel, description, region_code, requester_name, requester_phone)
  VALUES ($1, $2, $3, $4, $5, $6, $7)`;

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'ugov-bench-baseline' });
  await client.connect();
  return client;
}

/**
 * The baseline is measured in two halves, right before and right after the intake run, so that a
 * machine whose other load changes meanwhile shows up as drift instead of skewing the ratio.
 */
export interface PostgresInsertBaseline {
  /** Mean of the halves: what intake is compared with. */
  readonly insertsPerSecond: number;
  readonly before?: PostgresInsertRun;
  readonly after?: PostgresInsertRun;
  /** after ÷ before − 1: how much the machine changed under the run. */
  readonly drift?: number;
}

export function combineBaselineHalves(
  before: PostgresInsertRun | undefined,
  after: PostgresInsertRun | undefined,
): PostgresInsertBaseline | undefined {
  const halves = [before, after].filter((half): half is PostgresInsertRun => half !== undefined);
  if (halves.length === 0) return undefined;
  return {
    insertsPerSecond: halves.reduce((sum, half) => sum + half.insertsPerSecond, 0) / halves.length,
    before,
    after,
    drift: before && after ? after.insertsPerSecond / before.insertsPerSecond - 1 : undefined,
  };
}

/**
 * What the machine's PostgreSQL does with no service in between: one connection per worker, each
 * doing autocommit single-row INSERTs (parameterized, unnamed: the same protocol TypeORM uses),
 * so every insert is its own durable commit, like every accepted case.
 */
export function benchmarkPostgresInserts(
  settings: BenchSettings,
  requests: readonly CaseRequest[],
  measureSeconds: number,
): Promise<PostgresInsertRun> {
  return withTeardown(async (teardown) => {
    const database = await createTestDatabase('ugov_bench_baseline');
    teardown.add('drop the baseline database', database.drop);
    const clients: Client[] = [];
    teardown.add('close the baseline connections', () => Promise.all(clients.map((client) => client.end())));
    for (let index = 0; index < settings.concurrency; index++) clients.push(await connect(database.url));
    await clients[0].query(CREATE_TABLE);

    const cases = new RoundRobin(requests);
    const cpu = new CpuWindow();
    const run = await runClosedLoop({
      concurrency: settings.concurrency,
      warmupMs: settings.warmupSeconds * 1000,
      measureMs: measureSeconds * 1000,
      operation: async (worker) => {
        const request = cases.take();
        await clients[worker].query(INSERT_CASE, [
          randomUUID(),
          request.type,
          request.channel,
          request.description,
          request.location.regionCode,
          request.requester.name,
          request.requester.phone,
        ]);
      },
      onWindowStart: cpu.open,
      onWindowEnd: cpu.close,
    });
    return {
      connections: settings.concurrency,
      seconds: measureSeconds,
      insertsPerSecond: run.perSecond,
      latency: run.latency,
      failures: run.failures.count,
      firstFailures: run.failures.firstMessages,
      cpu: cpu.breakdown({
        'load generator (this process)': [process.pid],
        PostgreSQL: await postgresServer(database.url),
        Kafka: kafkaBrokerPids(),
      }),
    };
  });
}
