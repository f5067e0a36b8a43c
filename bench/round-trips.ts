import { CpuWindow, type CpuBreakdown, type ProcessGroup } from './cpu-usage';
import { LatencySamples, type LatencySummary } from './latency-samples';
import { runOpenLoop } from './load-patterns';
import type { TopicArrivals } from './topic-arrivals';

/** How long stragglers may take after the last send: a message still missing then is stuck, not slow. */
const DRAIN_TIMEOUT_MS = 20000;

/** One message put on its way: the id it will arrive under, when it left and when its sender was told it was taken (performance.now()). */
export interface Departure {
  readonly id: string;
  readonly sentAtMs: number;
  /** intake's 201, or the broker's acks=-1 answer. */
  readonly acknowledgedAtMs: number;
}

export interface RoundTripOptions {
  readonly ratePerSecond: number;
  readonly warmupMs: number;
  readonly measureMs: number;
  /** Sends one message (or submits one case) and says under which id it will arrive; throws when sending failed. */
  readonly send: () => Promise<Departure>;
  readonly arrivals: TopicArrivals;
  /** Where a message ends its trip; the latency figures are departure → arrival here. */
  readonly timedTopic: string;
  /** Other topics where a trip may end instead (a triaged case instead of an assigned one): counted, not timed. */
  readonly otherEndTopics?: readonly string[];
  /** Topics passed on the way, by name, each timed from departure too, to show where the time goes. */
  readonly stages?: Readonly<Record<string, string>>;
  /** Whose CPU to account for while the measured messages are sent, by group name. */
  readonly cpuGroups: () => Promise<Readonly<Record<string, ProcessGroup>>>;
}

export interface RoundTripResult {
  readonly ratePerSecond: number;
  readonly sent: number;
  readonly sendFailures: number;
  readonly firstSendFailures: readonly string[];
  /** Arrived on the timed topic: the latency figures are over these. */
  readonly arrived: number;
  /** Ended on one of the other end topics instead. */
  readonly endedElsewhere: number;
  readonly missing: number;
  readonly latency: LatencySummary;
  /** p50 of the trips that left in the first, second and last third of the run. */
  readonly p50ByThird: readonly number[];
  /** Departure → the sender's acknowledgment: the synchronous part of the trip. */
  readonly acknowledged: LatencySummary;
  /** Departure → each intermediate topic. */
  readonly stages: Readonly<Record<string, LatencySummary>>;
  /** How late the generator started sends against its schedule; large means the client lagged, not the system. */
  readonly worstScheduleLagMs: number;
  /** Who kept the cores busy while the measured messages were sent and answered. */
  readonly cpu: CpuBreakdown | undefined;
}

async function sendAtRate(options: RoundTripOptions, durationMs: number) {
  const departures: Departure[] = [];
  const load = await runOpenLoop({
    ratePerSecond: options.ratePerSecond,
    durationMs,
    operation: async () => {
      departures.push(await options.send());
    },
  });
  return { departures, load };
}

/** p50 of the trips that left in each third of the run: steady in a system that keeps up, rising in one that falls behind. */
function p50ByThird(topic: string, departures: readonly Departure[], arrivals: TopicArrivals): number[] {
  const third = Math.ceil(departures.length / 3);
  return [0, 1, 2].map((index) => latencyTo(topic, departures.slice(index * third, (index + 1) * third), arrivals).summary().p50Ms);
}

function latencyTo(topic: string, departures: readonly Departure[], arrivals: TopicArrivals): LatencySamples {
  const latency = new LatencySamples();
  for (const { id, sentAtMs } of departures) {
    const arrivedAtMs = arrivals.arrivalAt(topic, id);
    if (arrivedAtMs !== undefined) latency.record(arrivedAtMs - sentAtMs);
  }
  return latency;
}

/**
 * Sends at a steady rate and times each message from its departure to its arrival at the consumer.
 * A warm-up at the same rate comes first, and must arrive completely, so that every consumer
 * on the path (ours and the services') has joined and is fetching before the clock starts.
 */
export async function measureRoundTrips(options: RoundTripOptions): Promise<RoundTripResult> {
  const endTopics = [options.timedTopic, ...(options.otherEndTopics ?? [])];
  const idsOf = (departures: readonly Departure[]) => departures.map((departure) => departure.id);

  const warmup = await sendAtRate(options, options.warmupMs);
  const warmupMissing = await options.arrivals.waitForAll(idsOf(warmup.departures), endTopics, DRAIN_TIMEOUT_MS);
  if (warmup.load.failures.count > 0 || warmupMissing > 0) {
    throw new Error(
      `warm-up did not get through: ${warmup.load.failures.count} sends failed${warmup.load.failures.firstMessages.map((message) => ` (${message})`).join('')}, ` +
        `${warmupMissing} of ${warmup.departures.length} messages did not arrive within ${DRAIN_TIMEOUT_MS} ms`,
    );
  }

  const cpu = new CpuWindow();
  cpu.open();
  const { departures, load } = await sendAtRate(options, options.measureMs);
  cpu.close();
  const missing = await options.arrivals.waitForAll(idsOf(departures), endTopics, DRAIN_TIMEOUT_MS);
  const latency = latencyTo(options.timedTopic, departures, options.arrivals);
  const acknowledged = new LatencySamples();
  for (const departure of departures) acknowledged.record(departure.acknowledgedAtMs - departure.sentAtMs);
  const stages: Record<string, LatencySummary> = {};
  for (const [stage, topic] of Object.entries(options.stages ?? {}))
    stages[stage] = latencyTo(topic, departures, options.arrivals).summary();
  return {
    ratePerSecond: options.ratePerSecond,
    sent: load.started,
    sendFailures: load.failures.count,
    firstSendFailures: load.failures.firstMessages,
    arrived: latency.count,
    endedElsewhere: departures.length - latency.count - missing,
    missing,
    latency: latency.summary(),
    p50ByThird: p50ByThird(options.timedTopic, departures, options.arrivals),
    acknowledged: acknowledged.summary(),
    stages,
    worstScheduleLagMs: load.worstScheduleLagMs,
    cpu: cpu.breakdown(await options.cpuGroups()),
  };
}
