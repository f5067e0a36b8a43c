import { cpuBreakdown, type CpuSnapshot } from './cpu-usage';

type Process = [pid: number, parent: number, seconds: number, reapedSeconds: number];

function snapshot(takenAtMs: number, machineBusySeconds: number, processes: readonly Process[]): CpuSnapshot {
  return {
    takenAtMs,
    machineBusySeconds,
    byPid: new Map(processes.map(([pid, parent, seconds, reapedSeconds]) => [pid, { parent, seconds, reapedSeconds }])),
  };
}

describe('cpuBreakdown', () => {
  // A server (10) with a backend that runs throughout (11), one that exits inside the window (12, its 3 s reaped into
  // the server), one born inside it (13), and a grandchild (14); 99 is the load generator.
  const start = snapshot(0, 100, [
    [10, 1, 1, 0],
    [11, 10, 2, 0],
    [12, 10, 1, 0],
    [99, 1, 5, 0],
  ]);
  const end = snapshot(10_000, 120, [
    [10, 1, 1.5, 3],
    [11, 10, 4, 0],
    [13, 10, 0.5, 0],
    [14, 13, 1, 0],
    [99, 1, 9, 0],
  ]);

  it('counts a tree with the processes that started or exited inside the window', () => {
    const { coresBusy } = cpuBreakdown(start, end, { server: { root: 10 }, generator: [99] });
    // 0.5 (server) + 2 (11) + 2 more of 12 (3 reaped, 1 of them before the window) + 0.5 (13) + 1 (14) = 6 s in 10 s.
    expect(coresBusy.server).toBeCloseTo(0.6);
    expect(coresBusy.generator).toBeCloseTo(0.4);
    expect(coresBusy['everything else']).toBeCloseTo((20 - 6 - 4) / 10);
  });

  it('does not know what a listed process did in the window before it exited, which is why PostgreSQL is a tree', () => {
    const { coresBusy } = cpuBreakdown(start, end, { backends: [11, 12] });
    expect(coresBusy.backends).toBeCloseTo(2 / 10);
  });
});
