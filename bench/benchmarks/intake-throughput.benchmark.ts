import { BenchServices, peakResidentBytes } from '../bench-services';
import type { BenchSettings } from '../bench-settings';
import { CaseBodies } from '../case-requests';
import { CpuWindow, type CpuBreakdown } from '../cpu-usage';
import type { HttpClientKind } from '../http-clients';
import { intakeClient, submitCase } from '../intake-api';
import type { LatencySummary } from '../latency-samples';
import { runClosedLoop } from '../load-patterns';
import { countRows, kafkaBrokerPids, postgresServer } from '../process-groups';
import { withTeardown } from '../teardown';

export interface IntakeThroughputResult {
  readonly concurrency: number;
  readonly httpClient: HttpClientKind;
  readonly acceptedPerSecond: number;
  readonly latency: LatencySummary;
  readonly failures: number;
  readonly firstFailures: readonly string[];
  /** Every 201 of the run, warm-up included, against the rows in intake.cases afterwards. */
  readonly acceptedOverall: number;
  readonly casesStored: number;
  readonly peakResidentBytes: number;
  readonly cpu: CpuBreakdown | undefined;
}

/**
 * The real intake process on a fresh database, driven closed-loop: `concurrency` keep-alive
 * connections, each sending its next case as soon as the last one is accepted. Its outbox relay
 * runs as in production, so publishing to Kafka is part of the cost of an accepted case.
 */
export function benchmarkIntakeThroughput(
  settings: BenchSettings,
  bodies: readonly Buffer[],
  httpClient: HttpClientKind,
): Promise<IntakeThroughputResult> {
  return withTeardown(async (teardown) => {
    const services = await BenchServices.start(['intake'], settings, teardown);
    const intake = intakeClient(httpClient, services.url('intake'), settings.concurrency);
    teardown.add('close the HTTP client', () => intake.close());

    const requestBodies = new CaseBodies(bodies);
    const cpu = new CpuWindow();
    const run = await runClosedLoop({
      concurrency: settings.concurrency,
      warmupMs: settings.warmupSeconds * 1000,
      measureMs: settings.seconds * 1000,
      operation: () => submitCase(intake, requestBodies.take()).then(() => undefined),
      onWindowStart: cpu.open,
      onWindowEnd: cpu.close,
    });

    const intakePid = services.pid('intake');
    const result: IntakeThroughputResult = {
      concurrency: settings.concurrency,
      httpClient,
      acceptedPerSecond: run.perSecond,
      latency: run.latency,
      failures: run.failures.count,
      firstFailures: run.failures.firstMessages,
      acceptedOverall: run.succeededOverall,
      casesStored: await countRows(services.databaseUrl, 'intake.cases'),
      // Read before the process stops: VmHWM is the high-water mark of its whole life, warm-up included.
      peakResidentBytes: peakResidentBytes(intakePid),
      cpu: cpu.breakdown({
        intake: [intakePid],
        'load generator (this process)': [process.pid],
        PostgreSQL: await postgresServer(services.databaseUrl),
        Kafka: kafkaBrokerPids(),
      }),
    };
    if (result.failures === 0 && result.casesStored === result.acceptedOverall) services.markSucceeded();
    return result;
  });
}
