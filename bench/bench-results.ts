import { cpus, hostname, loadavg, release, totalmem } from 'node:os';
import type { BenchSettings } from './bench-settings';
import type { FlowablePeerResult } from './benchmarks/flowable-peer.benchmark';
import type { HttpClientChoice } from './benchmarks/http-client-choice.benchmark';
import type { IntakeThroughputResult } from './benchmarks/intake-throughput.benchmark';
import type { PostgresInsertBaseline } from './benchmarks/postgres-insert-baseline.benchmark';
import type { PublicSearchResult } from './benchmarks/public-search.benchmark';
import type { RelayDrainResult } from './benchmarks/relay-drain.benchmark';
import type { SlaTimerLagResult } from './benchmarks/sla-timer-lag.benchmark';
import type { KpiQueryResult } from './benchmarks/kpi-query.benchmark';
import type { StackDecisionsResult } from './benchmarks/stack-decisions.benchmark';
import type { RoundTripResult } from './round-trips';

export interface MachineDescription {
  readonly hostname: string;
  readonly cores: number;
  readonly cpuModel: string;
  readonly kernel: string;
  readonly totalMemoryBytes: number;
  readonly node: string;
  /** 1-minute load average as the run began: on a shared machine, a hint of how noisy it was. */
  readonly loadAverageAtStart: number;
}

/** Each figure set against the baseline measured on the same machine in the same run. */
export interface BenchRatios {
  readonly intakeToPostgresInserts?: number;
  readonly assignmentToKafkaRoundTripP50?: number;
  readonly assignmentToKafkaRoundTripP99?: number;
  /** ugov's highest sustained rate (whole stack, every case decided, p99 within the limit) ÷ Flowable's best rate. */
  readonly ugovToFlowable?: number;
}

export interface BenchResults {
  readonly startedAt: string;
  durationSeconds?: number;
  readonly machine: MachineDescription;
  readonly settings: BenchSettings;
  httpClient?: HttpClientChoice;
  postgresInsertBaseline?: PostgresInsertBaseline;
  intakeThroughput?: IntakeThroughputResult;
  kafkaRoundTripBaseline?: RoundTripResult;
  assignmentLatency?: RoundTripResult;
  stackDecisions?: StackDecisionsResult;
  relayDrain?: RelayDrainResult;
  /** A stock BPMN engine doing a case's accept and routing on the same PostgreSQL; `best` is its highest rate. */
  flowablePeer?: FlowablePeerResult;
  /** The public search (GIN over the service's tokens) against a plain ILIKE scan of the same replies. */
  publicSearch?: PublicSearchResult;
  slaTimerLag?: SlaTimerLagResult;
  /** GET /v1/kpis's query over a million generated assignments. */
  kpiQuery?: KpiQueryResult;
  ratios: BenchRatios;
  /** Why the run exits non-zero; never a speed: only things that are broken. */
  readonly problems: string[];
}

export function describeMachine(): MachineDescription {
  return {
    hostname: hostname(),
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    kernel: release(),
    totalMemoryBytes: totalmem(),
    node: process.version,
    loadAverageAtStart: loadavg()[0],
  };
}

export function ratiosOf(results: BenchResults): BenchRatios {
  const divide = (part: number | undefined, whole: number | undefined) =>
    part === undefined || whole === undefined || !(whole > 0) ? undefined : part / whole;
  return {
    intakeToPostgresInserts: divide(results.intakeThroughput?.acceptedPerSecond, results.postgresInsertBaseline?.insertsPerSecond),
    assignmentToKafkaRoundTripP50: divide(results.assignmentLatency?.latency.p50Ms, results.kafkaRoundTripBaseline?.latency.p50Ms),
    assignmentToKafkaRoundTripP99: divide(results.assignmentLatency?.latency.p99Ms, results.kafkaRoundTripBaseline?.latency.p99Ms),
    ugovToFlowable: divide(results.stackDecisions?.bestSustainedRate, results.flowablePeer?.best?.startedPerSecond),
  };
}

/** What makes the run fail: lost or refused work, never a slow figure. */
export function problemsIn(results: BenchResults): string[] {
  const problems: string[] = [];
  for (const half of [results.postgresInsertBaseline?.before, results.postgresInsertBaseline?.after]) {
    if (half && half.failures > 0) problems.push(`PostgreSQL baseline: ${half.failures} inserts failed (first: ${half.firstFailures[0]})`);
  }
  const intake = results.intakeThroughput;
  if (intake && intake.failures > 0) problems.push(`intake failed ${intake.failures} valid requests (first: ${intake.firstFailures[0]})`);
  if (intake && intake.casesStored !== intake.acceptedOverall) {
    problems.push(`intake answered 201 ${intake.acceptedOverall} times but intake.cases holds ${intake.casesStored} rows`);
  }
  const roundTrips: [string, RoundTripResult | undefined][] = [
    ['submit → assignment', results.assignmentLatency],
    ['Kafka round trip', results.kafkaRoundTripBaseline],
  ];
  for (const [name, roundTrip] of roundTrips) {
    if (roundTrip && roundTrip.sendFailures > 0)
      problems.push(`${name}: ${roundTrip.sendFailures} sends failed (first: ${roundTrip.firstSendFailures[0]})`);
    if (roundTrip && roundTrip.missing > 0) problems.push(`${name}: ${roundTrip.missing} of ${roundTrip.sent} never arrived`);
  }
  const steady = results.stackDecisions?.steady;
  if (steady && steady.sendFailures > 0)
    problems.push(`whole stack: ${steady.sendFailures} sends failed (first: ${steady.firstSendFailures[0]})`);
  if (steady && steady.decided < steady.sent)
    problems.push(`whole stack: ${steady.sent - steady.decided} of ${steady.sent} cases were never decided`);
  const flowable = results.flowablePeer;
  for (const run of flowable?.runs ?? []) {
    if (run.failures > 0)
      problems.push(`Flowable peer, ${run.threads} threads: ${run.failures} starts failed (first: ${run.firstFailures[0]})`);
  }
  if (flowable && flowable.signTasksStored !== flowable.startedOverall) {
    problems.push(`Flowable peer: ${flowable.startedOverall} starts committed but ${flowable.signTasksStored} "sign" tasks are stored`);
  }
  const timers = results.slaTimerLag;
  if (timers && timers.fired < timers.dueTimers)
    problems.push(`SLA timers: ${timers.dueTimers - timers.fired} of ${timers.dueTimers} due timers never fired`);
  return problems;
}
