import { performance } from 'node:perf_hooks';
import { LatencySamples, type LatencySummary } from './latency-samples';

/** Failures are counted, and the first few kept word for word so a broken run says why. */
export class FailureLog {
  private readonly examples: string[] = [];
  private failures = 0;

  record(error: unknown): void {
    this.failures++;
    if (this.examples.length < 5) this.examples.push(error instanceof Error ? error.message : String(error));
  }

  get count(): number {
    return this.failures;
  }

  get firstMessages(): readonly string[] {
    return this.examples;
  }
}

export interface ClosedLoopOptions {
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly measureMs: number;
  /** One request or insert by worker number `worker`; throws when it failed. */
  readonly operation: (worker: number) => Promise<void>;
  /** Called as the measured window opens and closes, e.g. to read CPU counters. */
  readonly onWindowStart?: () => void;
  readonly onWindowEnd?: () => void;
}

export interface ClosedLoopResult {
  readonly measuredSeconds: number;
  /** Successes that finished inside the measured window, per second of it. */
  readonly perSecond: number;
  readonly latency: LatencySummary;
  /** Over the whole run, warm-up and the last in-flight operations included: what a durability check compares with. */
  readonly succeededOverall: number;
  readonly failures: FailureLog;
}

/**
 * `concurrency` workers, each starting its next operation as soon as the last one ends. Only
 * operations that finish inside the window after the warm-up count; when the window closes no
 * worker starts another, and the ones in flight are awaited so nothing is left running.
 */
export async function runClosedLoop(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const latency = new LatencySamples();
  const failures = new FailureLog();
  let succeededOverall = 0;
  const startedAt = performance.now();
  const windowStart = startedAt + options.warmupMs;
  const windowEnd = windowStart + options.measureMs;
  // Timers open and close the window on time; the workers make sure it happens even when a busy
  // event loop runs the timers late, and each hook runs exactly once.
  let windowOpened = false;
  let windowClosed = false;
  const openWindow = () => {
    if (windowOpened) return;
    windowOpened = true;
    options.onWindowStart?.();
  };
  const closeWindow = () => {
    openWindow();
    if (windowClosed) return;
    windowClosed = true;
    options.onWindowEnd?.();
  };
  const windowStartTimer = setTimeout(openWindow, options.warmupMs);
  const windowEndTimer = setTimeout(closeWindow, options.warmupMs + options.measureMs);

  const worker = async (_: unknown, workerNumber: number): Promise<void> => {
    for (let operationStart = performance.now(); operationStart < windowEnd; operationStart = performance.now()) {
      if (operationStart >= windowStart) openWindow();
      try {
        await options.operation(workerNumber);
        succeededOverall++;
      } catch (error) {
        failures.record(error);
        continue;
      }
      const operationEnd = performance.now();
      if (operationStart >= windowStart && operationEnd <= windowEnd) latency.record(operationEnd - operationStart);
    }
    closeWindow();
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    clearTimeout(windowStartTimer);
    clearTimeout(windowEndTimer);
  }
  const measuredSeconds = options.measureMs / 1000;
  return {
    measuredSeconds,
    perSecond: latency.count / measuredSeconds,
    latency: latency.summary(),
    succeededOverall,
    failures,
  };
}

export interface OpenLoopOptions {
  readonly ratePerSecond: number;
  readonly durationMs: number;
  /** Started on schedule whether or not earlier ones have finished; throws when it failed. */
  readonly operation: () => Promise<void>;
}

export interface OpenLoopResult {
  readonly started: number;
  readonly failures: FailureLog;
  /** How late the generator itself was against the schedule: if this is large, the client, not the system, lagged. */
  readonly worstScheduleLagMs: number;
}

/**
 * Starts operation number i at start + i / rate, by the clock rather than back to back, so a slow
 * answer never holds back the next request (no coordinated omission). Waits for all to settle.
 */
export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const total = Math.max(1, Math.round((options.ratePerSecond * options.durationMs) / 1000));
  const intervalMs = 1000 / options.ratePerSecond;
  const failures = new FailureLog();
  const inFlight: Promise<void>[] = [];
  let worstScheduleLagMs = 0;
  let started = 0;
  const startedAt = performance.now();

  await new Promise<void>((allStarted) => {
    const startDueOperations = (): void => {
      const now = performance.now();
      const due = Math.min(total, Math.floor((now - startedAt) / intervalMs) + 1);
      for (; started < due; started++) {
        worstScheduleLagMs = Math.max(worstScheduleLagMs, now - (startedAt + started * intervalMs));
        inFlight.push(options.operation().catch((error: unknown) => failures.record(error)));
      }
      if (started < total) setTimeout(startDueOperations, Math.max(0, startedAt + started * intervalMs - performance.now()));
      else allStarted();
    };
    startDueOperations();
  });
  await Promise.all(inFlight);
  return { started, failures, worstScheduleLagMs };
}
