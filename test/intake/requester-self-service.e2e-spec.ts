import { fromBinary } from '@bufbuild/protobuf';
import { Client } from 'pg';
import { DepartmentStreamMessageSchema, Events, type EventDefinition } from '@ugov/contracts';
import { decodeEvent } from '@ugov/messaging';
import { ServiceStack, TopicReader, waitFor } from '@ugov/testing';
import { call, KEYS, submitComplaint } from '../u-loop/http';

/**
 * The requester's self-service, end to end with the real services, broker and database: what the requester does
 * with the tracking credential (补充, 撤回, 好差评, 重办) reaches the department's assignment through processing.
 */
const STREAM = 'processing.department.city-housing.v1';
const REQUESTER_EVENTS = [Events.caseSupplemented, Events.caseWithdrawn, Events.caseEvaluated, Events.redoRequested, Events.redoOrdered];

describe('requester self-service', () => {
  const stack = new ServiceStack({
    environment: (service) => (service === 'processing' ? { PROCESSING_KAFKA_DEPARTMENTS: 'city-housing' } : {}),
  });
  let reader: TopicReader;
  let db: Client;

  beforeAll(async () => {
    await stack.start();
    reader = await new TopicReader([STREAM, ...REQUESTER_EVENTS.map((definition) => definition.topic)], stack.topicPrefix).start();
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await reader?.stop();
    await db?.end();
    await stack.stop();
  });

  const housing = KEYS.department('city-housing');

  interface Request {
    id: string;
    trackingNumber: string;
    credential: string;
  }

  /** A new request, and its assignment on city-housing's list. */
  async function newRequest(description: string): Promise<{ request: Request; assignmentId: string }> {
    const submitted = await submitComplaint(stack, description, {
      categoryCode: 'urban.municipal-facilities',
      location: { regionCode: '430104' },
    });
    const { id, trackingNumber, verificationCode } = submitted.body;
    const assignment = await waitFor(`the assignment of ${id}`, async () => {
      const list = await call(stack, 'processing', 'GET', '/v1/departments/city-housing/assignments', housing);
      return list.body.find?.((candidate: { caseId: string }) => candidate.caseId === id);
    });
    return { request: { id, trackingNumber, credential: `Tracking ${trackingNumber}:${verificationCode}` }, assignmentId: assignment.id };
  }

  const act = (request: Request, action: string, body: unknown, headers: Record<string, string> = {}) =>
    call(stack, 'intake', 'POST', `/v1/requests/${request.trackingNumber}/${action}`, undefined, body, {
      authorization: request.credential,
      ...headers,
    });
  const status = async (request: Request) =>
    (
      await call(stack, 'intake', 'GET', `/v1/requests/${request.trackingNumber}`, undefined, undefined, {
        authorization: request.credential,
      })
    ).body;
  const assignment = async (id: string, key = housing) => call(stack, 'processing', 'GET', `/v1/assignments/${id}`, key);
  const post = (id: string, action: string, body?: unknown) =>
    call(stack, 'processing', 'POST', `/v1/assignments/${id}/${action}`, housing, body);

  async function reply(request: Request, assignmentId: string, text: string, replies: number) {
    expect(await post(assignmentId, 'reply', { text, outcome: 'resolved' })).toMatchObject({ status: 200, body: { status: 'replied' } });
    await waitFor(`reply ${replies} of ${request.trackingNumber} in intake`, async () =>
      (await status(request)).replies.length === replies ? true : undefined,
    );
  }

  const eventsOf = <Def extends EventDefinition>(definition: Def, caseId: string) =>
    waitFor(`${definition.type} of ${caseId}`, async () => {
      const found = reader
        .on(definition.topic)
        .map((message) => ({ raw: Buffer.from(message.value!), body: decodeEvent(definition, message).body }))
        .filter(({ body }) => (body as unknown as { caseId: string }).caseId === caseId);
      return found.length > 0 ? found : undefined;
    });

  const conflictOf = (response: { status: number; contentType: string; body: { code?: string } }) => ({
    status: response.status,
    problem: response.contentType.includes('application/problem+json'),
    code: response.body.code,
  });

  it('a bad rating orders a redo; the reply after it may be re-rated once', async () => {
    const { request, assignmentId } = await newRequest('小区门口的路灯坏了一个月，晚上很不安全');
    expect(conflictOf(await act(request, 'evaluations', { rating: 1 }))).toEqual({ status: 409, problem: true, code: 'case-not-replied' });
    expect((await post(assignmentId, 'sign')).status).toBe(200);
    await reply(request, assignmentId, '路灯已修复。', 1);

    const bad = await act(request, 'evaluations', { rating: 1, comment: '路灯仍然不亮' }, { 'idempotency-key': 'rate-1' });
    expect(bad).toMatchObject({ status: 201, body: { rating: 1, comment: '路灯仍然不亮', reRating: false } });
    const replayed = await act(request, 'evaluations', { rating: 1, comment: '路灯仍然不亮' }, { 'idempotency-key': 'rate-1' });
    expect(replayed).toMatchObject({ status: 201, body: bad.body, headers: { 'idempotent-replayed': 'true' } });
    expect((await act(request, 'evaluations', { rating: 2 }, { 'idempotency-key': 'rate-1' })).status).toBe(422);

    const redone = await waitFor('the redo ordered by the bad rating', async () => {
      const shown = await assignment(assignmentId);
      return shown.body.redoCount === 1 ? shown.body : undefined;
    });
    expect(redone).toMatchObject({ status: 'in-progress', repliedAt: null });
    expect(Date.parse(redone.deadline)).toBeGreaterThan(Date.now());
    const [{ body: ordered }] = await eventsOf(Events.redoOrdered, request.id);
    expect(ordered).toMatchObject({ assignmentId, reason: '差评（1/5）：路灯仍然不亮', redoCount: 1 });
    expect(ordered.actor).toMatchObject({ roles: ['requester'], subject: `tracking:${request.trackingNumber}` });
    const [{ body: evaluated, raw }] = await eventsOf(Events.caseEvaluated, request.id);
    expect(evaluated).toMatchObject({ assignmentId, departmentCode: 'city-housing', rating: 1, reRating: false });
    // The actor is the tracking credential: the requester's name is nowhere in the event.
    expect(raw.includes(Buffer.from('王五'))).toBe(false);

    await reply(request, assignmentId, '已更换灯杆线路，路灯恢复照明。', 2);
    const reRated = await act(request, 'evaluations', { rating: 4 });
    expect(reRated).toMatchObject({ status: 201, body: { rating: 4, reRating: true } });
    expect(conflictOf(await act(request, 'evaluations', { rating: 5 }))).toEqual({
      status: 409,
      problem: true,
      code: 'reply-already-evaluated',
    });
    const shown = await status(request);
    expect(shown.evaluations.map((evaluation: { rating: number; reRating: boolean }) => [evaluation.rating, evaluation.reRating])).toEqual([
      [1, false],
      [4, true],
    ]);
    // A good re-rating orders nothing: the assignment stays replied.
    expect((await assignment(assignmentId)).body).toMatchObject({ status: 'replied', redoCount: 1 });
  });

  it('shows a supplement to the department (REST and its stream), no other; a withdrawal stops the assignment', async () => {
    const { request, assignmentId } = await newRequest('楼道灯不亮，老人上下楼不方便');
    const attachments = [{ url: 'https://media.example.cn/u/lamp.jpg', mediaType: 'image/jpeg', sizeBytes: 48_211 }];
    const supplemented = await act(request, 'supplements', { text: '补充：3栋2单元，五楼到六楼之间。', attachments });
    expect(supplemented).toMatchObject({ status: 201, body: { text: '补充：3栋2单元，五楼到六楼之间。', attachments } });

    const seen = await waitFor('the supplement on the assignment', async () => {
      const shown = await assignment(assignmentId);
      return shown.body.supplements?.length === 1 ? shown.body : undefined;
    });
    expect(seen.supplements[0]).toMatchObject({
      id: supplemented.body.id,
      text: '补充：3栋2单元，五楼到六楼之间。',
      attachmentUrls: [attachments[0].url],
    });
    expect((await assignment(assignmentId, KEYS.department('city-transport'))).status).toBe(404);
    const onStream = await waitFor('the supplement on the department stream', async () =>
      reader
        .on(STREAM)
        .map((message) => fromBinary(DepartmentStreamMessageSchema, message.value!))
        .find((message) => message.assignment?.assignmentId === assignmentId && message.change === Events.caseSupplemented.type),
    );
    expect(onStream.assignment?.supplements.map((supplement) => supplement.text)).toEqual(['补充：3栋2单元，五楼到六楼之间。']);

    expect((await post(assignmentId, 'sign')).status).toBe(200);
    const withdrawn = await act(request, 'withdrawal', { reason: '物业已经修好了，不需要处理了。' });
    expect(withdrawn).toMatchObject({ status: 201, body: { reason: '物业已经修好了，不需要处理了。' } });
    const stopped = await waitFor('the assignment to be withdrawn', async () => {
      const shown = await assignment(assignmentId);
      return shown.body.status === 'withdrawn' ? shown.body : undefined;
    });
    expect(stopped.withdrawalReason).toBe('物业已经修好了，不需要处理了。');
    expect(conflictOf(await post(assignmentId, 'reply', { text: '已修复', outcome: 'resolved' }))).toEqual({
      status: 409,
      problem: true,
      code: 'assignment-withdrawn',
    });
    await waitFor('the withdrawal on the department stream', async () =>
      reader
        .on(STREAM)
        .map((message) => fromBinary(DepartmentStreamMessageSchema, message.value!))
        .find((message) => message.assignment?.assignmentId === assignmentId && message.assignment.status === 'withdrawn'),
    );
    const [{ body: event }] = await eventsOf(Events.caseWithdrawn, request.id);
    expect(event).toMatchObject({
      reason: '物业已经修好了，不需要处理了。',
      actor: { roles: ['requester'], subject: `tracking:${request.trackingNumber}` },
    });

    expect(conflictOf(await act(request, 'withdrawal', { reason: '再撤回一次' }))).toEqual({
      status: 409,
      problem: true,
      code: 'case-withdrawn',
    });
    expect(conflictOf(await act(request, 'supplements', { text: '还有一点补充' }))).toEqual({
      status: 409,
      problem: true,
      code: 'case-withdrawn',
    });
    const shown = await status(request);
    expect(shown).toMatchObject({
      state: 'withdrawn',
      stateText: '您已撤回此诉求',
      withdrawal: { reason: '物业已经修好了，不需要处理了。' },
      supplements: [{ id: supplemented.body.id }],
    });
  });

  it('refuses a withdrawal after the reply; a redo request within the limit, then 409', async () => {
    const { request, assignmentId } = await newRequest('小区垃圾站异味严重，夏天尤其明显');
    expect(conflictOf(await act(request, 'redo-requests', { reason: '还没答复' }))).toEqual({
      status: 409,
      problem: true,
      code: 'case-not-replied',
    });
    await post(assignmentId, 'sign');
    await reply(request, assignmentId, '已安排每日清运两次。', 1);
    const late = await act(request, 'withdrawal', { reason: '不想等了' }, { 'accept-language': 'zh-Hans' });
    expect(conflictOf(late)).toEqual({ status: 409, problem: true, code: 'case-replied' });
    expect(late.body.detail).toBe('该诉求已答复，不能再撤回');
    expect(conflictOf(await act(request, 'supplements', { text: '补充说明' }))).toEqual({
      status: 409,
      problem: true,
      code: 'case-closed',
    });

    const asked = await act(request, 'redo-requests', { reason: '异味依旧，清运后两小时又满了。' });
    expect(asked).toMatchObject({ status: 201, body: { requestCount: 1 } });
    expect(conflictOf(await act(request, 'redo-requests', { reason: '再次申请' }))).toEqual({
      status: 409,
      problem: true,
      code: 'redo-already-requested',
    });
    // Once a redo is asked for, the case is open again for information.
    expect((await act(request, 'supplements', { text: '异味主要在傍晚' })).status).toBe(201);
    await waitFor('the redo asked for by the requester', async () =>
      (await assignment(assignmentId)).body.redoCount === 1 ? true : undefined,
    );
    const [{ body: requested }] = await eventsOf(Events.redoRequested, request.id);
    expect(requested).toMatchObject({ assignmentId, departmentCode: 'city-housing', requestCount: 1 });

    await reply(request, assignmentId, '已增设一个垃圾站并加装除臭设备。', 2);
    const overLimit = await act(request, 'redo-requests', { reason: '还是有异味' }, { 'accept-language': 'en' });
    expect(conflictOf(overLimit)).toEqual({ status: 409, problem: true, code: 'redo-limit-reached' });
    expect(overLimit.body.detail).toMatch(/at most 1 time/);
  });

  it('replays a supplement, a withdrawal and a redo request sent again with its Idempotency-Key; another body is 422', async () => {
    const rowsOf = async (table: string, caseId: string) =>
      Number((await db.query(`SELECT count(*) FROM intake.${table} WHERE case_id = $1`, [caseId])).rows[0].count);
    const sameAnswer = (first: { body: unknown }) => ({ status: 201, body: first.body, headers: { 'idempotent-replayed': 'true' } });
    const reused = { status: 422, problem: true, code: 'idempotency-key-reused' };

    const { request, assignmentId } = await newRequest('小区健身器材损坏，孩子玩耍有危险');
    const supplement = { text: '补充：损坏的是秋千，链条断了。' };
    const supplemented = await act(request, 'supplements', supplement, { 'idempotency-key': 'supplement-1' });
    expect(supplemented).toMatchObject({ status: 201, headers: { 'idempotent-replayed': 'false' } });
    expect(await act(request, 'supplements', supplement, { 'idempotency-key': 'supplement-1' })).toMatchObject(sameAnswer(supplemented));
    expect(conflictOf(await act(request, 'supplements', { text: '另一条补充' }, { 'idempotency-key': 'supplement-1' }))).toEqual(reused);
    expect(await rowsOf('case_supplements', request.id)).toBe(1);
    // A later supplement's event comes after any the replay could have made (one case, one partition, outbox order).
    const later = await act(request, 'supplements', { text: '补充：在3号楼旁边。' }, { 'idempotency-key': 'supplement-2' });
    const supplementEvents = await waitFor('the later supplement', async () => {
      const found = await eventsOf(Events.caseSupplemented, request.id);
      return found.some(({ body }) => body.supplementId === later.body.id) ? found : undefined;
    });
    expect(supplementEvents.map(({ body }) => body.supplementId)).toEqual([supplemented.body.id, later.body.id]);

    expect((await post(assignmentId, 'sign')).status).toBe(200);
    await reply(request, assignmentId, '已更换秋千链条。', 1);
    const redo = { reason: '只换了一边的链条，另一边也快断了。' };
    const asked = await act(request, 'redo-requests', redo, { 'idempotency-key': 'redo-1' });
    expect(asked).toMatchObject({ status: 201, body: { requestCount: 1 } });
    expect(await act(request, 'redo-requests', redo, { 'idempotency-key': 'redo-1' })).toMatchObject(sameAnswer(asked));
    expect(conflictOf(await act(request, 'redo-requests', { reason: '再次申请' }, { 'idempotency-key': 'redo-1' }))).toEqual(reused);
    expect(await rowsOf('case_redo_requests', request.id)).toBe(1);
    await waitFor('the redo asked for', async () => ((await assignment(assignmentId)).body.redoCount === 1 ? true : undefined));
    expect(await eventsOf(Events.redoRequested, request.id)).toHaveLength(1);

    const other = await newRequest('楼下烧烤店油烟扰民');
    const withdrawal = { reason: '店已经搬走了。' };
    const withdrawn = await act(other.request, 'withdrawal', withdrawal, { 'idempotency-key': 'withdraw-1' });
    expect(withdrawn).toMatchObject({ status: 201, body: withdrawal });
    // The first answer, not the 409 a second withdrawal would get.
    expect(await act(other.request, 'withdrawal', withdrawal, { 'idempotency-key': 'withdraw-1' })).toMatchObject(sameAnswer(withdrawn));
    expect(conflictOf(await act(other.request, 'withdrawal', { reason: '不需要了' }, { 'idempotency-key': 'withdraw-1' }))).toEqual(reused);
    expect(await rowsOf('case_withdrawals', other.request.id)).toBe(1);
    await waitFor('the assignment withdrawn', async () =>
      (await assignment(other.assignmentId)).body.status === 'withdrawn' ? true : undefined,
    );
    expect(await eventsOf(Events.caseWithdrawn, other.request.id)).toHaveLength(1);
  });

  it("validates each body, naming the field, and lets no other requester's code in", async () => {
    const { request } = await newRequest('路边井盖缺失');
    const other = await newRequest('公交站台顶棚漏雨');
    const bad = await act(request, 'evaluations', { rating: 6 }, { 'accept-language': 'en' });
    expect(bad).toMatchObject({ status: 400, body: { errors: [expect.objectContaining({ field: 'rating' })] } });
    expect((await act(request, 'supplements', { text: '' })).body.errors).toEqual([expect.objectContaining({ field: 'text' })]);
    expect((await act(request, 'withdrawal', {})).body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    const crossed = await act({ ...request, credential: other.request.credential }, 'withdrawal', { reason: '别人的撤回' });
    expect(crossed.status).toBe(401);
    expect(
      (await call(stack, 'intake', 'POST', `/v1/requests/${request.trackingNumber}/withdrawal`, KEYS.portal, { reason: '代撤回' })).status,
    ).toBe(401);
    expect((await status(request)).withdrawal).toBeNull();
  });
});
