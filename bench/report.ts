import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@ugov/testing';
import type { BenchResults } from './bench-results';
import type { FlowablePeerResult } from './benchmarks/flowable-peer.benchmark';
import { kpiQueryLines } from './benchmarks/kpi-query.benchmark';
import type { PostgresInsertRun } from './benchmarks/postgres-insert-baseline.benchmark';
import type { CpuBreakdown } from './cpu-usage';
import type { LatencySummary } from './latency-samples';
import type { RoundTripResult } from './round-trips';
import { DECISION_P99_LIMIT_MS, type StackRun } from './benchmarks/stack-decisions.benchmark';

export const RESULTS_FILE = join(repoRoot, '.run', 'bench', 'results.json');

const MIB = 1024 * 1024;

function figure(value: number | undefined, digits = 0): string {
  return value === undefined || Number.isNaN(value)
    ? 'n/a'
    : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function ratio(value: number | undefined): string {
  return value === undefined ? 'n/a' : `${figure(value, 2)} ×`;
}

function milliseconds(value: number): string {
  return `${figure(value, value < 10 ? 2 : 1)} ms`;
}

function latencyLine(latency: LatencySummary): string {
  return `p50 ${milliseconds(latency.p50Ms)}   p95 ${milliseconds(latency.p95Ms)}   p99 ${milliseconds(latency.p99Ms)}   max ${milliseconds(latency.maxMs)}`;
}

/** Cores busy per group, and, given a rate, the CPU each group spent per operation. */
function cpuLines(cpu: CpuBreakdown | undefined, cores: number, perSecond?: number, unit = 'request'): string[] {
  if (!cpu) return ['   CPU: not measured'];
  const groups = Object.entries(cpu.coresBusy);
  const lines = [
    `   cores busy (of ${cores}): ${groups.map(([group, busy]) => `${group} ${figure(busy, 2)}`).join(', ')}; machine total ${figure(cpu.machineCoresBusy, 2)}`,
  ];
  if (perSecond && perSecond > 0) {
    const perOperation = groups
      .filter(([group]) => group !== 'everything else')
      .map(([group, busy]) => `${group} ${figure((busy * 1000) / perSecond, 3)}`);
    lines.push(`   CPU ms per ${unit}: ${perOperation.join(', ')}`);
  }
  return lines;
}

/** A path that keeps up has the same latency at the end of the run as at the start; a backlog makes it climb. */
function keepsUp(roundTrip: RoundTripResult): boolean {
  const [first, , last] = roundTrip.p50ByThird;
  return !(last > 2 * first && last - first > 20);
}

interface RoundTripLabels {
  readonly trip: string;
  readonly acknowledgment: string;
  readonly arrivedAs: string;
  readonly endedElsewhereAs?: string;
}

function roundTripLines(labels: RoundTripLabels, roundTrip: RoundTripResult | undefined, cores: number): string[] {
  if (!roundTrip) return [`   ${labels.trip}: did not run`];
  const elsewhere = labels.endedElsewhereAs ? `, ${figure(roundTrip.endedElsewhere)} ${labels.endedElsewhereAs}` : '';
  return [
    `   ${labels.trip}: ${latencyLine(roundTrip.latency)}`,
    `      p50 by third of the run: ${roundTrip.p50ByThird.map(milliseconds).join(' → ')}${keepsUp(roundTrip) ? '' : ' (rising: the path falls behind at this rate)'}`,
    `      on the way, ${labels.acknowledgment}: ${latencyLine(roundTrip.acknowledged)}`,
    ...Object.entries(roundTrip.stages).map(([stage, latency]) => `      on the way, ${stage}: ${latencyLine(latency)}`),
    `      ${figure(roundTrip.sent)} sent, ${figure(roundTrip.arrived)} ${labels.arrivedAs}${elsewhere}, ${figure(roundTrip.missing)} missing, ` +
      `${figure(roundTrip.sendFailures)} send failures; generator at most ${milliseconds(roundTrip.worstScheduleLagMs)} behind schedule`,
    ...cpuLines(roundTrip.cpu, cores, roundTrip.ratePerSecond, 'message').map((line) => `   ${line}`),
  ];
}

function stackRunLines(kind: string, run: StackRun, cores: number): string[] {
  const [first, , last] = run.decisionP50ByThird;
  return [
    `   ${kind} ${figure(run.ratePerSecond)}/s for ${run.seconds} s: ${run.sustained ? 'sustained' : 'NOT sustained'}; decision ${latencyLine(run.decision)}`,
    `      p50 by third of the run: ${run.decisionP50ByThird.map(milliseconds).join(' → ')}${last > 2 * first && last - first > 20 ? ' (rising: a backlog builds)' : ''}`,
    `      POST answered 201: ${latencyLine(run.answered)}`,
    `      ${figure(run.sent)} sent, ${figure(run.decided)} decided, ${figure(run.sendFailures)} send failures` +
      `${run.firstSendFailures.length > 0 ? ` (first: ${run.firstSendFailures[0]})` : ''}; generator at most ${milliseconds(run.worstScheduleLagMs)} behind schedule`,
    ...cpuLines(run.cpu, cores, run.ratePerSecond, 'case').map((line) => `   ${line}`),
  ];
}

function flowablePeerLines(peer: FlowablePeerResult | undefined, cores: number): string[] {
  if (!peer) return ['   did not run'];
  const engine = peer.engine;
  const lines = [
    engine
      ? `   Flowable ${engine.version} on Java ${engine.java}: history level ${engine.historyLevel}, ${engine.idGenerator}, ` +
        `${engine.connections} pooled connections; ready in ${figure(engine.seconds, 1)} s`
      : '   engine: not reported',
    `   cases: ${figure(peer.caseTemplates)} sample messages that the dispatch catalog routes, each started with its variables`,
  ];
  const threadsOf = (run: { threads: number }) => `${run.threads} thread${run.threads === 1 ? '' : 's'}`;
  for (const run of peer.runs) {
    const threads = `${threadsOf(run)}:`.padEnd(12);
    lines.push(
      `   ${threads}${figure(run.startedPerSecond).padStart(6)} cases/s   ${latencyLine(run.latency)}   failures ${run.failures}`,
      ...cpuLines(run.cpu, cores, run.startedPerSecond, 'case').map((line) => `   ${line}`),
      `      warm-up ${figure(run.warmupSeconds, 1)} s, ` +
        (run.jitSettled ? 'until the JIT had settled' : 'ran out with the JIT STILL COMPILING (busy machine?)') +
        `; the JIT's compiler threads in the measured window: ${figure(run.jitCoresMeasured, 2)} cores`,
    );
  }
  const best = peer.best;
  lines.push(
    `   best: ${best ? `${figure(best.startedPerSecond)} cases/s at ${threadsOf(best)}, p99 ${milliseconds(best.latency.p99Ms)}` : 'n/a'}`,
    `   durability: ${figure(peer.signTasksStored)} "sign" tasks in the database, ${figure(peer.startedOverall)} committed starts — ` +
      (peer.signTasksStored === peer.startedOverall ? 'equal' : 'DIFFERENT'),
  );
  return lines;
}

export function formatReport(results: BenchResults): string {
  const { machine, settings } = results;
  const lines: string[] = [];
  const section = (title: string) => lines.push('', title);
  lines.push(
    `ugov benchmarks — ${results.startedAt} — ${machine.hostname}: ${machine.cores} × ${machine.cpuModel}, Node ${machine.node}, load average ${figure(machine.loadAverageAtStart, 2)} at start`,
    `settings: concurrency ${settings.concurrency}, warm-up ${settings.warmupSeconds} s, closed-loop runs ${settings.seconds} s, ` +
      `open-loop runs ${figure(settings.ratePerSecond)}/s for ${settings.rateSeconds} s, service log level ${settings.serviceLogLevel}, ` +
      `Flowable peer at ${settings.flowableThreads.join('/')} threads, warm-up ≥ ${settings.flowableWarmupSeconds} s + ${settings.flowableSeconds} s each` +
      (settings.only.length > 0 ? `; only ${settings.only.join(', ')} (BENCH_ONLY)` : ''),
  );

  section(`HTTP client of the load generator (against a do-nothing server, ${settings.concurrency} in flight)`);
  for (const measurement of results.httpClient?.measurements ?? []) {
    const chosen = measurement.kind === results.httpClient?.chosen ? '  ← used below' : '';
    lines.push(
      `   ${measurement.kind.padEnd(10)} ${figure(measurement.requestsPerSecond).padStart(7)} req/s   ${figure(measurement.clientCpuMicrosPerRequest)} µs client CPU per request${chosen}`,
    );
  }
  if (!results.httpClient) lines.push('   did not run');

  const baseline = results.postgresInsertBaseline;
  section(
    `1. Baseline: raw PostgreSQL single-row autocommit INSERTs (${settings.concurrency} connections, half before and half after run 2)`,
  );
  if (baseline) {
    const halves: [string, PostgresInsertRun | undefined][] = [
      ['before', baseline.before],
      ['after ', baseline.after],
    ];
    for (const [when, run] of halves) {
      if (!run) continue;
      lines.push(`   ${when}: ${figure(run.insertsPerSecond)} inserts/s   ${latencyLine(run.latency)}   failures ${run.failures}`);
      lines.push(...cpuLines(run.cpu, machine.cores, run.insertsPerSecond, 'insert').map((line) => `   ${line}`));
    }
    const drift =
      baseline.drift === undefined
        ? ''
        : ` (after ÷ before: ${figure((1 + baseline.drift) * 100)} %; far from 100 % means the machine changed)`;
    lines.push(`   baseline: ${figure(baseline.insertsPerSecond)} inserts/s${drift}`);
  } else lines.push('   did not run');

  const intake = results.intakeThroughput;
  section(`2. Intake durable accepts: POST /v1/cases, ${settings.concurrency} in flight over keep-alive (${intake?.httpClient ?? 'n/a'})`);
  if (intake) {
    lines.push(
      `   ${figure(intake.acceptedPerSecond)} accepted/s = ${ratio(results.ratios.intakeToPostgresInserts)} the PostgreSQL baseline   failures ${intake.failures}`,
      `   ${latencyLine(intake.latency)}`,
      `   durability: ${figure(intake.casesStored)} rows in intake.cases, ${figure(intake.acceptedOverall)} answers 201 — ` +
        (intake.casesStored === intake.acceptedOverall ? 'equal' : 'DIFFERENT'),
      ...cpuLines(intake.cpu, machine.cores, intake.acceptedPerSecond, 'accepted case'),
    );
  } else lines.push('   did not run');

  section(`3. Submit → assignment visible on Kafka (open loop, ${figure(settings.ratePerSecond)}/s for ${settings.rateSeconds} s)`);
  lines.push(
    ...roundTripLines(
      { trip: 'baseline, Kafka produce → consume', acknowledgment: 'produce acknowledged (acks=-1)', arrivedAs: 'arrived' },
      results.kafkaRoundTripBaseline,
      machine.cores,
    ),
    ...roundTripLines(
      {
        trip: 'ugov POST → case-assigned consumed',
        acknowledgment: 'POST answered 201',
        arrivedAs: 'assigned',
        endedElsewhereAs: 'triaged (not timed)',
      },
      results.assignmentLatency,
      machine.cores,
    ),
    `   ratio ugov ÷ Kafka: p50 ${ratio(results.ratios.assignmentToKafkaRoundTripP50)}, p99 ${ratio(results.ratios.assignmentToKafkaRoundTripP99)}` +
      ' (the ugov path crosses the broker twice)',
  );

  section('4. Memory');
  lines.push(`   intake peak RSS (VmHWM) during run 2: ${intake ? `${figure(intake.peakResidentBytes / MIB, 1)} MiB` : 'n/a'}`);
  const stack = results.stackDecisions;
  if (stack) {
    lines.push(
      `   peak RSS (VmHWM) of each service after run 5: ${Object.entries(stack.peakResidentBytes)
        .map(([service, bytes]) => `${service} ${figure(bytes / MIB, 1)} MiB`)
        .join(', ')}`,
    );
  }

  const stackServices =
    settings.stackServices.length === 5 ? 'all five services' : `only ${settings.stackServices.join(', ')} (BENCH_STACK_SERVICES)`;
  section(`5. The whole stack (${stackServices}), open loop: submit (intake's submitted_at) → decision (dispatch's decided_at)`);
  if (stack) {
    lines.push(...stackRunLines('steady', stack.steady, machine.cores));
    const direction = stack.steady.sustained ? 'rising' : 'falling';
    for (const run of stack.search) lines.push(...stackRunLines(direction, run, machine.cores));
    lines.push(
      `   highest rate sustained (every case decided, p99 ≤ ${DECISION_P99_LIMIT_MS} ms): ${stack.bestSustainedRate === undefined ? 'none' : `${figure(stack.bestSustainedRate)}/s`}`,
    );
  } else lines.push('   did not run');

  section('6. Outbox relay: a backlog committed at once, published by one relay process, then by two');
  const relays = results.relayDrain;
  if (relays) {
    for (const run of [relays.one, relays.two]) {
      lines.push(
        `   ${run.relays} relay${run.relays > 1 ? 's' : ''}: ${figure(run.events)} events in ${figure(run.seconds, 2)} s = ${figure(run.eventsPerSecond)} events/s`,
      );
      lines.push(...cpuLines(run.cpu, machine.cores, run.eventsPerSecond, 'event').map((line) => `   ${line}`));
    }
    lines.push(`   a second relay: ${ratio(relays.secondRelayGain)} the events/s of one`);
  } else lines.push('   did not run');

  section('7. Flowable peer: a stock BPMN engine on the same PostgreSQL, closed loop, one process instance started per case');
  lines.push(...flowablePeerLines(results.flowablePeer, machine.cores));

  section('ugov against Flowable');
  lines.push(
    `   ugov, whole stack, highest rate sustained (p99 ≤ ${DECISION_P99_LIMIT_MS} ms): ${stack?.bestSustainedRate === undefined ? 'none' : `${figure(stack.bestSustainedRate)} cases/s`}` +
      `   Flowable best: ${results.flowablePeer?.best ? `${figure(results.flowablePeer.best.startedPerSecond)} cases/s` : 'n/a'}` +
      `   ratio ugov ÷ Flowable: ${ratio(results.ratios.ugovToFlowable)}`,
  );

  section(
    "8. Public search: published replies, the service's search (GIN, exact recheck, ranked first page) against ILIKE, one query at a time",
  );
  const search = results.publicSearch;
  if (search) {
    lines.push(
      `   ${figure(search.replies)} replies of ${figure(search.meanCharacters)} characters on average; written in ${figure(search.loadSeconds)} s, indexed in ${figure(search.indexSeconds)} s`,
    );
    for (const kind of search.kinds)
      lines.push(
        `   ${kind.kind} (${kind.queries}, ${figure(kind.meanFound)} found on average${kind.disagreements ? `, ${kind.disagreements} counted differently` : ''}): ` +
          `search p50 ${figure(kind.search.p50Ms, 1)} ms, p95 ${figure(kind.search.p95Ms, 1)} ms, p99 ${figure(kind.search.p99Ms, 1)} ms; ` +
          `ILIKE (${kind.baselineQueries} of them) p50 ${figure(kind.ilike.p50Ms, 1)} ms, p95 ${figure(kind.ilike.p95Ms, 1)} ms, p99 ${figure(kind.ilike.p99Ms, 1)} ms`,
      );
  } else lines.push('   did not run');

  section('9. SLA timers: supervision alone, open clocks each with a pending timer, some coming due one after another');
  const timers = results.slaTimerLag;
  if (timers) {
    lines.push(
      `   ${figure(timers.openClocks)} open clocks (written in ${figure(timers.fillSeconds, 1)} s), ${figure(timers.dueTimers)} due over 20 s: ${figure(timers.fired)} fired`,
    );
    lines.push(`   lateness, fire_at → fired_at: ${latencyLine(timers.lag)}   (poll every ${timers.pollMs} ms; aim: within 1 s)`);
    lines.push(...cpuLines(timers.cpu, machine.cores, undefined, 'timer').map((line) => `   ${line}`));
    lines.push(`   supervision peak RSS (VmHWM): ${figure(timers.supervisionPeakResidentBytes / 2 ** 20, 1)} MiB`);
  } else lines.push('   did not run');

  section('10. Supervision KPI query (GET /v1/kpis) over generated assignments, by period and level');
  lines.push(...kpiQueryLines(results.kpiQuery));

  section(results.problems.length === 0 ? 'Nothing broken.' : `PROBLEMS (${results.problems.length}):`);
  for (const problem of results.problems) lines.push(`   - ${problem}`);
  lines.push(`Figures written to ${RESULTS_FILE} (${figure(results.durationSeconds, 0)} s in all).`);
  return lines.join('\n');
}

export function writeResultsJson(results: BenchResults): void {
  mkdirSync(join(repoRoot, '.run', 'bench'), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
}
