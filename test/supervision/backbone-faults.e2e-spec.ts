import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { deadLetterTopic, eventParkedOf, Events } from '@ugov/contracts';
import { encodeEvent, KafkaMessageBus } from '@ugov/messaging';
import { caseSubmittedBody, ServiceStack, testBrokers, waitFor } from '@ugov/testing';
import { call, complaint, KEYS } from '../u-loop/http';

// Field 1 with wire type 7, which does not exist: no protobuf decoder accepts it.
const NOT_PROTOBUF = Buffer.from([0x0f, 0x01]);

/** Supervision sees what went wrong on the backbone: dead letters per topic and group, and parked events. */
describe('supervision of the backbone', () => {
  const stack = new ServiceStack({ services: ['intake', 'supervision'] });
  let bus: KafkaMessageBus;
  let database: DataSource;

  beforeAll(async () => {
    await stack.start();
    bus = stack.busFor('ugov-test-backbone-faults');
    database = await new DataSource({ type: 'postgres', url: stack.databaseUrl }).initialize();
  });

  afterAll(async () => {
    await bus?.close();
    await database?.destroy();
    await stack.stop();
  });

  const supervisor = (path: string, key = KEYS.supervisor) => call(stack, 'supervision', 'GET', path, key);

  it('counts a poisoned message per topic and consumer group, and shows it among the newest dead letters', async () => {
    const caseId = randomUUID();
    const poisoned = { ...encodeEvent(Events.caseSubmitted, caseId, caseSubmittedBody(caseId)), value: NOT_PROTOBUF };
    await bus.publish([poisoned]);
    // Not even headers: a dead letter is counted by where it is, not by what it says.
    await bus.publish([{ topic: deadLetterTopic(Events.caseReplied.topic), key: '', value: NOT_PROTOBUF, headers: {} }]);

    const supervisionGroup = `${stack.topicPrefix}ugov.supervision`;
    const counts = await waitFor('both dead letters counted', async () => {
      const response = await supervisor('/v1/dead-letters/counts');
      return response.status === 200 && response.body.total === 2 && response.body;
    });
    const topic = (name: string) => counts.topics.find((candidate: { topic: string }) => candidate.topic === name);
    expect(topic(Events.caseSubmitted.topic)).toMatchObject({ count: 1, consumerGroups: [{ consumerGroup: supervisionGroup, count: 1 }] });
    expect(topic(Events.caseReplied.topic)).toMatchObject({ count: 1, consumerGroups: [{ consumerGroup: null, count: 1 }] });
    // Every topic of the registry is listed, with 0 where nothing was dead-lettered.
    expect(topic(Events.caseAssigned.topic)).toEqual({
      topic: Events.caseAssigned.topic,
      count: 0,
      lastDeadLetteredAt: null,
      consumerGroups: [],
    });
    expect(topic(eventParkedOf('dispatch').topic)).toMatchObject({ count: 0 });

    const newest = await supervisor(`/v1/dead-letters?topic=${Events.caseSubmitted.topic}&limit=5`);
    expect(newest.status).toBe(200);
    expect(newest.body.deadLetters).toEqual([
      expect.objectContaining({
        originalTopic: Events.caseSubmitted.topic,
        consumerGroup: supervisionGroup,
        eventId: poisoned.envelope.id,
        messageKey: caseId,
        errorType: 'MalformedEventError',
        error: expect.stringMatching(/^value is not a ugov\.intake\.v1\.CaseSubmitted/),
        attempts: 1,
        position: expect.stringMatching(new RegExp(`^${Events.caseSubmitted.topic}\\.dlq/\\d+@0$`)),
      }),
    ]);
    const byGroup = await supervisor(`/v1/dead-letters?consumerGroup=${supervisionGroup}`);
    expect(byGroup.body.deadLetters.map((deadLetter: { eventId: string }) => deadLetter.eventId)).toEqual([poisoned.envelope.id]);

    const metrics = await call(stack, 'supervision', 'GET', '/metrics', undefined);
    expect(metrics.body).toContain(`ugov_dead_letters{topic="${Events.caseSubmitted.topic}",consumer_group="${supervisionGroup}"} 1`);
    expect(metrics.body).toContain(`ugov_dead_letters{topic="${Events.caseReplied.topic}",consumer_group="unknown"} 1`);
  });

  it('shows an event the broker refused for its size, parked by the relay, while the cases behind it flow', async () => {
    // This topic takes records of at most 4 KiB: a case with a long description can never be published there.
    await bus.ensureTopics([Events.caseSubmitted.topic]);
    const admin = new Kafka({ clientId: 'ugov-test-backbone-faults', brokers: testBrokers(), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const topic = { type: ConfigResourceTypes.TOPIC, name: `${stack.topicPrefix}${Events.caseSubmitted.topic}` };
    try {
      await admin.alterConfigs({
        validateOnly: false,
        resources: [{ ...topic, configEntries: [{ name: 'max.message.bytes', value: '4096' }] }],
      });
      // The controller answers first; the broker applies the change when it reads the record, a moment later on a busy machine.
      await waitFor('the broker to apply the 4 KiB limit', async () => {
        const { resources } = await admin.describeConfigs({
          includeSynonyms: false,
          resources: [{ ...topic, configNames: ['max.message.bytes'] }],
        });
        return resources[0].configEntries[0]?.configValue === '4096';
      });
    } finally {
      await admin.disconnect();
    }
    const large = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, complaint(`路灯坏了。${'很长的描述'.repeat(600)}`));
    const small = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, complaint('路灯坏了'));
    expect([large.status, small.status]).toEqual([201, 201]);

    const parked = await waitFor('the parked event', async () => {
      const response = await supervisor('/v1/parked-events?service=intake');
      return response.status === 200 && response.body.total === 1 && response.body;
    });
    const [stored]: { event_id: string; size_bytes: number }[] = await database.query(
      'SELECT event_id, size_bytes FROM intake.outbox_parked WHERE message_key = $1',
      [large.body.id],
    );
    expect(parked.counts).toEqual([{ service: 'intake', topic: Events.caseSubmitted.topic, count: 1 }]);
    expect(parked.parkedEvents).toEqual([
      {
        eventId: stored.event_id,
        service: 'intake',
        topic: Events.caseSubmitted.topic,
        messageKey: large.body.id,
        sizeBytes: stored.size_bytes,
        reason: expect.stringMatching(/larger than the max message size/),
        parkedAt: expect.any(String),
        noticeEventId: expect.any(String),
      },
    ]);
    expect(stored.size_bytes).toBeGreaterThan(4096);
    // The case behind it was published: supervision has it on its timeline.
    await waitFor('the small case on its timeline', async () => (await supervisor(`/v1/cases/${small.body.id}/timeline`)).status === 200);
    expect((await supervisor('/v1/parked-events?service=dispatch')).body.parkedEvents).toEqual([]);
    const metrics = await call(stack, 'supervision', 'GET', '/metrics', undefined);
    expect(metrics.body).toContain(`ugov_parked_events{service="intake",topic="${Events.caseSubmitted.topic}"} 1`);
    const intakeMetrics = await call(stack, 'intake', 'GET', '/metrics', undefined);
    expect(intakeMetrics.body).toContain(`ugov_events_parked_total{topic="${Events.caseSubmitted.topic}"} 1`);
  });

  it('is for supervisors only, and names a bad query in a problem', async () => {
    for (const path of ['/v1/dead-letters/counts', '/v1/dead-letters', '/v1/parked-events']) {
      const integrator = await supervisor(path, KEYS.portal);
      expect(integrator).toMatchObject({ status: 403, contentType: expect.stringContaining('application/problem+json') });
      expect((await supervisor(path, 'not-a-real-key-at-all')).status).toBe(401);
    }
    const bad: [string, string][] = [
      ['/v1/dead-letters?limit=0', 'limit'],
      ['/v1/dead-letters?limit=lots', 'limit'],
      ['/v1/dead-letters?consumerGroup=a%00b', 'consumerGroup'],
      ['/v1/dead-letters?topic=no%20such%20topic', 'topic'],
      ['/v1/dead-letters?sort=oldest', 'sort'],
      ['/v1/parked-events?service=nobody', 'service'],
      ['/v1/parked-events?limit=501', 'limit'],
    ];
    for (const [path, field] of bad) {
      const response = await supervisor(path);
      expect({ path, status: response.status, contentType: response.contentType, code: response.body.code }).toEqual({
        path,
        status: 400,
        contentType: expect.stringContaining('application/problem+json'),
        code: 'invalid-request',
      });
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual([field]);
    }
  });

  it('documents the routes and their problems in OpenAPI', async () => {
    const document = await call(stack, 'supervision', 'GET', '/docs-json', undefined);
    for (const path of ['/v1/dead-letters/counts', '/v1/dead-letters', '/v1/parked-events']) {
      const get = document.body.paths[path]?.get;
      expect(get?.responses['200']).toBeDefined();
      expect(get?.responses['403']?.content).toHaveProperty(['application/problem+json']);
    }
    expect(document.body.paths['/v1/dead-letters'].get.parameters.map((parameter: { name: string }) => parameter.name).sort()).toEqual([
      'consumerGroup',
      'limit',
      'topic',
    ]);
  });
});
