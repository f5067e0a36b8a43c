import { deadLetterTopic } from '@ugov/contracts';
import { encodeEvent, type OutgoingMessage } from '@ugov/messaging';
import { caseSubmittedBody, recordEffect, waitFor, type TopicReader } from '@ugov/testing';
import { BackboneScenario } from './backbone-scenario';

const retry = { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 50 };
// Field 1 with wire type 7, which does not exist: no protobuf decoder accepts it.
const NOT_PROTOBUF = Buffer.from([0x0f, 0x01]);

describe('a poison message', () => {
  let scenario: BackboneScenario;
  let dlqTopic: string;
  let groupId: string;
  /** Handler calls per event id. */
  let attempts: Map<string, number>;

  beforeEach(async () => {
    scenario = await BackboneScenario.open('dead-letters');
    dlqTopic = deadLetterTopic(scenario.event.topic);
    groupId = scenario.newGroupId('consumer');
    attempts = new Map();
  });
  afterEach(() => scenario.close());

  /** Events of one case (one key, so one partition), published in this order in one batch. */
  function eventsOfOneCase(caseId: string, count: number): ReturnType<typeof encodeEvent>[] {
    return Array.from({ length: count }, (_, sequence) => encodeEvent(scenario.event, caseId, caseSubmittedBody(caseId, sequence)));
  }

  async function publishInOrder(messages: readonly OutgoingMessage[]): Promise<TopicReader> {
    const bus = scenario.newBus();
    await bus.ensureTopics([scenario.event.topic]);
    await bus.publish(messages);
    return scenario.readTopics([scenario.event.topic, dlqTopic]);
  }

  function startConsumerFailingOn(poisonEventId: string): void {
    scenario.startConsumer(
      groupId,
      async (event, transaction) => {
        attempts.set(event.envelope.id, (attempts.get(event.envelope.id) ?? 0) + 1);
        if (event.envelope.id === poisonEventId) throw new Error('cannot handle this case');
        await recordEffect(transaction, scenario.schema, groupId, event);
      },
      retry,
    );
  }

  /** The dead letter of the event, and the original message as the topic holds it. */
  async function deadLetterAndOriginal(reader: TopicReader, eventId: string) {
    return waitFor(`the dead letter of ${eventId}`, () => {
      const deadLetter = reader.on(dlqTopic).find((message) => message.headers.ce_id === eventId);
      const original = reader.on(scenario.event.topic).find((message) => message.headers.ce_id === eventId);
      return deadLetter && original && { deadLetter, original };
    });
  }

  async function expectLaterEventsOnItsPartitionHandled(
    reader: TopicReader,
    poisonEventId: string,
    handledEventIds: string[],
  ): Promise<void> {
    await scenario.expectEachEventHandledOnce(groupId, handledEventIds);
    const onTopic = await waitFor(
      'every event on the topic',
      () => reader.on(scenario.event.topic).length === handledEventIds.length + 1 && reader.on(scenario.event.topic),
    );
    const poison = onTopic.find((message) => message.headers.ce_id === poisonEventId)!;
    const behindPoison = onTopic.filter(
      (message) => message.partition === poison.partition && BigInt(message.offset) > BigInt(poison.offset),
    );
    expect(behindPoison.length).toBeGreaterThan(0);
    expect(behindPoison.map((message) => message.headers.ce_id).every((eventId) => handledEventIds.includes(eventId))).toBe(true);
    expect(
      await scenario.dataSource.query(`SELECT outcome FROM "${scenario.schema}".inbox WHERE consumer_group = $1 AND event_id = $2`, [
        groupId,
        poisonEventId,
      ]),
    ).toEqual([{ outcome: 'dead-lettered' }]);
    expect(await scenario.messagesOnTopic(dlqTopic)).toBe(1);
  }

  it('that its handler keeps failing on goes to <topic>.dlq after the configured attempts, and the events behind it are handled', async () => {
    const [first, poison, second, third] = eventsOfOneCase('case-poison-1', 4);
    const reader = await publishInOrder([first, poison, second, third]);
    startConsumerFailingOn(poison.envelope.id);

    await scenario.waitUntilConsumed(groupId, 4);
    const { deadLetter, original } = await deadLetterAndOriginal(reader, poison.envelope.id);

    expect(attempts.get(poison.envelope.id)).toBe(retry.maxAttempts);
    expect(deadLetter.key).toBe('case-poison-1');
    expect(deadLetter.value).toEqual(Buffer.from(poison.value));
    expect(deadLetter.headers).toEqual({
      ...poison.headers,
      dlq_error: 'cannot handle this case',
      dlq_error_type: 'Error',
      dlq_original_topic: scenario.event.topic,
      dlq_original_partition: String(original.partition),
      dlq_original_offset: original.offset,
      dlq_attempts: String(retry.maxAttempts),
      dlq_consumer_group: groupId,
    });
    await expectLaterEventsOnItsPartitionHandled(
      reader,
      poison.envelope.id,
      [first, second, third].map((event) => event.envelope.id),
    );
  });

  it('whose value is not protobuf goes to <topic>.dlq on the first attempt (it cannot get better), and the events behind it are handled', async () => {
    const [first, garbled, second] = eventsOfOneCase('case-garbled-1', 3);
    const reader = await publishInOrder([first, { ...garbled, value: NOT_PROTOBUF }, second]);
    startConsumerFailingOn('no event fails in the handler');

    await scenario.waitUntilConsumed(groupId, 3);
    const { deadLetter, original } = await deadLetterAndOriginal(reader, garbled.envelope.id);

    expect(attempts.has(garbled.envelope.id)).toBe(false);
    expect(deadLetter.key).toBe('case-garbled-1');
    expect(deadLetter.value).toEqual(NOT_PROTOBUF);
    expect(deadLetter.headers).toEqual({
      ...garbled.headers,
      dlq_error: expect.stringMatching(/^value is not a ugov\.intake\.v1\.CaseSubmitted: /),
      dlq_error_type: 'MalformedEventError',
      dlq_original_topic: scenario.event.topic,
      dlq_original_partition: String(original.partition),
      dlq_original_offset: original.offset,
      dlq_attempts: '1',
      dlq_consumer_group: groupId,
    });
    await expectLaterEventsOnItsPartitionHandled(
      reader,
      garbled.envelope.id,
      [first, second].map((event) => event.envelope.id),
    );

    // The same garbled message again, as a redelivery would bring it: it was dead-lettered once, and only once.
    await scenario.newBus().publish([{ ...garbled, value: NOT_PROTOBUF }]);
    await scenario.waitUntilConsumed(groupId, 4);
    expect(await scenario.messagesOnTopic(dlqTopic)).toBe(1);
  });
});
