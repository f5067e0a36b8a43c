import { Client } from 'pg';
import { Events } from '@ugov/contracts';
import { ServiceStack, TopicReader, waitFor } from '@ugov/testing';
import { call, complaint, KEYS } from './http';

/**
 * The walking skeleton end to end: five service processes over the real broker and database.
 * A case goes intake → dispatch → processing → publication, and supervision sees every hop.
 */
describe('the U-loop', () => {
  const stack = new ServiceStack();
  let reader: TopicReader;
  let db: Client;

  beforeAll(async () => {
    await stack.start();
    reader = await new TopicReader([Events.caseSubmitted.topic, Events.caseAssigned.topic], stack.topicPrefix).start();
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await reader?.stop();
    await db?.end();
    await stack.stop();
  });

  const timelineOf = async (caseId: string, hops: number) =>
    waitFor(`${hops} hops on the timeline of ${caseId}`, async () => {
      const response = await call(stack, 'supervision', 'GET', `/v1/cases/${caseId}/timeline`, KEYS.supervisor);
      return response.status === 200 && response.body.hops.length >= hops ? response.body : undefined;
    });

  const openAssignmentOf = async (department: string, caseId: string) =>
    waitFor(`the assignment of ${caseId} on ${department}'s list`, async () => {
      const response = await call(stack, 'processing', 'GET', `/v1/departments/${department}/assignments`, KEYS.department(department));
      return response.body.find?.((assignment: { caseId: string }) => assignment.caseId === caseId);
    });

  it.each([
    [
      'by category code and region',
      { categoryCode: 'urban.property-management', location: { regionCode: '430103' } },
      '小区物业乱收停车费',
      'a2-housing',
    ],
    ['by keywords in the description', {}, '公司拖欠工资三个月，劳动合同也不给签', 'city-hrss'],
    [
      'by keywords, to the city department outside A2',
      { location: { regionCode: '430104' } },
      '小区门口的路灯坏了一个月，晚上很不安全',
      'city-housing',
    ],
  ])('carries a case routed %s through every hop', async (_how, extra, description, department) => {
    const submitted = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, complaint(description, extra));
    expect(submitted.status).toBe(201);
    expect(submitted.body.trackingNumber).toMatch(/^UG\d{14}$/);
    const caseId: string = submitted.body.id;

    const assignment = await openAssignmentOf(department, caseId);
    expect(assignment).toMatchObject({ status: 'assigned', departmentCode: department, description });

    const signed = await call(stack, 'processing', 'POST', `/v1/assignments/${assignment.id}/sign`, KEYS.department(department));
    expect(signed).toMatchObject({ status: 200, body: { status: 'signed' } });
    const replied = await call(stack, 'processing', 'POST', `/v1/assignments/${assignment.id}/reply`, KEYS.department(department), {
      text: '已派工作人员现场核实并处理完毕。',
      outcome: 'resolved',
    });
    expect(replied).toMatchObject({ status: 200, body: { status: 'replied', outcome: 'resolved' } });

    const timeline = await timelineOf(caseId, 5);
    expect(timeline.hops.map((hop: { type: string; service: string }) => [hop.type, hop.service])).toEqual([
      ['ugov.intake.case-submitted.v1', 'intake'],
      ['ugov.dispatch.case-assigned.v1', 'dispatch'],
      ['ugov.processing.assignment-signed.v1', 'processing'],
      ['ugov.processing.case-replied.v1', 'processing'],
      ['ugov.publication.reply-delivered.v1', 'publication'],
    ]);
    const times = timeline.hops.map((hop: { occurredAt: string }) => Date.parse(hop.occurredAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // The correlation id intake made follows the case through every service.
    expect(new Set(timeline.hops.map((hop: { correlationId: string }) => hop.correlationId)).size).toBe(1);
    expect(timeline.hops[1].details).toMatchObject({ departmentCode: department, assignmentId: assignment.id });
  });

  it('puts a case whose category is unknown into manual triage, visibly', async () => {
    const submitted = await call(
      stack,
      'intake',
      'POST',
      '/v1/cases',
      KEYS.hotline,
      complaint('请问这个怎么办理', { categoryCode: 'no.such-category' }),
    );
    expect(submitted.status).toBe(201);
    const timeline = await timelineOf(submitted.body.id, 2);
    expect(timeline.hops.map((hop: { type: string }) => hop.type)).toEqual([
      'ugov.intake.case-submitted.v1',
      'ugov.dispatch.case-triaged.v1',
    ]);
    expect(timeline.hops[1].details.reason).toContain('no.such-category');
  });

  it('returns the same case for a retried request with the same Idempotency-Key', async () => {
    const request = complaint('噪音扰民，晚上十一点还在施工');
    const first = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, request, { 'idempotency-key': 'retry-me-1' });
    const retried = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, request, { 'idempotency-key': 'retry-me-1' });
    expect(first.status).toBe(201);
    expect(retried.body.id).toBe(first.body.id);
    const other = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, complaint('别的事情'), { 'idempotency-key': 'retry-me-1' });
    expect(other).toMatchObject({ status: 422, body: { code: 'idempotency-key-reused' } });
    await waitFor('the case-submitted event', () => reader.on(Events.caseSubmitted.topic, first.body.id).length > 0);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(new Set(reader.on(Events.caseSubmitted.topic, first.body.id).map((message) => message.headers.ce_id)).size).toBe(1);
  });

  describe('bad input is refused with a clear error, and nothing is stored or sent', () => {
    const notUtf8 = Buffer.concat([
      Buffer.from('{"type":"help","channel":"sms","description":"'),
      Buffer.from([0xc4, 0xe3, 0xba, 0xc3]),
      Buffer.from('"}'),
    ]);
    const cases: [string, unknown, number, string, string[]][] = [
      ['invalid JSON', '{"type": "complaint",', 400, 'invalid-json', []],
      ['a JSON array', '[1, 2]', 400, 'invalid-json', []],
      ['missing fields', { type: 'complaint' }, 400, 'invalid-request', ['channel', 'description', 'requester']],
      ['wrong types', { ...complaint('x'), description: 42, requester: 'me' }, 400, 'invalid-request', ['description', 'requester']],
      [
        'an unknown type and channel',
        { ...complaint('x'), type: 'gossip', channel: 'pigeon' },
        400,
        'invalid-request',
        ['type', 'channel'],
      ],
      ['an oversized description', complaint('长'.repeat(5001)), 400, 'invalid-request', ['description']],
      [
        'a bad nested field',
        complaint('x', { requester: { name: '', phone: 'call me' } }),
        400,
        'invalid-request',
        ['requester.name', 'requester.phone'],
      ],
      ['an unknown field', complaint('x', { secret: 1 }), 400, 'invalid-request', ['secret']],
      ['a NUL character, which PostgreSQL would refuse', complaint('路灯\u0000坏了'), 400, 'invalid-request', ['description']],
      ['bytes that are not UTF-8 (GBK)', notUtf8, 400, 'invalid-encoding', []],
    ];

    it.each(cases)('%s', async (_what, body, status, code, fields) => {
      const before = await db.query('SELECT count(*)::int AS cases FROM intake.cases');
      const outboxBefore = await db.query('SELECT count(*)::int AS rows FROM intake.outbox');
      const response = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, body);
      expect(response.status).toBe(status);
      expect(response.contentType).toContain('application/problem+json');
      expect(response.body.code).toBe(code);
      const named = (response.body.errors ?? []).map((error: { field: string }) => error.field);
      expect(named).toEqual(expect.arrayContaining(fields));
      const after = await db.query('SELECT count(*)::int AS cases FROM intake.cases');
      const outboxAfter = await db.query('SELECT count(*)::int AS rows FROM intake.outbox');
      expect(after.rows[0].cases).toBe(before.rows[0].cases);
      expect(outboxAfter.rows[0].rows).toBe(outboxBefore.rows[0].rows);
    });

    it('every case-submitted event on Kafka belongs to a stored case', async () => {
      const stored = await db.query('SELECT id FROM intake.cases');
      const storedIds = new Set(stored.rows.map((row: { id: string }) => row.id));
      await waitFor('every stored case on Kafka', () => [...storedIds].every((id) => reader.on(Events.caseSubmitted.topic, id).length > 0));
      for (const message of reader.on(Events.caseSubmitted.topic)) expect(storedIds.has(message.headers.ce_subject)).toBe(true);
    });
  });

  describe('who may see what', () => {
    it('refuses callers without a key, and integrators on department routes', async () => {
      expect((await call(stack, 'intake', 'POST', '/v1/cases', undefined, complaint('x'))).status).toBe(401);
      expect((await call(stack, 'intake', 'POST', '/v1/cases', 'not-a-real-key-at-all', complaint('x'))).status).toBe(401);
      expect((await call(stack, 'processing', 'GET', '/v1/departments/city-hrss/assignments', KEYS.portal)).status).toBe(403);
    });

    it("keeps a department out of another department's cases", async () => {
      const submitted = await call(
        stack,
        'intake',
        'POST',
        '/v1/cases',
        KEYS.portal,
        complaint('学校乱收补课费', { categoryCode: 'education.teachers-and-fees' }),
      );
      const assignment = await openAssignmentOf('city-education', submitted.body.id);
      const intruder = KEYS.department('city-health');
      expect((await call(stack, 'processing', 'GET', '/v1/departments/city-education/assignments', intruder)).status).toBe(403);
      expect((await call(stack, 'processing', 'POST', `/v1/assignments/${assignment.id}/sign`, intruder)).status).toBe(404);
      const ownList = await call(stack, 'processing', 'GET', '/v1/departments/city-health/assignments', intruder);
      expect(ownList.body.some((candidate: { caseId: string }) => candidate.caseId === submitted.body.id)).toBe(false);
    });

    it('shows an integrator only its own cases, with the requester masked', async () => {
      const submitted = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, complaint('医院排队太久'));
      const own = await call(stack, 'intake', 'GET', `/v1/cases/${submitted.body.id}`, KEYS.portal);
      expect(own.body.requester).toEqual({ name: '王*', phone: '137****1234' });
      expect((await call(stack, 'intake', 'GET', `/v1/cases/${submitted.body.id}`, KEYS.hotline)).status).toBe(404);
    });

    it('answers 409 for illegal transitions and 404 for an unknown timeline', async () => {
      const submitted = await call(
        stack,
        'intake',
        'POST',
        '/v1/cases',
        KEYS.portal,
        complaint('出租车拒载', { categoryCode: 'transport.taxi' }),
      );
      const assignment = await openAssignmentOf('city-transport', submitted.body.id);
      const key = KEYS.department('city-transport');
      const early = await call(stack, 'processing', 'POST', `/v1/assignments/${assignment.id}/reply`, key, {
        text: '好',
        outcome: 'resolved',
      });
      expect(early).toMatchObject({ status: 409, body: { code: 'assignment-not-signed' } });
      expect((await call(stack, 'processing', 'POST', `/v1/assignments/${assignment.id}/sign`, key)).status).toBe(200);
      const twice = await call(stack, 'processing', 'POST', `/v1/assignments/${assignment.id}/sign`, key);
      expect(twice).toMatchObject({ status: 409, body: { code: 'assignment-already-signed' } });
      const unknown = await call(stack, 'supervision', 'GET', '/v1/cases/00000000-0000-4000-8000-000000000000/timeline', KEYS.supervisor);
      expect(unknown.status).toBe(404);
    });
  });

  it('gives every case exactly one assignment even when dispatch is killed mid-stream', async () => {
    const caseIds: string[] = [];
    for (let index = 0; index < 30; index++) {
      if (index === 10) await stack.kill('dispatch');
      const submitted = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, complaint(`第${index}号：餐馆食品安全问题`));
      expect(submitted.status).toBe(201);
      caseIds.push(submitted.body.id);
    }
    await stack.restart('dispatch');
    await waitFor(
      'an assignment for each of the 30 cases',
      () => caseIds.every((id) => reader.on(Events.caseAssigned.topic, id).length > 0),
      120000,
    );
    const decisions = await db.query(
      'SELECT case_id, count(*)::int AS n FROM dispatch.decisions WHERE case_id = ANY($1) GROUP BY case_id',
      [caseIds],
    );
    expect(decisions.rows).toHaveLength(30);
    expect(decisions.rows.every((row: { n: number }) => row.n === 1)).toBe(true);
    await waitFor('processing to hold all 30', async () => {
      const held = await db.query('SELECT count(*)::int AS n FROM processing.assignments WHERE case_id = ANY($1)', [caseIds]);
      return held.rows[0].n === 30;
    });
    for (const caseId of caseIds) {
      // The relay may publish an event twice after a crash (at-least-once); it is always the same assignment.
      const assignmentIds = new Set(reader.on(Events.caseAssigned.topic, caseId).map((message) => message.headers.ce_id));
      expect(assignmentIds.size).toBe(1);
    }
  });

  it('shuts intake down gracefully under load: every case it accepted is on Kafka before it exits', async () => {
    const accepted: string[] = [];
    const refusals: string[] = [];
    let submitting = true;
    const submitter = async (worker: number) => {
      for (let index = 0; submitting; index++) {
        try {
          const response = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, complaint(`第${worker}-${index}号：夜间施工噪音`));
          if (response.status === 201) accepted.push(response.body.id);
          else refusals.push(`${response.status} ${response.body.code} ${response.contentType}`);
        } catch {
          // The port is closed or the connection was closed: nothing was accepted, and the caller can retry.
          refusals.push('no connection');
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    };
    const submitters = [1, 2, 3, 4].map(submitter);
    await waitFor('intake to accept cases under load', () => accepted.length >= 40);
    const exitCode = await stack.terminate('intake');
    submitting = false;
    await Promise.all(submitters);

    expect(exitCode).toBe(0);
    const clean = (refusal: string) => refusal === 'no connection' || refusal.startsWith('503 unavailable application/problem+json');
    expect(refusals.filter((refusal) => !clean(refusal))).toEqual([]);
    // The relay's last flush ran after the last request in flight had committed: nothing waits for a restart.
    const left = await db.query('SELECT count(*)::int AS rows FROM intake.outbox');
    expect(left.rows[0].rows).toBe(0);
    await waitFor('every accepted case on Kafka', () => accepted.every((id) => reader.on(Events.caseSubmitted.topic, id).length > 0));
    await stack.restart('intake');
  });
});
