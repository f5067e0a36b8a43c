import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Events } from '@ugov/contracts';
import { decodeEvent } from '@ugov/messaging';
import { ServiceStack, TopicReader, waitFor } from '@ugov/testing';
import { call, complaint, KEYS, submitComplaint } from './http';

/**
 * The walking skeleton end to end: five service processes over the real broker and database.
 * A case goes intake → dispatch → processing → publication, and supervision sees every hop.
 */
type SubmissionOutcome =
  | { readonly kind: 'accepted'; readonly caseId: string }
  | { readonly kind: 'refused'; readonly how: string }
  | { readonly kind: 'unanswered'; readonly code: string }
  | { readonly kind: 'wrong'; readonly what: string };

/** Errors of a connection that was open and dropped (fetch reports them as the cause of its TypeError). */
const CONNECTION_DROPPED = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

function causeCodeOf(error: unknown): string | undefined {
  for (let cause = error as { code?: string; cause?: unknown } | undefined; cause; cause = cause.cause as typeof cause) {
    if (typeof cause.code === 'string') return cause.code;
  }
  return undefined;
}

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
    ['by the classifier, from the description alone', {}, '公司拖欠工资三个月，劳动合同也不给签', 'city-hrss'],
    [
      'by the classifier, to the city department outside A2',
      { location: { regionCode: '430104' } },
      '小区门口的路灯坏了一个月，晚上很不安全',
      'city-housing',
    ],
  ])('carries a case routed %s through every hop', async (_how, extra, description, department) => {
    const submitted = await submitComplaint(stack, description, extra);
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
    // The correlation id intake gave the caller follows the case through every service.
    const correlationId = submitted.headers['x-correlation-id'];
    expect(correlationId).toMatch(/^[\w.:-]{1,100}$/);
    expect(timeline.hops.map((hop: { correlationId: string }) => hop.correlationId)).toEqual(timeline.hops.map(() => correlationId));
    expect(timeline.hops[1].details).toMatchObject({ departmentCode: department, assignmentId: assignment.id });
  });

  it('puts a case whose category is unknown into manual triage, visibly, under the correlation id the caller sent', async () => {
    const correlationId = `hotline-call-${randomUUID()}`;
    const submitted = await call(
      stack,
      'intake',
      'POST',
      '/v1/cases',
      KEYS.hotline,
      complaint('请问这个怎么办理', { categoryCode: 'no.such-category' }),
      { 'x-correlation-id': correlationId },
    );
    expect(submitted.status).toBe(201);
    expect(submitted.headers['x-correlation-id']).toBe(correlationId);
    const timeline = await timelineOf(submitted.body.id, 2);
    expect(timeline.hops.map((hop: { type: string; correlationId: string }) => [hop.type, hop.correlationId])).toEqual([
      ['ugov.intake.case-submitted.v1', correlationId],
      ['ugov.dispatch.case-triaged.v1', correlationId],
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
      const submitted = await submitComplaint(stack, `第${index}号：公司拖欠工资三个月，劳动合同也不给签`);
      caseIds.push(submitted.body.id);
    }
    await stack.restart('dispatch');
    await waitFor(
      'an assignment for each of the 30 cases',
      () => caseIds.every((id) => reader.on(Events.caseAssigned.topic, id).length > 0),
      120000,
    );
    // What went out: the relay may publish an event twice after a crash (at-least-once), but a case handled twice
    // would show as a second event, with an assignment of its own.
    const published = (caseId: string) => {
      const messages = reader.on(Events.caseAssigned.topic, caseId);
      const assignmentIds = messages.map((message) => decodeEvent(Events.caseAssigned, message).body.assignmentId);
      return { events: new Set(messages.map((message) => message.headers.ce_id)).size, assignmentIds: [...new Set(assignmentIds)] };
    };
    const onKafka = Object.fromEntries(caseIds.map((caseId) => [caseId, published(caseId)]));
    expect(Object.values(onKafka).filter((sent) => sent.events !== 1 || sent.assignmentIds.length !== 1)).toEqual([]);
    const assignmentOf = Object.fromEntries(caseIds.map((caseId) => [caseId, onKafka[caseId].assignmentIds[0]]));

    // Dispatch decided each case once, with the assignment it published.
    const decisions = await db.query('SELECT case_id, assignment_id FROM dispatch.decisions WHERE case_id = ANY($1)', [caseIds]);
    expect(
      Object.fromEntries(decisions.rows.map((row: { case_id: string; assignment_id: string }) => [row.case_id, row.assignment_id])),
    ).toEqual(assignmentOf);
    // Processing (keyed by assignment, so a second assignment of a case would be a second row) holds that one only.
    const held = await waitFor('processing to hold all 30', async () => {
      const rows = await db.query('SELECT case_id, id FROM processing.assignments WHERE case_id = ANY($1) ORDER BY case_id', [caseIds]);
      return rows.rows.length >= 30 && rows.rows;
    });
    expect(held.map((row: { case_id: string; id: string }) => `${row.case_id} ${row.id}`).sort()).toEqual(
      caseIds.map((caseId) => `${caseId} ${assignmentOf[caseId]}`).sort(),
    );
  });

  it('shuts intake down gracefully under load: every case it stored is on Kafka before it exits, answered or not', async () => {
    const run = randomUUID();
    /** What became of each request, by the description that makes it unique. */
    const outcomes = new Map<string, SubmissionOutcome>();
    let submitting = true;
    const submitter = async (worker: number) => {
      for (let index = 0; submitting; index++) {
        const description = `夜间施工噪音 ${run}/${worker}/${index}`;
        const outcome = await submit(description);
        outcomes.set(description, outcome);
        if (outcome.kind !== 'accepted') await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const submit = async (description: string): Promise<SubmissionOutcome> => {
      try {
        const response = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, complaint(description));
        if (response.status === 201) return { kind: 'accepted', caseId: response.body.id };
        if (response.status === 503 && response.contentType.includes('application/problem+json') && response.body.code === 'unavailable')
          return { kind: 'refused', how: '503 problem' };
        return { kind: 'wrong', what: `${response.status} ${response.contentType} ${JSON.stringify(response.body)}` };
      } catch (error) {
        const code = causeCodeOf(error);
        // The port was closed: the request never left this process.
        if (code === 'ECONNREFUSED') return { kind: 'refused', how: 'connection refused' };
        // The connection dropped after the request went out: intake may or may not have stored the case.
        if (code && CONNECTION_DROPPED.has(code)) return { kind: 'unanswered', code };
        return { kind: 'wrong', what: `${(error as Error).message} (${code ?? 'no code'})` };
      }
    };
    const submitters = [1, 2, 3, 4].map(submitter);
    const acceptedSoFar = () => [...outcomes.values()].filter((outcome) => outcome.kind === 'accepted').length;
    await waitFor('intake to accept cases under load', () => acceptedSoFar() >= 40);
    const exitCode = await stack.terminate('intake');
    submitting = false;
    await Promise.all(submitters);

    expect(exitCode).toBe(0);
    const all = [...outcomes.entries()];
    expect(all.filter(([, outcome]) => outcome.kind === 'wrong')).toEqual([]);
    // Every case intake stored came from a request that was accepted (and answered with that case) or left unanswered;
    // a refused request stored nothing.
    const stored = await db.query('SELECT id, description FROM intake.cases WHERE description LIKE $1', [`%${run}/%`]);
    const storedFrom = (row: { id: string; description: string }) => {
      const outcome = outcomes.get(row.description);
      return outcome?.kind === 'accepted' ? (outcome.caseId === row.id ? 'accepted' : `accepted as ${outcome.caseId}`) : outcome?.kind;
    };
    expect(
      stored.rows.filter((row: { id: string; description: string }) => !['accepted', 'unanswered'].includes(storedFrom(row)!)),
    ).toEqual([]);
    // Every 201 was stored.
    const storedIds = new Set(stored.rows.map((row: { id: string }) => row.id));
    const acceptedIds = all.flatMap(([, outcome]) => (outcome.kind === 'accepted' ? [outcome.caseId] : []));
    expect(acceptedIds.filter((id) => !storedIds.has(id))).toEqual([]);
    // The relay's last flush ran after the last request in flight had committed: nothing waits for a restart.
    const left = await db.query('SELECT count(*)::int AS rows FROM intake.outbox');
    expect(left.rows[0].rows).toBe(0);
    await waitFor('every stored case on Kafka', () => [...storedIds].every((id) => reader.on(Events.caseSubmitted.topic, id).length > 0));
    await stack.restart('intake');
  });
});
