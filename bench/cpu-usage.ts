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

/** What /proc says of one process at a snapshot. */
interface ProcessCpu {
  readonly parent: number;
  /** Its own user + system time. */
  readonly seconds: number;
  /** The user + system time of its children that have exited and been waited for (the kernel adds it to the parent). */
  readonly reapedSeconds: number;
}

export interface CpuSnapshot {
  readonly takenAtMs: number;
  readonly machineBusySeconds: number;
  readonly byPid: ReadonlyMap<number, ProcessCpu>;
}

/**
 * A process and every process under it, counted whether they run at both edges of the window, start or exit inside
 * it: PostgreSQL forks a backend per connection and an autovacuum worker per table it cleans, and both come and go.
 */
export interface ProcessTree {
  readonly root: number;
}

/** One process's CPU times, or undefined when it is gone. */
function processCpu(pid: number): ProcessCpu | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses; the fields after the last ')' start at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      parent: Number(fields[1]),
      seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
      reapedSeconds: (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND,
    };
  } catch {
    return undefined;
  }
}

/** The process that started `pid`, or undefined when it is gone. */
export function parentOf(pid: number): number | undefined {
  return processCpu(pid)?.parent;
}

/** The CPU a tree has used up to a snapshot: each process's own time and that of its exited children. */
function treeSeconds(snapshot: CpuSnapshot, root: number): number {
  const childrenOf = new Map<number, number[]>();
  for (const [pid, { parent }] of snapshot.byPid) {
    const siblings = childrenOf.get(parent);
    if (siblings) siblings.push(pid);
    else childrenOf.set(parent, [pid]);
  }
  let seconds = 0;
  for (const pending = [root]; pending.length > 0;) {
    const pid = pending.pop()!;
    const cpu = snapshot.byPid.get(pid);
    if (cpu) seconds += cpu.seconds + cpu.reapedSeconds;
    pending.push(...(childrenOf.get(pid) ?? []));
  }
  return seconds;
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
  const byPid = new Map<number, ProcessCpu>();
  for (const pid of allPids()) {
    const cpu = processCpu(pid);
    if (cpu) byPid.set(pid, cpu);
  }
  return { takenAtMs: performance.now(), machineBusySeconds: machineBusySeconds(), byPid };
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

/** A group of processes: these (each running for the whole window, or born inside it), or a tree. */
export type ProcessGroup = readonly number[] | ProcessTree;

export function cpuBreakdown(start: CpuSnapshot, end: CpuSnapshot, groups: Readonly<Record<string, ProcessGroup>>): CpuBreakdown {
  const wallSeconds = (end.takenAtMs - start.takenAtMs) / 1000;
  // A process born inside the window started from zero; what one that exited inside it did there is not known.
  const used = (pid: number): number => {
    const atEnd = end.byPid.get(pid);
    return atEnd ? atEnd.seconds - (start.byPid.get(pid)?.seconds ?? 0) : 0;
  };
  const coresBusy: Record<string, number> = {};
  let accounted = 0;
  for (const [group, processes] of Object.entries(groups)) {
    const seconds =
      'root' in processes
        ? treeSeconds(end, processes.root) - treeSeconds(start, processes.root)
        : [...new Set(processes)].reduce((sum, pid) => sum + used(pid), 0);
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

  breakdown(groups: Readonly<Record<string, ProcessGroup>>): CpuBreakdown | undefined {
    return this.start && this.end ? cpuBreakdown(this.start, this.end, groups) : undefined;
  }
}
