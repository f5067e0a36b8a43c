import { performance } from 'node:perf_hooks';
import type { KafkaMessage } from 'kafkajs';
import { Events } from '@ugov/contracts';
import { BenchServices } from '../bench-services';
import type { BenchSettings } from '../bench-settings';
import { CaseBodies } from '../case-requests';
import type { HttpClientKind } from '../http-clients';
import { intakeClient, submitCase } from '../intake-api';
import { benchKafka } from '../kafka-topics';
import { kafkaBrokerPids, postgresServer } from '../process-groups';
import { measureRoundTrips, type RoundTripResult } from '../round-trips';
import { withTeardown } from '../teardown';
import { TopicArrivals } from '../topic-arrivals';

/** The case id of a ugov event: its CloudEvents subject. */
function subjectOf(message: KafkaMessage): string | undefined {
  const header = message.headers?.ce_subject;
  const value = Array.isArray(header) ? header[0] : header;
  return value?.toString();
}

/**
 * Intake and dispatch as real processes; cases submitted at a steady rate; each timed from sending
 * its POST to its case-assigned event reaching a consumer on the broker; the case-submitted event
 * in between is timed too, to split intake's share from dispatch's. Cases the classifier is not
 * sure of are triaged instead, and consultations the knowledge base answers are closed at once (即办),
 * so the triaged and answered topics are read too: then every case is accounted for.
 */
export function benchmarkAssignmentLatency(
  settings: BenchSettings,
  bodies: readonly Buffer[],
  httpClient: HttpClientKind,
): Promise<RoundTripResult> {
  return withTeardown(async (teardown) => {
    const services = await BenchServices.start(['intake', 'dispatch'], settings, teardown);
    const [submittedTopic, assignedTopic, triagedTopic, answeredTopic] = [
      Events.caseSubmitted,
      Events.caseAssigned,
      Events.caseTriaged,
      Events.caseAnswered,
    ].map((event) => `${services.topicPrefix}${event.topic}`);
    const arrivals = new TopicArrivals(
      benchKafka('ugov-bench-assignments'),
      [submittedTopic, assignedTopic, triagedTopic, answeredTopic],
      subjectOf,
    );
    teardown.add('stop the benchmark consumer', () => arrivals.stop());
    await arrivals.start();
    // Open loop: as many requests may be in flight as the rate and the latency make; sockets are not the limit.
    const intake = intakeClient(httpClient, services.url('intake'), Infinity);
    teardown.add('close the HTTP client', () => intake.close());

    const requestBodies = new CaseBodies(bodies);
    const result = await measureRoundTrips({
      ratePerSecond: settings.ratePerSecond,
      warmupMs: settings.warmupSeconds * 1000,
      measureMs: settings.rateSeconds * 1000,
      send: async () => {
        const sentAtMs = performance.now();
        const id = await submitCase(intake, requestBodies.take());
        return { id, sentAtMs, acknowledgedAtMs: performance.now() };
      },
      arrivals,
      timedTopic: assignedTopic,
      otherEndTopics: [triagedTopic, answeredTopic],
      stages: { 'POST → case-submitted consumed': submittedTopic },
      cpuGroups: async () => ({
        intake: [services.pid('intake')],
        dispatch: [services.pid('dispatch')],
        'load generator (this process)': [process.pid],
        PostgreSQL: await postgresServer(services.databaseUrl),
        Kafka: kafkaBrokerPids(),
      }),
    });
    if (result.sendFailures === 0 && result.missing === 0) services.markSucceeded();
    return result;
  });
}
