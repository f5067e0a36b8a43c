import { Client } from 'pg';
import type { ServiceName } from '@ugov/contracts';
import { waitFor } from '@ugov/testing';
import { BenchServices, peakResidentBytes } from '../bench-services';
import type { BenchSettings } from '../bench-settings';
import { CaseBodies } from '../case-requests';
import { CpuWindow, type CpuBreakdown, type ProcessGroup } from '../cpu-usage';
import type { HttpClientKind } from '../http-clients';
import { intakeClient, submitCase } from '../intake-api';
import { LatencySamples, type LatencySummary } from '../latency-samples';
import { runOpenLoop } from '../load-patterns';
import { kafkaBrokerPids, postgresServer } from '../process-groups';
import { withTeardown } from '../teardown';

/** The latency a rate must keep, at p99, to count as sustained (issue 6: submit → decision p99 ≤ 100 ms). */
export const DECISION_P99_LIMIT_MS = 100;

/** How long the cases of a run may take to be decided after the last one was sent: longer means stuck. */
const DECIDE_TIMEOUT_MS = 60000;

export interface StackRun {
  readonly ratePerSecond: number;
  readonly seconds: number;
  readonly sent: number;
  readonly sendFailures: number;
  readonly firstSendFailures: readonly string[];
  readonly decided: number;
  /** intake's submitted_at → dispatch's decided_at, both written by the services (same machine clock). */
  readonly decision: LatencySummary;
  /** POST sent by the load generator → 201 received. */
  readonly answered: LatencySummary;
  /** p50 of submit → decision for the cases sent in each third of the run: rising means a backlog builds. */
  readonly decisionP50ByThird: readonly number[];
  readonly worstScheduleLagMs: number;
  readonly cpu: CpuBreakdown | undefined;
  /** Every case decided and p99 within DECISION_P99_LIMIT_MS. */
  readonly sustained: boolean;
}

export interface StackDecisionsResult {
  /** The run at the steady rate the issue names (BENCH_STACK_RATE for BENCH_STACK_SECONDS). */
  readonly steady: StackRun;
  /**
   * After a sustained steady run, increasing rates, stopped at the first that is not sustained; after one that was not,
   * decreasing rates, stopped at the first that is.
   */
  readonly search: readonly StackRun[];
  /** The highest rate of all runs that was sustained. */
  readonly bestSustainedRate: number | undefined;
  /** VmHWM of each service at the end: the peak of its life, all runs included. */
  readonly peakResidentBytes: Readonly<Record<string, number>>;
}

/**
 * The cases among $1 that dispatch has decided, and when: routed to a department or to triage (a decision row), or
 * answered at once from the knowledge base (即办, no department). Every case of the bench comes from a requester of
 * its own (CaseBodies), so none is merged into another.
 */
const DECIDED_CASES = `SELECT case_id, decided_at FROM dispatch.decisions WHERE case_id = ANY($1::uuid[])
  UNION ALL SELECT case_id, answered_at FROM dispatch.instant_answers WHERE case_id = ANY($1::uuid[])`;

interface Submission {
  readonly id: string;
  readonly sentAtMs: number;
  readonly answeredAtMs: number;
}

/** Decision latencies of the given cases, in the order sent, once dispatch has decided them all (or the wait is over). */
async function decisionLatencies(databaseUrl: string, submissions: readonly Submission[]): Promise<(number | undefined)[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const ids = submissions.map((submission) => submission.id);
    await waitFor(
      `dispatch to decide ${ids.length} cases`,
      async () => {
        const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${DECIDED_CASES}) d`, [ids]);
        return rows[0].n === ids.length;
      },
      DECIDE_TIMEOUT_MS,
      500,
    ).catch(() => undefined);
    const { rows } = await client.query<{ id: string; ms: number }>(
      `SELECT c.id, extract(epoch FROM d.decided_at - c.submitted_at) * 1000 AS ms
         FROM intake.cases c JOIN (${DECIDED_CASES}) d ON d.case_id = c.id`,
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.id, Number(row.ms)]));
    return ids.map((id) => byId.get(id));
  } finally {
    await client.end();
  }
}

async function runAtRate(
  services: BenchServices,
  settings: BenchSettings,
  bodies: CaseBodies,
  httpClient: HttpClientKind,
  ratePerSecond: number,
  seconds: number,
  cpuGroups: Record<string, ProcessGroup>,
  warmupSeconds = settings.warmupSeconds,
): Promise<StackRun> {
  const intake = intakeClient(httpClient, services.url('intake'), Infinity);
  try {
    const submissions: Submission[] = [];
    const send = async () => {
      const sentAtMs = performance.now();
      const id = await submitCase(intake, bodies.take());
      submissions.push({ id, sentAtMs, answeredAtMs: performance.now() });
    };
    // A warm-up at the same rate, so that this rate's batching and the JIT have settled.
    await runOpenLoop({ ratePerSecond, durationMs: warmupSeconds * 1000, operation: send });
    submissions.length = 0;
    const cpu = new CpuWindow();
    cpu.open();
    const load = await runOpenLoop({ ratePerSecond, durationMs: seconds * 1000, operation: send });
    cpu.close();
    submissions.sort((a, b) => a.sentAtMs - b.sentAtMs);
    const latencies = await decisionLatencies(services.databaseUrl, submissions);
    const decision = new LatencySamples();
    const answered = new LatencySamples();
    latencies.forEach((latency) => latency !== undefined && decision.record(latency));
    submissions.forEach((submission) => answered.record(submission.answeredAtMs - submission.sentAtMs));
    const third = Math.ceil(latencies.length / 3);
    const decisionP50ByThird = [0, 1, 2].map((index) => {
      const samples = new LatencySamples();
      latencies.slice(index * third, (index + 1) * third).forEach((latency) => latency !== undefined && samples.record(latency));
      return samples.summary().p50Ms;
    });
    const summary = decision.summary();
    return {
      ratePerSecond,
      seconds,
      sent: load.started,
      sendFailures: load.failures.count,
      firstSendFailures: load.failures.firstMessages,
      decided: summary.count,
      decision: summary,
      answered: answered.summary(),
      decisionP50ByThird,
      worstScheduleLagMs: load.worstScheduleLagMs,
      cpu: cpu.breakdown(cpuGroups),
      sustained: load.failures.count === 0 && summary.count === load.started && summary.p99Ms <= DECISION_P99_LIMIT_MS,
    };
  } finally {
    intake.close();
  }
}

/**
 * All five services as processes, fed by an open-loop load: a steady run at BENCH_STACK_RATE for
 * BENCH_STACK_SECONDS, then rising rates until one is not sustained (every case decided, submit → decision
 * p99 within the limit), or, when the steady rate was not sustained, falling rates until one is. Each case's
 * latency is read from the database afterwards, so the measuring costs the services nothing.
 */
export function benchmarkStackDecisions(
  settings: BenchSettings,
  bodies: readonly Buffer[],
  httpClient: HttpClientKind,
): Promise<StackDecisionsResult> {
  return withTeardown(async (teardown) => {
    const services = await BenchServices.start(settings.stackServices, settings, teardown);
    const cpuGroups: Record<string, ProcessGroup> = {
      ...Object.fromEntries(settings.stackServices.map((service) => [service, [services.pid(service)]])),
      'load generator (this process)': [process.pid],
      PostgreSQL: await postgresServer(services.databaseUrl),
      Kafka: kafkaBrokerPids(),
    };
    const requestBodies = new CaseBodies(bodies);
    // The services just started: the first run warms them up for longer, as a long-running deployment is.
    const steady = await runAtRate(
      services,
      settings,
      requestBodies,
      httpClient,
      settings.stackRate,
      settings.stackSeconds,
      cpuGroups,
      settings.stackWarmupSeconds,
    );
    // Up from a sustained steady rate until a rate is not sustained; down from one that was not, until one is.
    const search: StackRun[] = [];
    const rates = steady.sustained ? settings.stackSearchRates : settings.stackLowerRates;
    for (const rate of rates) {
      const run = await runAtRate(services, settings, requestBodies, httpClient, rate, settings.stackSearchSeconds, cpuGroups);
      search.push(run);
      if (run.sustained !== steady.sustained) break;
    }
    const sustainedRates = [steady, ...search].filter((run) => run.sustained).map((run) => run.ratePerSecond);
    const peaks = Object.fromEntries(
      settings.stackServices.map((service: ServiceName) => [service, peakResidentBytes(services.pid(service))]),
    );
    if (steady.sendFailures === 0 && steady.decided === steady.sent) services.markSucceeded();
    return {
      steady,
      search,
      bestSustainedRate: sustainedRates.length > 0 ? Math.max(...sustainedRates) : undefined,
      peakResidentBytes: peaks,
    };
  });
}
