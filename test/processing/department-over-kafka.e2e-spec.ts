import { create, fromBinary, toBinary, type MessageInitShape } from '@bufbuild/protobuf';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { DepartmentCommandSchema, DepartmentStreamMessageSchema, Events, type DepartmentStreamMessage } from '@ugov/contracts';
import { decodeEvent } from '@ugov/messaging';
import { ensureTopics, ServiceStack, testBrokers, TopicReader, waitFor } from '@ugov/testing';
import { call, complaint, KEYS, submitComplaint } from '../u-loop/http';

/**
 * A department whose own system works only over Kafka: its new work arrives on its own stream, it answers with
 * commands on its command topic, and each command's result (or refusal, as REST would answer it) comes back on the
 * stream. Real services, broker and database.
 */
const STREAM = 'processing.department.city-transport.v1';
const COMMANDS = 'processing.department.city-transport.commands.v1';

describe('a department integrated over Kafka', () => {
  const stack = new ServiceStack({
    environment: (service) => (service === 'processing' ? { PROCESSING_KAFKA_DEPARTMENTS: 'city-transport,city-health' } : {}),
  });
  let reader: TopicReader;
  let producer: Producer;

  beforeAll(async () => {
    await stack.start();
    reader = await new TopicReader([STREAM, Events.caseReplied.topic, `${COMMANDS}.dlq`], stack.topicPrefix).start();
    await ensureTopics([`${stack.topicPrefix}${COMMANDS}`]);
    producer = new Kafka({ clientId: 'city-transport-system', brokers: testBrokers(), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await reader?.stop();
    await stack.stop();
  });

  const stream = (): DepartmentStreamMessage[] =>
    reader.on(STREAM).map((message) => fromBinary(DepartmentStreamMessageSchema, message.value!));

  async function send(command: MessageInitShape<typeof DepartmentCommandSchema>): Promise<void> {
    const value = toBinary(DepartmentCommandSchema, create(DepartmentCommandSchema, command));
    await producer.send({
      topic: `${stack.topicPrefix}${COMMANDS}`,
      acks: -1,
      messages: [{ key: command.assignmentId ?? null, value: Buffer.from(value) }],
    });
  }

  const resultOf = (commandId: string) =>
    waitFor(`the result of command ${commandId} on the stream`, async () =>
      stream().find((message) => message.result?.commandId === commandId),
    );

  it('takes a case from assignment to reply over Kafka only', async () => {
    const submitted = await submitComplaint(stack, '出租车拒载', { categoryCode: 'transport.taxi' });
    const caseId: string = submitted.body.id;
    const newWork = await waitFor('the new assignment on the stream', async () =>
      stream().find((message) => message.assignment?.caseId === caseId && message.change === Events.caseAssigned.type),
    );
    const assignmentId = newWork.assignment!.assignmentId;
    expect(newWork.assignment).toMatchObject({ status: 'assigned', description: '出租车拒载', handlingRole: 'lead' });

    await send({ commandId: 'early-reply', assignmentId, command: { case: 'reply', value: { text: '已处理', outcome: 'resolved' } } });
    expect((await resultOf('early-reply')).result).toMatchObject({ accepted: false, status: 409, code: 'assignment-not-signed' });

    await send({ commandId: 'sign-1', assignmentId, command: { case: 'sign', value: {} } });
    const signed = await resultOf('sign-1');
    expect(signed).toMatchObject({
      change: Events.assignmentSigned.type,
      assignment: { status: 'signed' },
      result: { accepted: true, status: 200 },
    });

    // Sent again (a retry of the department's producer): executed once, answered once.
    await send({ commandId: 'sign-1', assignmentId, command: { case: 'sign', value: {} } });
    await send({ commandId: 'bad-reply', assignmentId, command: { case: 'reply', value: { text: '  ', outcome: 'fixed' } } });
    const bad = await resultOf('bad-reply');
    expect(bad.result).toMatchObject({ accepted: false, status: 400, code: 'invalid-request' });
    expect(bad.result!.errors.map((error) => error.field).sort()).toEqual(['outcome', 'text']);
    expect(stream().filter((message) => message.result?.commandId === 'sign-1')).toHaveLength(1);

    await send({ commandId: 'start-1', assignmentId, command: { case: 'start', value: {} } });
    expect((await resultOf('start-1')).assignment?.status).toBe('in-progress');
    await send({
      commandId: 'reply-1',
      assignmentId,
      command: { case: 'reply', value: { text: '已约谈驾驶员并处罚。', outcome: 'resolved' } },
    });
    expect(await resultOf('reply-1')).toMatchObject({
      change: Events.caseReplied.type,
      assignment: { status: 'replied' },
      result: { accepted: true },
    });

    const replied = await waitFor(
      'the case-replied event',
      async () => reader.on(Events.caseReplied.topic, caseId).map((message) => decodeEvent(Events.caseReplied, message).body)[0],
    );
    expect(replied).toMatchObject({
      assignmentId,
      replyText: '已约谈驾驶员并处罚。',
      actor: { roles: ['department-system'], subject: 'city-transport-system', departmentCode: 'city-transport' },
    });
    const shown = await call(stack, 'processing', 'GET', `/v1/assignments/${assignmentId}`, KEYS.department('city-transport'));
    expect(shown.body).toMatchObject({ status: 'replied', outcome: 'resolved' });
  });

  it("never acts on another department's assignment, and never shows it on the stream", async () => {
    const submitted = await call(
      stack,
      'intake',
      'POST',
      '/v1/cases',
      KEYS.portal,
      complaint('小区门口的路灯坏了一个月，晚上很不安全', { location: { regionCode: '430104' } }),
    );
    const housingAssignment = await waitFor('the city-housing assignment', async () => {
      const list = await call(stack, 'processing', 'GET', '/v1/departments/city-housing/assignments', KEYS.department('city-housing'));
      return list.body.find?.((assignment: { caseId: string }) => assignment.caseId === submitted.body.id);
    });
    await send({ commandId: 'intrude-1', assignmentId: housingAssignment.id, command: { case: 'sign', value: {} } });
    const refused = await resultOf('intrude-1');
    expect(refused).toMatchObject({ change: '', result: { accepted: false, status: 404, code: 'assignment-not-found' } });
    expect(refused.assignment).toBeUndefined();
    expect(stream().some((message) => message.assignment?.caseId === submitted.body.id)).toBe(false);
    const still = await call(stack, 'processing', 'GET', `/v1/assignments/${housingAssignment.id}`, KEYS.department('city-housing'));
    expect(still.body.status).toBe('assigned');
  });

  it('answers a command without an id or an assignment id as REST would, and dead-letters what is no command at all', async () => {
    await send({ commandId: 'no-assignment', assignmentId: 'not-a-uuid', command: { case: 'start', value: {} } });
    expect((await resultOf('no-assignment')).result).toMatchObject({
      status: 400,
      errors: [{ field: 'assignmentId', reason: 'assignmentId must be a UUID' }],
    });
    await send({ commandId: '', assignmentId: '00000000-0000-4000-8000-000000000000', command: { case: 'start', value: {} } });
    expect((await resultOf('')).result).toMatchObject({ accepted: false, status: 400, errors: [{ field: 'commandId' }] });
    await producer.send({ topic: `${stack.topicPrefix}${COMMANDS}`, messages: [{ key: 'x', value: Buffer.from([0xff, 0xff, 0xff]) }] });
    await waitFor('the dead letter', async () => reader.on(`${COMMANDS}.dlq`).length > 0 || undefined);
  });
});
