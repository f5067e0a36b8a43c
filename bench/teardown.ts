interface UndoStep {
  readonly what: string;
  readonly undo: () => Promise<unknown> | unknown;
}

const unfinished = new Set<Teardown>();

/**
 * Undo steps registered as resources are acquired (processes, databases, topics), run newest first
 * whether the benchmark succeeded or not. A failing step is reported and the others still run.
 */
export class Teardown {
  private readonly steps: UndoStep[] = [];

  constructor() {
    unfinished.add(this);
  }

  add(what: string, undo: UndoStep['undo']): void {
    this.steps.push({ what, undo });
  }

  async run(): Promise<void> {
    unfinished.delete(this);
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step.undo();
      } catch (error) {
        console.error(`  cleanup: could not ${step.what}: ${(error as Error).message}`);
      }
    }
  }
}

/** Runs `work` with a teardown that always runs afterwards. */
export async function withTeardown<T>(work: (teardown: Teardown) => Promise<T>): Promise<T> {
  const teardown = new Teardown();
  try {
    return await work(teardown);
  } finally {
    await teardown.run();
  }
}

/** For an interrupted or timed-out run: undoes whatever the benchmarks in progress had set up. */
export async function runUnfinishedTeardowns(): Promise<void> {
  for (const teardown of [...unfinished]) await teardown.run();
}
