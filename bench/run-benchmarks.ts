/**
 * `npm run build && npm run bench`: ugov's speed as ratios against baselines measured on the same
 * machine in the same run (see bench/README.md). Exits non-zero only when something is broken.
 */
import { performance } from 'node:perf_hooks';
import { BenchSettingsError, loadBenchSettings, type BenchSettings } from './bench-settings';
import { describeMachine, problemsIn, ratiosOf, type BenchResults } from './bench-results';
import { benchmarkAssignmentLatency } from './benchmarks/assignment-latency.benchmark';
import { benchmarkFlowablePeer } from './benchmarks/flowable-peer.benchmark';
import { chooseHttpClient } from './benchmarks/http-client-choice.benchmark';
import { benchmarkIntakeThroughput } from './benchmarks/intake-throughput.benchmark';
import { benchmarkKpiQuery } from './benchmarks/kpi-query.benchmark';
import { benchmarkKafkaRoundTrip } from './benchmarks/kafka-round-trip-baseline.benchmark';
import { benchmarkPostgresInserts, combineBaselineHalves } from './benchmarks/postgres-insert-baseline.benchmark';
import { benchmarkPublicSearch } from './benchmarks/public-search.benchmark';
import { benchmarkRelayDrain } from './benchmarks/relay-drain.benchmark';
import { benchmarkSlaTimerLag } from './benchmarks/sla-timer-lag.benchmark';
import { benchmarkStackDecisions } from './benchmarks/stack-decisions.benchmark';
import { caseRequestsFor, loadCaseDescriptions, requestBodiesOf } from './case-requests';
import { formatReport, writeResultsJson } from './report';
import { runUnfinishedTeardowns } from './teardown';

/** A run that takes this long is stuck: clean up and fail rather than hang. */
// A whole default run took 21 minutes on a slow machine (2026-12-01) and was stopped in its last benchmark; longer
// still with BENCH_WATCHDOG_MINUTES (the search benchmark at 1,000,000 replies takes more than 20 on 2 busy cores).
const WATCHDOG_MS = Math.max(40, Number(process.env.BENCH_WATCHDOG_MINUTES) || 40) * 60 * 1000;

/** Set once an interrupt or the watchdog starts cleaning up: the run ends there, never in a report racing the cleanup. */
let aborting: Promise<never> | undefined;

function abort(reason: string, exitCode: number): Promise<never> {
  aborting ??= (async () => {
    console.error(`\n${reason}; cleaning up`);
    await runUnfinishedTeardowns();
    process.exit(exitCode);
  })();
  return aborting;
}

/** Runs one benchmark; a failure is recorded as a problem and the remaining benchmarks still run. */
async function step<T>(results: BenchResults, title: string, benchmark: () => Promise<T>): Promise<T | undefined> {
  const startedAt = performance.now();
  console.log(`… ${title}`);
  try {
    return await benchmark();
  } catch (error) {
    results.problems.push(`${title}: ${(error as Error).message}`);
    return undefined;
  } finally {
    console.log(`  (${((performance.now() - startedAt) / 1000).toFixed(1)} s)`);
  }
}

/** Benchmark names for BENCH_ONLY: each runs with the baselines it is compared with. */
export const BENCHMARKS = ['intake', 'assignment', 'stack', 'relay', 'flowable', 'search', 'timers', 'kpis'] as const;

async function runAll(settings: BenchSettings): Promise<BenchResults> {
  const startedAt = performance.now();
  const requests = caseRequestsFor(loadCaseDescriptions());
  const bodies = requestBodiesOf(requests);
  const results: BenchResults = {
    startedAt: new Date().toISOString(),
    machine: describeMachine(),
    settings,
    ratios: {},
    problems: [],
  };
  const warmup = `${settings.warmupSeconds} s warm-up`;
  const wanted = (name: (typeof BENCHMARKS)[number]) => settings.only.length === 0 || settings.only.includes(name);

  // Only the benchmarks that drive ugov over HTTP need the client.
  if (wanted('intake') || wanted('assignment') || wanted('stack'))
    results.httpClient = await step(results, 'choosing the HTTP client', () => chooseHttpClient(settings.concurrency, bodies[0]));
  const httpClient = results.httpClient?.chosen ?? 'node:http';
  if (wanted('intake')) {
    // Each baseline runs right next to what it is compared with, so both see the same machine; the
    // PostgreSQL one in two halves around intake, since that ratio is the one a noisy neighbour moves most.
    const half = settings.seconds / 2;
    const baselineBefore = await step(results, `1. PostgreSQL insert baseline, first half (${warmup} + ${half} s)`, () =>
      benchmarkPostgresInserts(settings, requests, half),
    );
    results.intakeThroughput = await step(results, `2. intake throughput (${warmup} + ${settings.seconds} s)`, () =>
      benchmarkIntakeThroughput(settings, bodies, httpClient),
    );
    const baselineAfter = await step(results, `1. PostgreSQL insert baseline, second half (${warmup} + ${half} s)`, () =>
      benchmarkPostgresInserts(settings, requests, half),
    );
    results.postgresInsertBaseline = combineBaselineHalves(baselineBefore, baselineAfter);
  }
  if (wanted('assignment')) {
    results.kafkaRoundTripBaseline = await step(results, `3a. Kafka round-trip baseline (${warmup} + ${settings.rateSeconds} s)`, () =>
      benchmarkKafkaRoundTrip(settings, bodies),
    );
    results.assignmentLatency = await step(results, `3b. submit → assignment latency (${warmup} + ${settings.rateSeconds} s)`, () =>
      benchmarkAssignmentLatency(settings, bodies, httpClient),
    );
  }
  if (wanted('stack')) {
    results.stackDecisions = await step(
      results,
      `5. the whole stack, ${settings.stackRate}/s for ${settings.stackWarmupSeconds} s + ${settings.stackSeconds} s, then ${settings.stackSearchRates.join(', ')}/s (or, if not sustained, ${settings.stackLowerRates.join(', ')}/s) for ${settings.stackSearchSeconds} s each`,
      () => benchmarkStackDecisions(settings, bodies, httpClient),
    );
  }
  if (wanted('relay')) {
    results.relayDrain = await step(
      results,
      `6. outbox relay: a backlog of ${settings.relayEvents} events published by one relay, then two`,
      () => benchmarkRelayDrain(settings, requests),
    );
  }
  if (wanted('flowable')) {
    const perCount = `a warm-up of ${settings.flowableWarmupSeconds} s or until the JIT settles + ${settings.flowableSeconds} s`;
    results.flowablePeer = await step(
      results,
      `7. Flowable peer at ${settings.flowableThreads.join(', ')} threads (engine start, then ${perCount} each)`,
      () => benchmarkFlowablePeer(settings, requests),
    );
  }
  if (wanted('search')) {
    results.publicSearch = await step(
      results,
      `8. public search over ${settings.searchReplies} published replies, against ILIKE on the same table`,
      () => benchmarkPublicSearch(settings.searchReplies, settings.searchQueries),
    );
  }

  if (wanted('timers')) {
    results.slaTimerLag = await step(
      results,
      `9. SLA timers: ${settings.timerClocks} open clocks, ${settings.timerDue} of them due over 20 s`,
      () => benchmarkSlaTimerLag(settings),
    );
  }
  if (wanted('kpis'))
    results.kpiQuery = await step(results, '10. supervision KPI query over 1,000,000 generated assignments', () => benchmarkKpiQuery());

  results.ratios = ratiosOf(results);
  results.problems.push(...problemsIn(results));
  results.durationSeconds = (performance.now() - startedAt) / 1000;
  return results;
}

async function main(): Promise<void> {
  let settings: BenchSettings;
  try {
    settings = loadBenchSettings();
  } catch (error) {
    if (error instanceof BenchSettingsError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  process.once('SIGINT', () => void abort('interrupted', 130));
  process.once('SIGTERM', () => void abort('terminated', 143));
  const watchdog = setTimeout(() => void abort(`still running after ${WATCHDOG_MS / 60000} minutes`, 1), WATCHDOG_MS);

  const results = await runAll(settings);
  // A cleanup in progress makes the benchmark it interrupts fail at once; let the cleanup finish and exit.
  if (aborting) await aborting;
  clearTimeout(watchdog);
  writeResultsJson(results);
  console.log(`\n${formatReport(results)}`);
  // kafkajs and the keep-alive agents hold handles open; everything of ours is already torn down.
  process.exit(results.problems.length === 0 ? 0 : 1);
}

main().catch(async (error: unknown) => {
  await abort(`benchmark run failed: ${(error as Error).stack ?? String(error)}`, 1);
});
