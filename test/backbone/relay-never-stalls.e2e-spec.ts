import { Client } from 'pg';
import { OutboxRelay, type ParkedEvent } from '@ugov/messaging';
import { metricsRegistry } from '@ugov/observability';
import { caseSubmittedBody, recordEffect, ServiceStack, ThrowawayKafka, waitFor } from '@ugov/testing';
import { call, complaint, KEYS, submitComplaint } from '../u-loop/http';
import { BackboneScenario, newCases } from './backbone-scenario';

describe('the outbox relay never stalls', () => {
  describe('a backlog of large cases built while Kafka is down', () => {
    let kafka: ThrowawayKafka | undefined;
    let stack: ServiceStack | undefined;
    let db: Client | undefined;

    afterAll(async () => {
      await db?.end();
      await stack?.stop();
      await kafka?.destroy();
    });

    it('is published in requests that fit the broker once Kafka is back, and every case is routed', async () => {
      kafka = await ThrowawayKafka.start();
      const brokers = kafka.brokers.join(',');
      stack = await new ServiceStack({ services: ['intake', 'dispatch'], environment: () => ({ KAFKA_BROKERS: brokers }) }).start();
      db = new Client({ connectionString: stack.databaseUrl });
      await db.connect();
      const countOf = async (sql: string) => (await db!.query(sql)).rows[0].n as number;

      await kafka.stop();
      // The longest description a case may have, in characters of three UTF-8 bytes: some 15 KB an event,
      // about 10 MB in all, far more than the broker takes in one request.
      const description = `小区门口的路灯坏了，晚上出行很不安全。${'长'.repeat(5000)}`.slice(0, 5000);
      const accepted: string[] = [];
      for (let batch = 0; batch < 700; batch += 20) {
        const answers = await Promise.all(
          Array.from({ length: 20 }, () => call(stack!, 'intake', 'POST', '/v1/cases', KEYS.portal, complaint(description))),
        );
        for (const answer of answers) {
          expect(answer.status).toBe(201);
          accepted.push(answer.body.id);
        }
      }
      expect(await countOf('SELECT count(*)::int AS n FROM intake.outbox')).toBe(700);

      await kafka.resume();
      const afterwards = await submitComplaint(stack, '路灯不亮，请尽快维修');
      accepted.push(afterwards.body.id);

      await waitFor(
        'dispatch to decide all 701 cases',
        async () => (await countOf('SELECT count(*)::int AS n FROM dispatch.decisions')) === 701,
        180000,
        1000,
      );
      const decided = await db.query('SELECT case_id FROM dispatch.decisions');
      expect(new Set(decided.rows.map((row) => row.case_id))).toEqual(new Set(accepted));
      expect(await countOf('SELECT count(*)::int AS n FROM intake.outbox')).toBe(0);
      // Every one fitted: nothing was parked.
      expect(await countOf('SELECT count(*)::int AS n FROM intake.outbox_parked')).toBe(0);
    });
  });

  describe('an event the broker refuses even on its own', () => {
    let scenario: BackboneScenario;

    beforeEach(async () => {
      scenario = await BackboneScenario.open('relay-parks');
    });
    afterEach(() => scenario.close());

    it('is parked with the reason, counted and reported, and the events behind it, of its case too, flow', async () => {
      const [small, large, smallAfter] = newCases(3);
      const before = await scenario.appendEvents([small, { ...large, sequence: 0 }]);
      // Larger than the broker's message.max.bytes (1 MiB by default), written as a service would write it.
      const oversized = await scenario.dataSource.transaction(async (transaction) => {
        const body = { ...caseSubmittedBody(large.caseId, 1), description: 'x'.repeat(2 * 1024 * 1024) };
        return (await scenario.writer.append(transaction, scenario.event, large.caseId, body)).id;
      });
      const after = await scenario.appendEvents([{ ...large, sequence: 2 }, smallAfter]);

      const reported: ParkedEvent[] = [];
      const relay = new OutboxRelay(scenario.dataSource, scenario.newBus(), {
        schema: scenario.schema,
        databaseUrl: scenario.databaseUrl,
        onParked: async (_transaction, parked) => void reported.push(...parked),
      });
      const parkedBefore = await parkedCount(scenario.event.topic);
      const groupId = scenario.newGroupId('consumer');
      scenario.startConsumer(groupId, (event, transaction) => recordEffect(transaction, scenario.schema, groupId, event));

      await relay.drain();
      await scenario.waitUntilConsumed(groupId, 4);
      await scenario.expectEachEventHandledOnce(groupId, [...before, ...after]);
      expect(await scenario.outboxSize()).toBe(0);

      const parked = await scenario.dataSource.query(
        `SELECT event_id, message_key, size_bytes, reason FROM "${scenario.schema}".outbox_parked`,
      );
      expect(parked).toEqual([
        {
          event_id: oversized,
          message_key: large.caseId,
          size_bytes: expect.any(Number),
          reason: expect.stringMatching(/larger than the max message size/),
        },
      ]);
      expect(parked[0].size_bytes).toBeGreaterThan(2 * 1024 * 1024);
      expect(reported).toEqual([expect.objectContaining({ eventId: oversized, topic: scenario.event.topic, key: large.caseId })]);
      expect(await parkedCount(scenario.event.topic)).toBe(parkedBefore + 1);
    });
  });
});

/** ugov_events_parked_total of a topic, as /metrics shows it. */
async function parkedCount(topic: string): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric('ugov_events_parked_total')?.get();
  return metric?.values.find((value) => value.labels.topic === topic)?.value ?? 0;
}
