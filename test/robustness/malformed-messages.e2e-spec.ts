import { create, toBinary } from '@bufbuild/protobuf';
import { randomUUID } from 'node:crypto';
import { AssignerProtocol, Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { allEventParkedNotices, allEvents, allReferenceEvents, deadLetterTopic, type EventDefinition } from '@ugov/contracts';
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
      // Only an event whose body names its case can be about another one.
      ...(definition.schema.fields.some((field) => field.name === 'case_id')
        ? [{ what: 'a value about another case', key: caseId, value: Buffer.from(aboutAnotherCase), headers: headers() }]
        : []),
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

  /** Sends the messages to PARTITION of the topic, in order; resolves with the offset of each. */
  async function sendInOrder(topic: string, messages: readonly Pick<Malformed, 'key' | 'value' | 'headers'>[]): Promise<string[]> {
    const [metadata] = await producer.send({
      topic: `${stack.topicPrefix}${topic}`,
      acks: -1,
      messages: messages.map((message) => ({ partition: PARTITION, key: message.key, value: message.value, headers: message.headers })),
    });
    const base = BigInt(metadata.baseOffset ?? metadata.offset ?? '0');
    return messages.map((_, index) => String(base + BigInt(index)));
  }

  /** Every group has committed its offset past `offset`: it read everything up to there and the partition moved on. */
  async function expectReadPast(groups: readonly string[], topic: string, offset: string): Promise<void> {
    await waitFor(`${groups.join(', ')} to read ${topic}/${PARTITION} past ${offset}`, async () => {
      for (const groupId of groups) {
        const [committed] = await admin.fetchOffsets({ groupId, topics: [`${stack.topicPrefix}${topic}`] });
        const next = committed?.partitions.find((partition) => partition.partition === PARTITION)?.offset ?? '-1';
        if (BigInt(next) <= BigInt(offset)) return false;
      }
      return true;
    });
  }

  const registry = new Map(
    [...allEvents, ...allReferenceEvents, ...allEventParkedNotices].map((definition) => [definition.topic, definition]),
  );
  const deadLetterSuffix = deadLetterTopic('');
  let groupsOf: Map<string, string[]>;

  /** Which groups read each topic, as the broker knows it from the running services. */
  async function consumers(): Promise<Map<string, string[]>> {
    if (groupsOf) return groupsOf;
    groupsOf = new Map();
    for (const [groupId, topics] of await consumedTopics())
      for (const topic of topics) groupsOf.set(topic, [...(groupsOf.get(topic) ?? []), groupId]);
    process.stdout.write(`consumed topics: ${JSON.stringify(Object.fromEntries(groupsOf))}\n`);
    return groupsOf;
  }

  it('are event topics of the registry or their dead-letter topics, and nothing else', async () => {
    const topics = [...(await consumers()).keys()];
    expect(topics.length).toBeGreaterThan(0);
    const original = (topic: string) => (topic.endsWith(deadLetterSuffix) ? topic.slice(0, -deadLetterSuffix.length) : topic);
    expect(topics.filter((topic) => !registry.has(original(topic)))).toEqual([]);
  });

  it('on an event topic go to <topic>.dlq at once, with the dlq_* headers, and the valid event behind them is handled', async () => {
    const eventTopics = [...(await consumers())].filter(([topic]) => registry.has(topic));
    expect(eventTopics.length).toBeGreaterThan(0);
    const reader = await new TopicReader(
      eventTopics.map(([topic]) => deadLetterTopic(topic)),
      stack.topicPrefix,
    ).start();
    try {
      const sent: {
        topic: string;
        groups: string[];
        malformed: (Malformed & { offset: string })[];
        validId: string;
        validOffset: string;
      }[] = [];
      for (const [topic, groups] of eventTopics) {
        const definition = registry.get(topic)!;
        const malformed = malformedFor(definition);
        const valid = validEvent(definition);
        const offsets = await sendInOrder(topic, [
          ...malformed,
          { key: valid.key, value: Buffer.from(valid.value), headers: { ...valid.headers } },
        ]);
        sent.push({
          topic,
          groups,
          malformed: malformed.map((message, index) => ({ ...message, offset: offsets[index] })),
          validId: valid.envelope.id,
          validOffset: offsets[offsets.length - 1],
        });
      }

      for (const { topic, groups, malformed, validId, validOffset } of sent) {
        // The valid event behind the malformed ones was handled by every group: the partition moved on.
        await expectReadPast(groups, topic, validOffset);
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

  it('on a dead-letter topic, however garbled, are read past by its readers, and a proper dead letter behind them too', async () => {
    const deadLetterTopics = [...(await consumers())].filter(([topic]) => topic.endsWith(deadLetterSuffix));
    process.stdout.write(
      `dead-letter topics read: ${deadLetterTopics.map(([topic, groups]) => `${topic} by ${groups.join(', ')}`).join('; ')}\n`,
    );
    for (const [topic, groups] of deadLetterTopics) {
      const definition = registry.get(topic.slice(0, -deadLetterSuffix.length))!;
      const caseId = randomUUID();
      const original = encodeEvent(definition, caseId, sampleBody(definition.schema, caseId));
      const value = Buffer.from(original.value);
      const dlqHeaders = {
        dlq_error: 'a handler kept failing',
        dlq_error_type: 'Error',
        dlq_original_topic: definition.topic,
        dlq_original_partition: '0',
        dlq_original_offset: '0',
        dlq_attempts: '5',
        dlq_consumer_group: 'ugov-test',
      };
      const offsets = await sendInOrder(topic, [
        { key: null, value: Buffer.from([0xff, 0x00]), headers: {} },
        { key: null, value: null, headers: { ...original.headers } },
        {
          key: 'a\u0000b',
          value,
          headers: { ce_id: 'a\u0000', dlq_error: '\u0000', dlq_consumer_group: '\u0000', dlq_original_topic: 'a\u0000' },
        },
        {
          key: caseId,
          value,
          headers: {
            ...original.headers,
            ...dlqHeaders,
            dlq_original_partition: 'abc',
            dlq_original_offset: '99999999999999999999999',
            dlq_attempts: '-1',
            dlq_original_topic: 'x'.repeat(300),
          },
        },
        { key: caseId, value, headers: { ...original.headers, ...dlqHeaders, ce_id: 'x'.repeat(3000) } },
        { key: caseId, value, headers: { ...original.headers, ...dlqHeaders } },
      ]);
      await expectReadPast(groups, topic, offsets[offsets.length - 1]);
    }
  }, 240000);
});
