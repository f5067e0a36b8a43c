import { rmSync } from 'node:fs';
import { freePort, NodeProcess } from '@ugov/testing';
import { waitUntilAnswering } from '../bench-services';
import { createJsonPoster, HTTP_CLIENT_KINDS, postExpecting, type HttpClientKind } from '../http-clients';
import { runClosedLoop } from '../load-patterns';
import { withTeardown } from '../teardown';

export interface HttpClientMeasurement {
  readonly kind: HttpClientKind;
  readonly requestsPerSecond: number;
  /** CPU of the benchmark process per request: the part of the 2 cores the load generator takes from the service. */
  readonly clientCpuMicrosPerRequest: number;
}

export interface HttpClientChoice {
  readonly chosen: HttpClientKind;
  readonly measurements: readonly HttpClientMeasurement[];
}

// Short on purpose: it only has to rank two clients whose costs differ by tens of percent.
const WARMUP_MS = 500;
const MEASURE_MS = 1500;

async function measureClient(kind: HttpClientKind, origin: string, concurrency: number, body: Buffer): Promise<HttpClientMeasurement> {
  const poster = createJsonPoster(kind, { origin, headers: {}, maxSockets: concurrency });
  let windowStart: NodeJS.CpuUsage | undefined;
  let windowCpu: NodeJS.CpuUsage | undefined;
  try {
    const run = await runClosedLoop({
      concurrency,
      warmupMs: WARMUP_MS,
      measureMs: MEASURE_MS,
      operation: () => postExpecting(poster, '/', body, 201).then(() => undefined),
      onWindowStart: () => (windowStart = process.cpuUsage()),
      onWindowEnd: () => (windowCpu = process.cpuUsage(windowStart)),
    });
    if (run.failures.count > 0) throw new Error(`${kind} failed against the echo server: ${run.failures.firstMessages[0]}`);
    const requests = run.perSecond * run.measuredSeconds;
    const cpuMicros = windowCpu ? windowCpu.user + windowCpu.system : NaN;
    return { kind, requestsPerSecond: run.perSecond, clientCpuMicrosPerRequest: cpuMicros / requests };
  } finally {
    poster.close();
  }
}

/** Drives a do-nothing server with each client and picks the one that costs the load generator least CPU per request. */
export function chooseHttpClient(concurrency: number, sampleBody: Buffer): Promise<HttpClientChoice> {
  return withTeardown(async (teardown) => {
    const port = await freePort();
    const server = new NodeProcess('bench-http-echo', 'bench/http-echo-server.js', { BENCH_ECHO_PORT: String(port) }).start();
    teardown.add('remove the echo server log', () => rmSync(server.logFile, { force: true }));
    teardown.add('stop the echo server', () => server.stop());
    const origin = `http://127.0.0.1:${port}`;
    await waitUntilAnswering(server, `${origin}/`);
    const measurements: HttpClientMeasurement[] = [];
    for (const kind of HTTP_CLIENT_KINDS) measurements.push(await measureClient(kind, origin, concurrency, sampleBody));
    const cheapest = measurements.reduce((best, candidate) =>
      candidate.clientCpuMicrosPerRequest < best.clientCpuMicrosPerRequest ? candidate : best,
    );
    return { chosen: cheapest.kind, measurements };
  });
}
