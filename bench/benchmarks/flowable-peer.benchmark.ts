import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createTestDatabase, repoRoot } from '@ugov/testing';
import { routeCase } from '../../apps/dispatch/src/domain/routing';
import { loadCatalogFile } from '../../apps/dispatch/src/infra/catalog.provider';
import type { BenchSettings } from '../bench-settings';
import type { CaseRequest } from '../case-requests';
import { CpuWindow, type CpuBreakdown } from '../cpu-usage';
import { flowablePeerJar } from '../flowable-peer-build';
import type { LatencySummary } from '../latency-samples';
import { countRows, postgresServer } from '../process-groups';
import { withTeardown, type Teardown } from '../teardown';

/** One thread count of the peer: closed loop, each client thread starting its next case as soon as the last one committed. */
export interface FlowableThreadRun {
  readonly threads: number;
  /** At least BENCH_FLOWABLE_WARMUP_SECONDS, then until the JIT had settled, at most a minute. */
  readonly warmupSeconds: number;
  /** False when the warm-up ran out with the JIT still compiling: the figures then include its work. */
  readonly jitSettled: boolean;
  /** Cores the JIT's compiler threads kept busy in the measured window (part of the JVM's). */
  readonly jitCoresMeasured: number | undefined;
  readonly startedPerSecond: number;
  readonly latency: LatencySummary;
  readonly failures: number;
  readonly firstFailures: readonly string[];
  readonly cpu: CpuBreakdown | undefined;
}

/** What ran, as the engine itself reports it once it is built and the process is deployed. */
export interface FlowableEngineFacts {
  /** From building the engine to the process deployed, schema creation included. */
  readonly seconds: number;
  readonly version: string;
  readonly historyLevel: string;
  readonly idGenerator: string;
  /** Size of the engine's connection pool. */
  readonly connections: number;
  readonly java: string;
}

export interface FlowablePeerResult {
  readonly engine: FlowableEngineFacts | undefined;
  /** Sample messages that ugov's catalog routes to a department: the ones the peer's process can take. */
  readonly caseTemplates: number;
  readonly runs: readonly FlowableThreadRun[];
  /** The thread count with the highest rate: what ugov's rate is set against. */
  readonly best: FlowableThreadRun | undefined;
  /** Every committed start of the run (warm-ups included), against the "sign" tasks waiting in the database afterwards. */
  readonly startedOverall: number;
  readonly signTasksStored: number;
}

/** A thread count's warm-up goes on past its minimum until the JIT has settled, but no longer than this. */
const MAX_WARMUP_SECONDS = 60;
/** The JVM and the engine's schema creation take seconds; the runs are bounded by the settings and the above. */
const ENGINE_START_ALLOWANCE_MS = 120000;
const PER_RUN_SLACK_MS = 60000;
const JAVA_GROUP = 'Flowable JVM (engine + client threads)';
const LOG_FILE = join(repoRoot, '.run', 'test-logs', 'bench-flowable-peer.log');

/** The case fields the peer stores as process variables; the category is the one ugov's dispatch would pick. */
interface CaseTemplate {
  readonly type: string;
  readonly channel: string;
  readonly description: string;
  readonly categoryCode: string;
  readonly regionCode: string;
}

/**
 * The peer's process routes by category code; messages whose keywords match no category would go to a
 * human dispatcher in ugov, a path the peer's process does not have, so they are left out. Each template keeps
 * the department ugov's routing chose, so that both route a message to the same department.
 */
function caseTemplatesOf(requests: readonly CaseRequest[]): (CaseTemplate & { readonly departmentCode: string })[] {
  const catalog = loadCatalogFile();
  return requests.flatMap((request) => {
    const decision = routeCase({ description: request.description, location: { regionCode: request.location.regionCode } }, catalog);
    if (decision.kind !== 'assigned') return [];
    const { type, channel, description } = request;
    const { regionCode } = request.location;
    return [{ type, channel, description, categoryCode: decision.category.code, regionCode, departmentCode: decision.department.code }];
  });
}

/** The peer's catalog (category → department by default and per region), written from ugov's decisions. */
function peerCatalogOf(templates: readonly (CaseTemplate & { readonly departmentCode: string })[]): unknown {
  const byCategory = new Map<string, { default: string; byRegion: Record<string, string> }>();
  for (const { categoryCode, regionCode, departmentCode } of templates) {
    const entry = byCategory.get(categoryCode) ?? { default: departmentCode, byRegion: {} };
    entry.byRegion[regionCode] = departmentCode;
    byCategory.set(categoryCode, entry);
  }
  return { categories: [...byCategory].map(([code, departments]) => ({ code, departments })) };
}

type PeerEvent =
  | ({ readonly event: 'engine-ready' } & FlowableEngineFacts)
  | { readonly event: 'window-opened'; readonly threads: number }
  | { readonly event: 'window-closed'; readonly threads: number }
  | {
      readonly event: 'result';
      readonly threads: number;
      readonly warmupSeconds: number;
      readonly jitSettled: boolean;
      readonly jitCoresMeasured: number | null;
      readonly startedPerSecond: number;
      readonly count: number;
      readonly p50Ms: number | null;
      readonly p95Ms: number | null;
      readonly p99Ms: number | null;
      readonly maxMs: number | null;
      readonly meanMs: number | null;
      readonly startedOverall: number;
      readonly failures: number;
      readonly firstFailures: string[];
    };

/**
 * The Java program with its stdout read line by line (its events) and its stderr in a log file; it is
 * killed if it runs past `allowedMs`.
 */
class PeerProcess {
  private timedOut = false;
  private readonly deadline: NodeJS.Timeout;

  private constructor(
    private readonly child: ChildProcess,
    private readonly exited: Promise<number | null>,
    private readonly allowedMs: number,
  ) {
    this.deadline = setTimeout(() => {
      this.timedOut = true;
      this.kill();
    }, allowedMs);
  }

  static start(jar: string, args: readonly string[], env: NodeJS.ProcessEnv, allowedMs: number, teardown: Teardown): PeerProcess {
    mkdirSync(join(repoRoot, '.run', 'test-logs'), { recursive: true });
    const log = openSync(LOG_FILE, 'w');
    const child = spawn('java', ['-jar', jar, ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', log] });
    closeSync(log);
    const exited = new Promise<number | null>((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.once('error', () => resolve(null));
    });
    const peer = new PeerProcess(child, exited, allowedMs);
    teardown.add('stop the Flowable peer', () => peer.stop());
    return peer;
  }

  /** Resolves once the program has exited 0; fails, naming its log, when it failed or ran too long. */
  async finished(): Promise<void> {
    const code = await this.exited;
    clearTimeout(this.deadline);
    if (this.timedOut) throw new Error(`the Flowable peer was still running after ${this.allowedMs / 1000} s; see ${LOG_FILE}`);
    if (code !== 0) throw new Error(`the Flowable peer exited with ${code}; see ${LOG_FILE}`);
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('the Flowable peer did not start (is java on PATH?)');
    return this.child.pid;
  }

  async *events(): AsyncGenerator<PeerEvent> {
    if (!this.child.stdout) return;
    for await (const line of createInterface({ input: this.child.stdout })) {
      // Its events are JSON objects; anything else a library might print there is not ours to read.
      if (line.startsWith('{')) yield JSON.parse(line) as PeerEvent;
    }
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }

  /** SIGTERM, and SIGKILL if it is still there a few seconds later. */
  async stop(): Promise<void> {
    clearTimeout(this.deadline);
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.kill(), 5000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** The database URL as the PostgreSQL JDBC driver takes it; the password goes by environment, not on the command line. */
function jdbcArgumentsOf(databaseUrl: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  return {
    args: [
      '--jdbc-url',
      `jdbc:postgresql://${url.hostname}:${url.port || '5432'}${url.pathname}?ApplicationName=ugov-bench-flowable`,
      '--jdbc-user',
      decodeURIComponent(url.username) || 'postgres',
    ],
    env: { PEER_JDBC_PASSWORD: decodeURIComponent(url.password) },
  };
}

function latencyOf(result: Extract<PeerEvent, { event: 'result' }>): LatencySummary {
  return {
    count: result.count,
    p50Ms: result.p50Ms ?? NaN,
    p95Ms: result.p95Ms ?? NaN,
    p99Ms: result.p99Ms ?? NaN,
    maxMs: result.maxMs ?? NaN,
    meanMs: result.meanMs ?? NaN,
  };
}

interface MeasuredRuns {
  readonly engine: FlowableEngineFacts | undefined;
  readonly runs: FlowableThreadRun[];
  readonly startedOverall: number;
}

/** Follows the peer's events to its end, reading CPU counters as each measured window opens and closes. */
async function measuredRuns(peer: PeerProcess, databaseUrl: string): Promise<MeasuredRuns> {
  let engine: FlowableEngineFacts | undefined;
  const runs: FlowableThreadRun[] = [];
  let startedOverall = 0;
  let cpu = new CpuWindow();
  const postgres = await postgresServer(databaseUrl);
  for await (const event of peer.events()) {
    switch (event.event) {
      case 'engine-ready': {
        const { event: _, ...facts } = event;
        engine = facts;
        break;
      }
      case 'window-opened':
        cpu = new CpuWindow();
        cpu.open();
        break;
      case 'window-closed':
        cpu.close();
        break;
      case 'result':
        startedOverall += event.startedOverall;
        runs.push({
          threads: event.threads,
          warmupSeconds: event.warmupSeconds,
          jitSettled: event.jitSettled,
          jitCoresMeasured: event.jitCoresMeasured ?? undefined,
          startedPerSecond: event.startedPerSecond,
          latency: latencyOf(event),
          failures: event.failures,
          firstFailures: event.firstFailures,
          cpu: cpu.breakdown({ [JAVA_GROUP]: [peer.pid], PostgreSQL: postgres }),
        });
    }
  }
  return { engine, runs, startedOverall };
}

/**
 * A stock Flowable engine (bench/flowable, built with Maven) on a fresh database of the same PostgreSQL
 * server: for each case it starts a process instance that stores the case's variables, routes it by
 * category in a service task and stops at the department's "sign" user task. One JVM runs every thread
 * count in turn, each after its own warm-up (until the JIT has settled); CPU is read around each
 * measured window.
 */
export function benchmarkFlowablePeer(settings: BenchSettings, requests: readonly CaseRequest[]): Promise<FlowablePeerResult> {
  return withTeardown(async (teardown) => {
    const jar = await flowablePeerJar();
    const templates = caseTemplatesOf(requests);
    if (templates.length === 0) throw new Error('no sample message matches a category of the dispatch catalog');
    const folder = mkdtempSync(join(tmpdir(), 'ugov-flowable-'));
    teardown.add('remove the case file of the Flowable peer', () => rmSync(folder, { recursive: true, force: true }));
    const casesFile = join(folder, 'cases.jsonl');
    writeFileSync(casesFile, templates.map(({ departmentCode: _, ...template }) => `${JSON.stringify(template)}\n`).join(''));
    const catalogFile = join(folder, 'catalog.json');
    writeFileSync(catalogFile, JSON.stringify(peerCatalogOf(templates)));
    const database = await createTestDatabase('ugov_bench_flowable');
    teardown.add('drop the Flowable database', database.drop);

    const jdbc = jdbcArgumentsOf(database.url);
    const allowedMs =
      ENGINE_START_ALLOWANCE_MS +
      settings.flowableThreads.length *
        ((Math.max(settings.flowableWarmupSeconds, MAX_WARMUP_SECONDS) + settings.flowableSeconds) * 1000 + PER_RUN_SLACK_MS);
    const peer = PeerProcess.start(
      jar,
      [
        ...jdbc.args,
        ...['--threads', settings.flowableThreads.join(',')],
        ...['--warmup-seconds', String(settings.flowableWarmupSeconds)],
        ...['--max-warmup-seconds', String(Math.max(settings.flowableWarmupSeconds, MAX_WARMUP_SECONDS))],
        ...['--seconds', String(settings.flowableSeconds)],
        ...['--cases', casesFile, '--catalog', catalogFile],
      ],
      jdbc.env,
      allowedMs,
      teardown,
    );
    const measured = await measuredRuns(peer, database.url);
    await peer.finished();

    const { engine, runs, startedOverall } = measured;
    const result: FlowablePeerResult = {
      engine,
      caseTemplates: templates.length,
      runs,
      best: runs.reduce<FlowableThreadRun | undefined>(
        (best, run) => (best && best.startedPerSecond >= run.startedPerSecond ? best : run),
        undefined,
      ),
      startedOverall,
      signTasksStored: await countRows(database.url, 'act_ru_task'),
    };
    const broken = runs.some((run) => run.failures > 0) || result.signTasksStored !== startedOverall;
    if (!broken && existsSync(LOG_FILE)) rmSync(LOG_FILE);
    return result;
  });
}
