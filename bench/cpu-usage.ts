import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/**
 * Who used the machine's cores during a measured window, from /proc: the service, the load
 * generator, PostgreSQL and Kafka share the same few cores, so throughput is read against this.
 */

function clockTicksPerSecond(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

const TICKS_PER_SECOND = clockTicksPerSecond();

export interface CpuSnapshot {
  readonly takenAtMs: number;
  readonly machineBusySeconds: number;
  readonly secondsByPid: ReadonlyMap<number, number>;
}

/** user + system time of one process, or undefined when it is gone. */
function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses; the fields after the last ')' start at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

function machineBusySeconds(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  // Fields: user nice system idle iowait irq softirq steal; idle and iowait are not work.
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

export function takeCpuSnapshot(): CpuSnapshot {
  const secondsByPid = new Map<number, number>();
  for (const pid of allPids()) {
    const seconds = processCpuSeconds(pid);
    if (seconds !== undefined) secondsByPid.set(pid, seconds);
  }
  return { takenAtMs: performance.now(), machineBusySeconds: machineBusySeconds(), secondsByPid };
}

/** Processes whose command line contains `fragment`, e.g. the Kafka broker's main class. */
export function pidsWithCommandLine(fragment: string): number[] {
  return allPids().filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(fragment);
    } catch {
      return false;
    }
  });
}

export interface CpuBreakdown {
  readonly wallSeconds: number;
  /** Cores kept busy on average over the window, by group; `everything else` is the machine's other work. */
  readonly coresBusy: Readonly<Record<string, number>>;
  readonly machineCoresBusy: number;
}

export function cpuBreakdown(start: CpuSnapshot, end: CpuSnapshot, groups: Readonly<Record<string, readonly number[]>>): CpuBreakdown {
  const wallSeconds = (end.takenAtMs - start.takenAtMs) / 1000;
  // A process born inside the window started from zero.
  const used = (pid: number): number => (end.secondsByPid.get(pid) ?? 0) - (start.secondsByPid.get(pid) ?? 0);
  const coresBusy: Record<string, number> = {};
  let accounted = 0;
  for (const [group, pids] of Object.entries(groups)) {
    const seconds = [...new Set(pids)].reduce((sum, pid) => sum + used(pid), 0);
    coresBusy[group] = seconds / wallSeconds;
    accounted += seconds;
  }
  const machineSeconds = end.machineBusySeconds - start.machineBusySeconds;
  coresBusy['everything else'] = Math.max(0, machineSeconds - accounted) / wallSeconds;
  return { wallSeconds, coresBusy, machineCoresBusy: machineSeconds / wallSeconds };
}

/** Snapshots at the edges of a measured window, for runClosedLoop's window hooks. */
export class CpuWindow {
  private start: CpuSnapshot | undefined;
  private end: CpuSnapshot | undefined;

  readonly open = (): void => {
    this.start = takeCpuSnapshot();
  };

  readonly close = (): void => {
    this.end = takeCpuSnapshot();
  };

  breakdown(groups: Readonly<Record<string, readonly number[]>>): CpuBreakdown | undefined {
    return this.start && this.end ? cpuBreakdown(this.start, this.end, groups) : undefined;
  }
}
