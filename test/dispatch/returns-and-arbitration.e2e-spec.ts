import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { AssignmentRole, Events, type CaseAssigned } from '@ugov/contracts';
import { decodeEvent } from '@ugov/messaging';
import { ServiceStack, testBrokers, TopicReader, waitFor } from '@ugov/testing';
import { call, KEYS, submitComplaint } from '../u-loop/http';

/**
 * Returns (退单) and arbitration (派单争议审核) through the real services, Kafka and PostgreSQL: departments return a
 * case over processing's REST route, dispatch sends it to the next department without any that returned it, and
 * after more returns than allowed a dispatcher decides, once, and the decision reaches processing.
 */
describe('returns and arbitration', () => {
  const stack = new ServiceStack({ services: ['intake', 'dispatch', 'processing'] });
  const dispatcher = 'dev-dispatcher-key';
  let reader: TopicReader;
  let db: Client;

  beforeAll(async () => {
    await stack.start();
    reader = await new TopicReader(
      [Events.caseAssigned.topic, Events.arbitrationOpened.topic, Events.assignmentReturned.topic],
      stack.topicPrefix,
    ).start();
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await reader?.stop();
    await db?.end();
    await stack.stop();
  });

  const assignedEvents = (caseId: string): CaseAssigned[] =>
    reader.on(Events.caseAssigned.topic, caseId).map((message) => decodeEvent(Events.caseAssigned, message).body);

  /** The case's `count`-th lead assignment on Kafka. */
  const leadNumber = (caseId: string, count: number) =>
    waitFor(
      `lead assignment ${count} of ${caseId}`,
      async () => assignedEvents(caseId).filter(({ role }) => role === AssignmentRole.LEAD)[count - 1],
    );

  /** The department's processing assignment of the case, once it is on the department's list. */
  const onList = (department: string, caseId: string, assignmentId: string) =>
    waitFor(`assignment ${assignmentId} on ${department}'s list`, async () => {
      const list = await call(stack, 'processing', 'GET', `/v1/departments/${department}/assignments`, KEYS.department(department));
      return list.body.find?.(
        (assignment: { id: string; caseId: string }) => assignment.id === assignmentId && assignment.caseId === caseId,
      );
    });

  const returnIt = async (department: string, assignmentId: string, reason: string) => {
    const returned = await call(stack, 'processing', 'POST', `/v1/assignments/${assignmentId}/return`, KEYS.department(department), {
      reason,
    });
    expect(returned).toMatchObject({ status: 200, body: { status: 'returned' } });
  };

  it('re-routes a returned case away from every department that returned it, then sends it to arbitration; a dispatcher decides once', async () => {
    // A street-level case (直派): 暮云街道 leads, copied to the district's housing bureau.
    const submitted = await submitComplaint(stack, '小区物业乱收停车费，业主意见很大', {
      categoryCode: 'urban.property-management',
      location: { regionCode: '430103003' },
    });
    const caseId: string = submitted.body.id;
    const first = await leadNumber(caseId, 1);
    expect(first).toMatchObject({ departmentCode: 'a2-muyun-street' });
    expect(first.reassignment).toBeUndefined();
    await onList('a2-muyun-street', caseId, first.assignmentId);

    // 1st return: the street says it is the district's duty; the district's housing bureau leads now.
    await returnIt('a2-muyun-street', first.assignmentId, '物业收费监管属区住建局职责');
    const second = await leadNumber(caseId, 2);
    expect(second).toMatchObject({
      departmentCode: 'a2-housing',
      role: AssignmentRole.LEAD,
      categoryCode: first.categoryCode,
      trackingNumber: first.trackingNumber,
      description: first.description,
      reassignment: {
        reason: '物业收费监管属区住建局职责',
        returnedAssignmentId: first.assignmentId,
        returnedByDepartmentCode: 'a2-muyun-street',
        returns: 1,
        arbitrated: false,
      },
    });
    // The clock runs from acceptance: the re-routed case keeps its deadline.
    expect(second.deadline).toEqual(first.deadline);
    expect(second.assignmentId).not.toBe(first.assignmentId);
    await onList('a2-housing', caseId, second.assignmentId);

    // A redelivered return (the very same message) changes nothing.
    const [returnedMessage] = reader.on(Events.assignmentReturned.topic, caseId);
    const producer = new Kafka({ clientId: 'ugov-test-returns', brokers: testBrokers(), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({
      topic: `${stack.topicPrefix}${Events.assignmentReturned.topic}`,
      messages: [{ key: returnedMessage.key, value: returnedMessage.value, headers: returnedMessage.headers }],
    });
    await producer.disconnect();

    // 2nd return: the district sends it up; the city's housing bureau, the last level, takes it.
    await returnIt('a2-housing', second.assignmentId, '涉及全市物业收费政策，请市住建局处理');
    const third = await leadNumber(caseId, 3);
    expect(third).toMatchObject({ departmentCode: 'city-housing', reassignment: { returns: 2, returnedByDepartmentCode: 'a2-housing' } });
    await onList('city-housing', caseId, third.assignmentId);

    // 3rd return: more than the 2 allowed, so a dispatcher decides.
    await returnIt('city-housing', third.assignmentId, '属区级事权，不应由市级办理');
    const [opened] = await waitFor('arbitration-opened', async () => {
      const found = reader.on(Events.arbitrationOpened.topic, caseId);
      return found.length > 0 ? found : undefined;
    });
    expect(decodeEvent(Events.arbitrationOpened, opened).body).toMatchObject({
      caseId,
      returns: 3,
      reason: 'returned 3 times, more than the 2 allowed before arbitration',
      trackingNumber: first.trackingNumber,
    });
    expect(assignedEvents(caseId).filter(({ role }) => role === AssignmentRole.LEAD)).toHaveLength(3);
    const { rows } = await db.query('SELECT returns FROM dispatch.decisions WHERE case_id = $1', [caseId]);
    expect(rows).toEqual([{ returns: 3 }]);

    const open = await call(stack, 'dispatch', 'GET', '/v1/arbitrations', dispatcher);
    expect(open.status).toBe(200);
    const disputed = open.body.find((arbitration: { caseId: string }) => arbitration.caseId === caseId);
    expect(disputed).toMatchObject({
      returns: 3,
      decision: null,
      categoryCode: first.categoryCode,
      regionCode: '430103003',
      description: '小区物业乱收停车费，业主意见很大',
    });
    expect([...disputed.returnedBy].sort()).toEqual(['a2-housing', 'a2-muyun-street', 'city-housing']);
    expect((await call(stack, 'dispatch', 'GET', '/v1/arbitrations', KEYS.department('a2-housing'))).status).toBe(403);
    const badStatus = await call(stack, 'dispatch', 'GET', '/v1/arbitrations?status=closed', dispatcher);
    expect(badStatus).toMatchObject({ status: 400, body: { errors: [{ field: 'status' }] } });

    const path = `/v1/arbitrations/${caseId}/decision`;
    const unknown = await call(stack, 'dispatch', 'POST', path, dispatcher, { departmentCode: 'astrology-bureau', reason: '试试' });
    expect(unknown).toMatchObject({ status: 400, body: { errors: [{ field: 'departmentCode' }] } });
    expect(unknown.contentType).toContain('application/problem+json');
    const noReason = await call(stack, 'dispatch', 'POST', path, dispatcher, { departmentCode: 'a2-housing', reason: ' ' });
    expect(noReason).toMatchObject({ status: 400, body: { errors: [{ field: 'reason' }] } });
    const byDepartment = await call(stack, 'dispatch', 'POST', path, KEYS.department('a2-housing'), {
      departmentCode: 'city-housing',
      reason: '自己定',
    });
    expect(byDepartment.status).toBe(403);

    const decided = await call(stack, 'dispatch', 'POST', path, dispatcher, {
      departmentCode: 'a2-housing',
      reason: '小区物业收费属区住建局监管职责，由其主办',
    });
    expect(decided).toMatchObject({
      status: 200,
      body: { caseId, decision: { departmentCode: 'a2-housing', decidedBy: 'city-dispatch-center' } },
    });
    const again = await call(stack, 'dispatch', 'POST', path, dispatcher, { departmentCode: 'city-housing', reason: '改主意' });
    expect(again).toMatchObject({ status: 409, body: { code: 'arbitration-already-decided' } });

    const final = await leadNumber(caseId, 4);
    expect(final).toMatchObject({
      assignmentId: decided.body.decision.assignmentId,
      departmentCode: 'a2-housing',
      deadline: first.deadline,
      reassignment: { arbitrated: true, decidedBy: 'city-dispatch-center', reason: '小区物业收费属区住建局监管职责，由其主办', returns: 3 },
    });
    // The decision reaches processing: the department has the case on its list again.
    await onList('a2-housing', caseId, final.assignmentId);
    const decidedList = await call(stack, 'dispatch', 'GET', '/v1/arbitrations?status=decided', dispatcher);
    expect(decidedList.body.find((arbitration: { caseId: string }) => arbitration.caseId === caseId)).toMatchObject({
      decision: { departmentCode: 'a2-housing', assignmentId: final.assignmentId },
    });
    expect(assignedEvents(caseId).filter(({ role }) => role === AssignmentRole.LEAD)).toHaveLength(4);
  });

  it('answers 404 for a case that is not in arbitration', async () => {
    const response = await call(stack, 'dispatch', 'POST', '/v1/arbitrations/5b0a6f55-2c6e-4b8e-9a55-0d7c8d7c1e11/decision', dispatcher, {
      departmentCode: 'a2-housing',
      reason: '无',
    });
    expect(response).toMatchObject({ status: 404, body: { code: 'arbitration-not-found' } });
  });
});
