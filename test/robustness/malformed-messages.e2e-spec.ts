import { create, toBinary } from '@bufbuild/protobuf';
import { randomUUID } from 'node:crypto';
import { AssignerProtocol, Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { allEvents, deadLetterTopic, type EventDefinition } from '@ugov/contracts';
import { encodeEvent } from '@ugov/messaging';
import { ServiceStack, testBrokers, TopicReader, waitFor } from '@ugov/testing';
import { sampleBody } from './sample-events';

/** Where the malformed messages and the valid one behind them go, on every consumed topic. */
const PARTITION = 0;

interface Malformed {
  readonly what: string;
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: Record<string, string>;
}

/**
 * Malformed messages on every topic any service consumes go to `<topic>.dlq` at once, and the partition moves
 * on. The topics are read from the running consumer groups (the subscriptions their members announce to the
 * broker), so a new consumer cannot escape this test.
 */
describe('malformed messages on every consumed topic', () => {
  const stack = new ServiceStack({ logLevel: 'warn' });
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let db: Client;

  beforeAll(async () => {
    await stack.start();
    kafka = new Kafka({ clientId: 'ugov-test-malformed', brokers: testBrokers(), logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer();
    await producer.connect();
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await admin?.disconnect();
    await db?.end();
    await stack.stop();
  });

  /** Each consumer group of the stack and the topics its members subscribe to, once the groups have settled. */
  async function consumedTopics(): Promise<Map<string, string[]>> {
    let previous = '';
    let stableSince = Date.now();
    return waitFor(
      'the consumer groups to settle',
      async () => {
        const groupIds = (await admin.listGroups()).groups.map((group) => group.groupId).filter((id) => id.startsWith(stack.topicPrefix));
        const { groups } = await admin.describeGroups(groupIds);
        const subscriptions = new Map<string, string[]>();
        for (const group of groups) {
          if (group.state !== 'Stable') return undefined;
          const topics = group.members.flatMap((member) => AssignerProtocol.MemberMetadata.decode(member.memberMetadata)?.topics ?? []);
          subscriptions.set(group.groupId, [...new Set(topics)].map((topic) => topic.slice(stack.topicPrefix.length)).sort());
        }
        const seen = JSON.stringify([...subscriptions].sort());
        if (seen !== previous) [previous, stableSince] = [seen, Date.now()];
        return subscriptions.size > 0 && Date.now() - stableSince >= 5000 ? subscriptions : undefined;
      },
      90000,
      1000,
    );
  }

  function malformedFor(definition: EventDefinition): Malformed[] {
    const caseId = randomUUID();
    const valid = encodeEvent(definition, caseId, sampleBody(definition.schema, caseId));
    const value = Buffer.from(valid.value);
    const headers = (): Record<string, string> => ({ ...valid.headers, ce_id: randomUUID() });
    const without = (name: string) => {
      const { [name]: _, ...rest } = headers();
      return { what: `no ${name} header`, key: caseId, value, headers: rest };
    };
    const otherType = allEvents.find((other) => other.type !== definition.type)!.type;
    const aboutAnotherCase = toBinary(definition.schema, create(definition.schema, sampleBody(definition.schema, randomUUID())));
    return [
      { what: 'a value that is not protobuf', key: caseId, value: Buffer.from([0x0f, 0x01]), headers: headers() },
      { what: 'a JSON value', key: caseId, value: Buffer.from(JSON.stringify({ caseId })), headers: headers() },
      { what: 'an empty value', key: caseId, value: Buffer.alloc(0), headers: headers() },
      { what: 'no value', key: caseId, value: null, headers: headers() },
      { what: 'a value about another case', key: caseId, value: Buffer.from(aboutAnotherCase), headers: headers() },
      ...['ce_specversion', 'ce_id', 'ce_type', 'ce_source', 'ce_subject', 'ce_time', 'content-type'].map(without),
      { what: 'no headers at all', key: caseId, value, headers: {} },
      { what: `the type ${otherType}`, key: caseId, value, headers: { ...headers(), ce_type: otherType } },
      { what: 'an unknown type', key: caseId, value, headers: { ...headers(), ce_type: 'ugov.no-such.event.v1' } },
      { what: 'no key', key: null, value, headers: headers() },
      { what: 'the key of another case', key: randomUUID(), value, headers: headers() },
      { what: 'a NUL in ce_id', key: caseId, value, headers: { ...headers(), ce_id: `${randomUUID()}\u0000` } },
      { what: 'a ce_id too long for an index', key: caseId, value, headers: { ...headers(), ce_id: 'x'.repeat(3000) } },
      { what: 'a NUL in ce_correlationid', key: caseId, value, headers: { ...headers(), ce_correlationid: 'a\u0000b' } },
      { what: 'a ce_time that is not a time', key: caseId, value, headers: { ...headers(), ce_time: 'yesterday' } },
    ];
  }

  /** The valid event behind the malformed ones: handled by every group. */
  function validEvent(definition: EventDefinition) {
    const caseId = randomUUID();
    return encodeEvent(definition, caseId, sampleBody(definition.schema, caseId));
  }

  async function inboxOutcomes(eventId: string): Promise<Map<string, string>> {
    const { rows: schemas } = await db.query(`SELECT table_schema FROM information_schema.tables WHERE table_name = 'inbox'`);
    const outcomes = new Map<string, string>();
    for (const { table_schema: schema } of schemas) {
      const { rows } = await db.query(`SELECT consumer_group, outcome FROM "${schema}".inbox WHERE event_id = $1`, [eventId]);
      for (const row of rows) outcomes.set(row.consumer_group, row.outcome);
    }
    return outcomes;
  }

  it('go to <topic>.dlq at once, with the dlq_* headers, and the valid event behind them is handled', async () => {
    const subscriptions = await consumedTopics();
    const groupsOf = new Map<string, string[]>();
    for (const [groupId, topics] of subscriptions)
      for (const topic of topics) groupsOf.set(topic, [...(groupsOf.get(topic) ?? []), groupId]);
    process.stdout.write(`consumed topics: ${JSON.stringify(Object.fromEntries(groupsOf))}\n`);
    const definitionOf = new Map(allEvents.map((definition) => [definition.topic, definition]));
    const unknown = [...groupsOf.keys()].filter((topic) => !definitionOf.has(topic));
    expect(unknown).toEqual([]);

    const reader = await new TopicReader([...groupsOf.keys()].map(deadLetterTopic), stack.topicPrefix).start();
    try {
      const sent: { topic: string; malformed: (Malformed & { offset: string })[]; validId: string }[] = [];
      for (const topic of groupsOf.keys()) {
        const definition = definitionOf.get(topic)!;
        const malformed = malformedFor(definition);
        const valid = validEvent(definition);
        const [metadata] = await producer.send({
          topic: `${stack.topicPrefix}${topic}`,
          acks: -1,
          messages: [
            ...malformed.map((message) => ({ partition: PARTITION, key: message.key, value: message.value, headers: message.headers })),
            { partition: PARTITION, key: valid.key, value: Buffer.from(valid.value), headers: { ...valid.headers } },
          ],
        });
        const base = BigInt(metadata.baseOffset ?? metadata.offset ?? '0');
        sent.push({
          topic,
          malformed: malformed.map((message, index) => ({ ...message, offset: String(base + BigInt(index)) })),
          validId: valid.envelope.id,
        });
      }

      for (const { topic, malformed, validId } of sent) {
        const groups = groupsOf.get(topic)!;
        // The valid event behind the malformed ones was handled by every group: the partition moved on.
        const outcomes = await waitFor(`the valid event on ${topic} to be handled by ${groups.join(', ')}`, async () => {
          const found = await inboxOutcomes(validId);
          return groups.every((group) => found.has(group)) && found;
        });
        for (const group of groups) expect([topic, group, outcomes.get(group)]).toEqual([topic, group, 'processed']);

        for (const message of malformed) {
          for (const group of groups) {
            const deadLetter = await waitFor(`the dead letter of ${message.what} on ${topic} from ${group}`, () =>
              reader
                .on(deadLetterTopic(topic))
                .find(
                  (candidate) =>
                    candidate.headers.dlq_consumer_group === group &&
                    candidate.headers.dlq_original_offset === message.offset &&
                    candidate.headers.dlq_original_partition === String(PARTITION),
                ),
            );
            expect([message.what, deadLetter.headers]).toEqual([
              message.what,
              expect.objectContaining({
                dlq_original_topic: topic,
                dlq_error_type: 'MalformedEventError',
                // Dead-lettered at the first attempt: a malformed message cannot get better.
                dlq_attempts: '1',
                dlq_error: expect.stringMatching(/\S/),
              }),
            ]);
            expect(deadLetter.key ?? '').toBe(message.key ?? '');
            expect(Buffer.from(deadLetter.value ?? []).equals(message.value ?? Buffer.alloc(0))).toBe(true);
          }
        }
      }
    } finally {
      await reader.stop();
    }
  }, 240000);
});
