import type { ServiceName } from '@ugov/contracts';
import { SERVICE_NAMES } from '@ugov/testing';
/** What a benchmark run is asked to do; read once from the environment and checked like a service's config. */
export interface BenchSettings {
  /** Requests in flight against intake, and connections of the PostgreSQL baseline. */
  readonly concurrency: number;
  readonly warmupSeconds: number;
  /** Measured duration of the closed-loop runs (PostgreSQL baseline, intake throughput). */
  readonly seconds: number;
  /** Steady submissions per second of the open-loop runs (assignment latency and its Kafka baseline). */
  readonly ratePerSecond: number;
  readonly rateSeconds: number;
  /** LOG_LEVEL of the services under test; `info` is what production runs with. */
  readonly serviceLogLevel: string;
  /** When set, the services under test run with --cpu-prof and write their profiles here. */
  readonly cpuProfileDir?: string;
  /** The whole stack's warm-up before its steady run (services that just started are still compiling). */
  readonly stackWarmupSeconds: number;
  /** The whole stack's steady open-loop run: rate and duration. */
  readonly stackRate: number;
  readonly stackSeconds: number;
  /** Rising rates tried after it when it was sustained, each for stackSearchSeconds, until one is not. */
  readonly stackSearchRates: readonly number[];
  /** Falling rates tried after it when it was not sustained, each for stackSearchSeconds, until one is. */
  readonly stackLowerRates: readonly number[];
  readonly stackSearchSeconds: number;
  /** Events in the outbox backlog that one relay, then two, publish. */
  readonly relayEvents: number;
  /** Client thread counts of the Flowable peer, run one after the other in one JVM. */
  readonly flowableThreads: readonly number[];
  /** Least warm-up before each thread count of the Flowable peer; it goes on until the JIT has settled (at most a minute). */
  readonly flowableWarmupSeconds: number;
  /** Measured duration of each thread count of the Flowable peer. */
  readonly flowableSeconds: number;
  /** Published replies the public search benchmark builds and searches, and queries of each shape. */
  readonly searchReplies: number;
  readonly searchQueries: number;
  /** Run 9: open SLA clocks in supervision's table, and how many of their timers come due during the run. */
  readonly timerClocks: number;
  readonly timerDue: number;
  /** Only these benchmarks (by name, see BENCHMARKS in run-benchmarks.ts); all when empty. */
  readonly only: readonly string[];
  /**
   * The services the whole-stack runs (5 and `bench:case-cost`) start: all five unless BENCH_STACK_SERVICES names
   * fewer, to measure what one service's consumers cost the case path (intake and dispatch are always there).
   */
  readonly stackServices: readonly ServiceName[];
}

interface NumberVariable {
  readonly name: string;
  readonly fallback: number;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
}

// The defaults suit 2 shared cores: 10 in flight matches intake's database pool (10 connections),
// and the whole run stays under two minutes.
const VARIABLES = {
  concurrency: { name: 'BENCH_CONCURRENCY', fallback: 10, min: 1, max: 64, integer: true },
  warmupSeconds: { name: 'BENCH_WARMUP_SECONDS', fallback: 2, min: 0, max: 30, integer: false },
  seconds: { name: 'BENCH_SECONDS', fallback: 10, min: 1, max: 120, integer: false },
  ratePerSecond: { name: 'BENCH_RATE', fallback: 200, min: 1, max: 5000, integer: false },
  rateSeconds: { name: 'BENCH_RATE_SECONDS', fallback: 15, min: 1, max: 120, integer: false },
  stackWarmupSeconds: { name: 'BENCH_STACK_WARMUP_SECONDS', fallback: 15, min: 0, max: 300, integer: false },
  stackRate: { name: 'BENCH_STACK_RATE', fallback: 300, min: 1, max: 5000, integer: false },
  stackSeconds: { name: 'BENCH_STACK_SECONDS', fallback: 60, min: 1, max: 600, integer: false },
  stackSearchSeconds: { name: 'BENCH_STACK_SEARCH_SECONDS', fallback: 20, min: 1, max: 300, integer: false },
  relayEvents: { name: 'BENCH_RELAY_EVENTS', fallback: 20000, min: 100, max: 1000000, integer: true },
  flowableWarmupSeconds: { name: 'BENCH_FLOWABLE_WARMUP_SECONDS', fallback: 5, min: 0, max: 120, integer: false },
  flowableSeconds: { name: 'BENCH_FLOWABLE_SECONDS', fallback: 10, min: 1, max: 120, integer: false },
  searchReplies: { name: 'BENCH_SEARCH_REPLIES', fallback: 100000, min: 1000, max: 1000000, integer: true },
  searchQueries: { name: 'BENCH_SEARCH_QUERIES', fallback: 200, min: 10, max: 1000, integer: true },
  timerClocks: { name: 'BENCH_TIMER_CLOCKS', fallback: 1000000, min: 10000, max: 10000000, integer: true },
  timerDue: { name: 'BENCH_TIMER_DUE', fallback: 5000, min: 100, max: 100000, integer: true },
} satisfies Record<string, NumberVariable>;

const LOG_LEVELS = ['error', 'warn', 'info', 'debug'];

export class BenchSettingsError extends Error {
  override readonly name = 'BenchSettingsError';
}

export function loadBenchSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const problems: string[] = [];
  const read = (variable: NumberVariable): number => {
    const raw = env[variable.name];
    if (raw === undefined || raw === '') return variable.fallback;
    const value = Number(raw);
    const wrongKind = variable.integer ? !Number.isInteger(value) : !Number.isFinite(value);
    if (wrongKind || value < variable.min || value > variable.max) {
      problems.push(
        `${variable.name}: must be ${variable.integer ? 'an integer' : 'a number'} from ${variable.min} to ${variable.max}, got "${raw}"`,
      );
      return variable.fallback;
    }
    return value;
  };
  /** A comma-separated list of numbers, each one `valid`; `fallback` when the variable is not set. */
  const readList = (name: string, fallback: string, valid: (value: number) => boolean, expected: string): number[] => {
    const raw = env[name] ?? fallback;
    const values = raw
      .split(',')
      .filter((part) => part.trim() !== '')
      .map(Number);
    if (values.some((value) => !valid(value))) problems.push(`${name}: ${expected}, got "${raw}"`);
    return values;
  };
  const readRates = (name: string, fallback: string): number[] =>
    readList(name, fallback, (rate) => Number.isFinite(rate) && rate >= 1 && rate <= 5000, 'comma-separated rates from 1 to 5000');
  const stackSearchRates = readRates('BENCH_STACK_SEARCH_RATES', '400,500,600,700,800,1000');
  const stackLowerRates = readRates('BENCH_STACK_LOWER_RATES', '250,200,150,100,50');
  const flowableThreads = readList(
    'BENCH_FLOWABLE_THREADS',
    '1,8,32',
    (threads) => Number.isInteger(threads) && threads >= 1 && threads <= 64,
    'comma-separated thread counts from 1 to 64',
  );
  const only = (env.BENCH_ONLY ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const stackServices = (env.BENCH_STACK_SERVICES ?? SERVICE_NAMES.join(','))
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = stackServices.filter((name) => !(SERVICE_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0 || !stackServices.includes('intake') || !stackServices.includes('dispatch'))
    problems.push(
      `BENCH_STACK_SERVICES: names from ${SERVICE_NAMES.join(', ')}, intake and dispatch among them, got "${env.BENCH_STACK_SERVICES}"`,
    );
  const serviceLogLevel = env.BENCH_SERVICE_LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(serviceLogLevel))
    problems.push(`BENCH_SERVICE_LOG_LEVEL: one of ${LOG_LEVELS.join(', ')}, got "${serviceLogLevel}"`);
  const settings: BenchSettings = {
    concurrency: read(VARIABLES.concurrency),
    warmupSeconds: read(VARIABLES.warmupSeconds),
    seconds: read(VARIABLES.seconds),
    ratePerSecond: read(VARIABLES.ratePerSecond),
    rateSeconds: read(VARIABLES.rateSeconds),
    serviceLogLevel,
    cpuProfileDir: env.BENCH_CPU_PROFILE_DIR || undefined,
    stackWarmupSeconds: read(VARIABLES.stackWarmupSeconds),
    stackRate: read(VARIABLES.stackRate),
    stackSeconds: read(VARIABLES.stackSeconds),
    stackSearchRates,
    stackLowerRates,
    stackSearchSeconds: read(VARIABLES.stackSearchSeconds),
    relayEvents: read(VARIABLES.relayEvents),
    flowableThreads,
    flowableWarmupSeconds: read(VARIABLES.flowableWarmupSeconds),
    flowableSeconds: read(VARIABLES.flowableSeconds),
    searchReplies: read(VARIABLES.searchReplies),
    searchQueries: read(VARIABLES.searchQueries),
    timerClocks: read(VARIABLES.timerClocks),
    timerDue: read(VARIABLES.timerDue),
    only,
    stackServices: SERVICE_NAMES.filter((name) => stackServices.includes(name)),
  };
  if (problems.length > 0) throw new BenchSettingsError(`invalid benchmark settings:\n  ${problems.join('\n  ')}`);
  return settings;
}
