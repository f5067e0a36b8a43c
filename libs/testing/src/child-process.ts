import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { repositoryRoot } from '@ugov/platform';

/** The repository's root, where the tests find dist/, scripts and .run/. */
export const repoRoot = repositoryRoot();

/** A port nobody listens on right now, for a process under test. */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port;
}

/**
 * Ports nobody listens on right now, all different: each is held until every one is found, so the kernel cannot
 * hand the same port out twice before the processes under test bind them.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve, reject) => {
          const server = createServer()
            .once('error', reject)
            .listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** A node program under test, started from the compiled dist/ tree, with its output in .run/test-logs/. */
export class NodeProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> = Promise.resolve(null);

  constructor(
    readonly name: string,
    private readonly script: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly args: readonly string[] = [],
    /** Options for node itself, before the script (for example --cpu-prof). */
    private readonly nodeArgs: readonly string[] = [],
  ) {}

  get logFile(): string {
    return join(repoRoot, '.run', 'test-logs', `${this.name}.log`);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): this {
    mkdirSync(join(repoRoot, '.run', 'test-logs'), { recursive: true });
    // The child writes its log itself: no copying through this process, and the log survives if this one dies.
    const log = openSync(this.logFile, 'a');
    const child = spawn(process.execPath, [...this.nodeArgs, join(repoRoot, 'dist', this.script), ...this.args], {
      cwd: repoRoot,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    this.child = child;
    return this;
  }

  /** SIGKILL: no shutdown hook runs, as when a machine dies. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM and wait: the graceful path. */
  async stop(): Promise<number | null> {
    if (this.running) this.child?.kill('SIGTERM');
    return this.exited;
  }
}
