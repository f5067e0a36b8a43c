import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ServiceName } from '@ugov/contracts';
import { ServiceStack, waitFor, type NodeProcess } from '@ugov/testing';
import type { BenchSettings } from './bench-settings';
import type { Teardown } from './teardown';

/** A server starts in a few seconds; one not answering after this fails its benchmark. */
const START_TIMEOUT_MS = 60000;

/** Waits until `url` answers 2xx; fails at once, naming the log, if the process dies first. */
export async function waitUntilAnswering(process: NodeProcess, url: string): Promise<void> {
  const outcome = await waitFor(
    `${process.name} to answer ${url}`,
    async () => {
      if (!process.running) return 'exited' as const;
      const response = await fetch(url);
      return response.ok ? ('answering' as const) : undefined;
    },
    START_TIMEOUT_MS,
    250,
  );
  if (outcome === 'exited') throw new Error(`${process.name} exited while starting; see ${process.logFile}`);
}

/** Peak resident set (VmHWM) of a live process, in bytes. */
export function peakResidentBytes(pid: number): number {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/** Node options that make a process under test write a CPU profile when BENCH_CPU_PROFILE_DIR is set. */
export function cpuProfileArgs(settings: BenchSettings): string[] {
  return settings.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(settings.cpuProfileDir)}`] : [];
}

/**
 * The services on the path a benchmark measures (the others would only take CPU), as the e2e tests run
 * them; their topics go with the benchmark, and their (large) logs too unless the run failed.
 */
export class BenchServices extends ServiceStack {
  private succeeded = false;

  static async start(services: readonly ServiceName[], settings: BenchSettings, teardown: Teardown): Promise<BenchServices> {
    const stack = new BenchServices({ services, logLevel: settings.serviceLogLevel, nodeArgs: cpuProfileArgs(settings) });
    // Undo steps run newest first: the processes stop, their topics and database go, then the logs.
    teardown.add('remove the service logs of a successful run', () => {
      if (stack.succeeded) stack.logFiles.filter((file) => existsSync(file)).forEach((file) => rmSync(file));
    });
    teardown.add('stop the services and drop their database', () => stack.stop());
    await stack.start();
    return stack;
  }

  /** Call when the benchmark finished without a problem: only a failed run's service logs are kept. */
  markSucceeded(): void {
    this.succeeded = true;
  }
}
