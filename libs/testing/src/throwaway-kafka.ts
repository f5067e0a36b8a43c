import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './child-process';

const run = promisify(execFile);

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A client port whose neighbour (the controller port kafka.sh uses) is free too. */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20000 + 2 * Math.floor(Math.random() * 10000);
    if ((await portIsFree(port)) && (await portIsFree(port + 1))) return port;
  }
  throw new Error('no free pair of ports for a throwaway Kafka broker');
}

/**
 * A single-node broker of its own, in a temporary folder, for tests that stop Kafka: the shared broker on
 * 9092 serves other tests and people. Runs scripts/kafka.sh with KAFKA_PORT and KAFKA_DATA_DIR.
 */
export class ThrowawayKafka {
  private constructor(
    readonly port: number,
    private readonly dataDir: string,
  ) {}

  static async start(): Promise<ThrowawayKafka> {
    const kafka = new ThrowawayKafka(await freePortPair(), await mkdtemp(join(tmpdir(), 'ugov-kafka-')));
    await kafka.resume();
    return kafka;
  }

  get brokers(): string[] {
    return [`127.0.0.1:${this.port}`];
  }

  /** Starts the broker again on the same data, as after an outage. */
  async resume(): Promise<void> {
    await this.script('start');
  }

  async stop(): Promise<void> {
    await this.script('stop');
  }

  /** Stops the broker and deletes its data. */
  async destroy(): Promise<void> {
    await this.stop();
    await rm(this.dataDir, { recursive: true, force: true });
  }

  private async script(command: 'start' | 'stop'): Promise<void> {
    // Without KAFKA_BROKERS: if it names a reachable cluster, `kafka.sh start` uses it instead of starting ours.
    const { KAFKA_BROKERS: _shared, ...env } = process.env;
    await run('bash', [join(repoRoot, 'scripts', 'kafka.sh'), command], {
      env: { ...env, KAFKA_PORT: String(this.port), KAFKA_DATA_DIR: this.dataDir },
      timeout: 180000,
    }).catch((error: Error & { stdout?: string; stderr?: string }) => {
      // What the script said (it prints the broker's last log lines when it fails), not just that it failed.
      throw new Error(`${error.message}${error.stdout ?? ''}${error.stderr ?? ''}`);
    });
  }
}
