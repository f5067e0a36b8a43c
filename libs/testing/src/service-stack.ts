import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serviceNames, type ServiceName } from '@ugov/contracts';
import { KafkaMessageBus } from '@ugov/messaging';
import { freePort, freePorts, NodeProcess, repoRoot } from './child-process';
import { HttpRecorder } from './http-recorder';
import { createServiceRoles, createTestDatabase } from './test-database';
import { deleteTopicsUnder, TEST_TOPIC_PARTITIONS, testBrokers } from './test-topics';
import { waitFor } from './wait-for';

/** The node options every service runs with, wherever it runs (deploy/node-options). */
export function serviceNodeOptions(): string[] {
  return readFileSync(join(repoRoot, 'deploy', 'node-options'), 'utf8')
    .trim()
    .split(/\s+/);
}

/** The environment every service runs with besides its settings, wherever it runs (deploy/service-environment). */
export function serviceEnvironment(): Record<string, string> {
  return Object.fromEntries(
    readFileSync(join(repoRoot, 'deploy', 'service-environment'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

export const SERVICE_NAMES: readonly ServiceName[] = serviceNames;

export interface ServiceStackOptions {
  /** Only these services (a benchmark starts just the ones on the path it measures). Default: all five. */
  readonly services?: readonly ServiceName[];
  readonly logLevel?: string;
  /** Options for node itself in every service process (a benchmark's --cpu-prof). */
  readonly nodeArgs?: readonly string[];
  /** Settings of a service's own, over the stack's (another broker, the database through a proxy …). */
  readonly environment?: (service: ServiceName, stack: ServiceStack) => NodeJS.ProcessEnv;
}

/**
 * ugov services as real processes on free ports, their own database and their own topic prefix, so a
 * test run shares the broker with others without seeing their events.
 */
export class ServiceStack {
  readonly topicPrefix = `e2e-${randomBytes(4).toString('hex')}.`;
  /** Intake's keys for requesters' personal data: made for this stack, never a default of the product. */
  readonly personalDataKeys = {
    INTAKE_PII_KEYS: `test-${randomBytes(3).toString('hex')}:${randomBytes(32).toString('base64')}`,
    INTAKE_PII_HASH_KEY: randomBytes(32).toString('base64'),
  };
  /** The key intake seals requesters' delivery contacts with for publication; only those two services get it. */
  readonly contactKey = { PUBLICATION_CONTACT_KEY: `test-${randomBytes(3).toString('hex')}:${randomBytes(32).toString('base64')}` };
  /** Stands in for publication's SMS gateway and push service, so replies are delivered (tests may set their own). */
  readonly deliveryProviders = new HttpRecorder();
  private readonly processes = new Map<ServiceName, { process: NodeProcess; port: number }>();
  private database: { url: string; drop: () => Promise<void> } | undefined;

  constructor(private readonly options: ServiceStackOptions = {}) {}

  /** A bus on this stack's topics, as its services publish and consume them (the caller closes it). */
  busFor(clientId: string): KafkaMessageBus {
    return new KafkaMessageBus({ brokers: testBrokers(), clientId, topicPrefix: this.topicPrefix, topicPartitions: TEST_TOPIC_PARTITIONS });
  }

  get databaseUrl(): string {
    if (!this.database) throw new Error('the stack is not started');
    return this.database.url;
  }

  get logFiles(): string[] {
    return [...this.processes.values()].map(({ process }) => process.logFile);
  }

  url(service: ServiceName): string {
    return `http://127.0.0.1:${this.entryOf(service).port}`;
  }

  pid(service: ServiceName): number {
    const pid = this.entryOf(service).process.pid;
    if (pid === undefined) throw new Error(`${service} is not running`);
    return pid;
  }

  async start(): Promise<this> {
    const services = this.options.services ?? SERVICE_NAMES;
    this.database = await createTestDatabase('ugov_e2e');
    if (services.includes('publication')) await this.deliveryProviders.start();
    await createServiceRoles(this.database.url);
    const ports = await freePorts(services.length);
    services.forEach((service, index) => this.launch(service, ports[index]));
    await Promise.all(services.map((service) => this.startedHealthy(service)));
    return this;
  }

  /** SIGKILL, as a crash: no shutdown hook runs. */
  async kill(service: ServiceName): Promise<void> {
    await this.entryOf(service).process.kill();
  }

  /** SIGTERM, the graceful path: resolves with the exit code once the process has ended. */
  async terminate(service: ServiceName): Promise<number | null> {
    return this.entryOf(service).process.stop();
  }

  /** Starts a service again on its port (after kill() or terminate(), or stopping it now) and waits until it is healthy. */
  async restart(service: ServiceName): Promise<void> {
    const { process, port } = this.entryOf(service);
    await process.stop();
    this.launch(service, port);
    await this.waitUntilHealthy(service);
  }

  /** Stops the services, then deletes their topics and drops their database, so a run leaves nothing behind. */
  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map(({ process }) => process.stop()));
    await deleteTopicsUnder(this.topicPrefix).catch(() => undefined);
    await this.database?.drop();
    await this.deliveryProviders.stop();
  }

  /** Fails at once, naming the log, if the process dies while starting. */
  private async waitUntilHealthy(service: ServiceName): Promise<void> {
    const outcome = await this.healthOutcome(service);
    if (outcome !== 'healthy') throw new Error(`${service} ${outcome} while starting; see ${this.entryOf(service).process.logFile}`);
  }

  /**
   * Waits for a service just launched; if something else took its port between choosing it and binding it (a
   * connection's local port, another program), launches it again on another port.
   */
  private async startedHealthy(service: ServiceName): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.healthOutcome(service);
      if (outcome === 'healthy') return;
      const { process } = this.entryOf(service);
      const portTaken = outcome === 'found another service on its port' || readFileSync(process.logFile, 'utf8').includes('EADDRINUSE');
      if (!portTaken || attempt === 3) throw new Error(`${service} ${outcome} while starting; see ${process.logFile}`);
      await process.stop();
      this.launch(service, await freePort());
    }
  }

  private async healthOutcome(service: ServiceName): Promise<'healthy' | 'exited' | 'found another service on its port'> {
    const { process } = this.entryOf(service);
    return waitFor(
      `${service} to report healthy`,
      async () => {
        if (!process.running) return 'exited' as const;
        const response = await fetch(`${this.url(service)}/health`);
        const body = (await response.json().catch(() => ({}))) as { service?: string };
        if (body.service !== undefined && body.service !== service) return 'found another service on its port' as const;
        return response.ok ? ('healthy' as const) : undefined;
      },
      90000,
      250,
    );
  }

  private entryOf(service: ServiceName): { process: NodeProcess; port: number } {
    const entry = this.processes.get(service);
    if (!entry) throw new Error(`${service} is not part of this stack`);
    return entry;
  }

  private launch(service: ServiceName, port: number): void {
    this.processes.set(service, { process: this.processOf(service, port).start(), port });
  }

  /**
   * A process of the service as this stack runs it (its environment and node options) on the given port, not yet
   * started: what the stack launches, and a further replica a test starts itself under another name.
   */
  processOf(service: ServiceName, port: number, name = `${this.topicPrefix}${service}`): NodeProcess {
    return new NodeProcess(
      name,
      `apps/${service}/src/main.js`,
      {
        ...serviceEnvironment(),
        DATABASE_URL: this.databaseUrl,
        KAFKA_TOPIC_PREFIX: this.topicPrefix,
        [`${service.toUpperCase()}_PORT`]: String(port),
        LOG_LEVEL: this.options.logLevel ?? 'info',
        // Test and benchmark stacks run on the development credentials (and the issuer of the e2e global setup).
        UGOV_DEV_AUTH: 'true',
        // Tests and benches send thousands of requests a minute to the public routes from one address (the product's
        // default is 300); test/publication/site-census checks the limit itself with a stack of its own.
        PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000',
        ...(service === 'intake' ? this.personalDataKeys : {}),
        ...(service === 'intake' || service === 'publication' ? this.contactKey : {}),
        ...(service === 'publication'
          ? {
              DELIVERY_SMS_GATEWAY_URL: `${this.deliveryProviders.url}/sms`,
              DELIVERY_SMS_GATEWAY_TOKEN: 'test-gateway-token',
              DELIVERY_PUSH_URL: `${this.deliveryProviders.url}/push`,
              DELIVERY_PUSH_TOKEN: 'test-push-token',
              DELIVERY_POLL_MS: '100',
            }
          : {}),
        ...this.options.environment?.(service, this),
      },
      [],
      [...serviceNodeOptions(), ...(this.options.nodeArgs ?? [])],
    );
  }
}
