import { Client } from 'pg';
import { ServiceStack, waitFor } from '@ugov/testing';
import { call, KEYS, submitComplaint } from '../u-loop/http';

const FAILURES_PER_NUMBER = 5;
const FAILURES_PER_ADDRESS = 40;

/** A requester reads their own request with the tracking number and verification code, and nothing else. */
describe('requester tracking', () => {
  const stack = new ServiceStack({
    environment: (service) =>
      service === 'intake'
        ? {
            INTAKE_TRACKING_FAILURES_PER_NUMBER: String(FAILURES_PER_NUMBER),
            INTAKE_TRACKING_FAILURES_PER_ADDRESS: String(FAILURES_PER_ADDRESS),
          }
        : {},
  });
  let db: Client;
  let failuresSoFar = 0;

  beforeAll(async () => {
    await stack.start();
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await stack.stop();
  });

  const submit = async (description: string, extra: Record<string, unknown> = {}) => {
    const submitted = await submitComplaint(stack, description, extra);
    return submitted.body as { id: string; trackingNumber: string; verificationCode: string };
  };
  const read = (trackingNumber: string, credential: string | undefined, path = trackingNumber) =>
    call(
      stack,
      'intake',
      'GET',
      `/v1/requests/${path}`,
      undefined,
      undefined,
      credential === undefined ? {} : { authorization: credential },
    );
  const failed = async (trackingNumber: string, credential: string, path = trackingNumber) => {
    failuresSoFar++;
    return read(trackingNumber, credential, path);
  };
  const wrongCodeOf = (code: string) => (code === 'ABCDEFGH' ? 'HGFEDCBA' : 'ABCDEFGH');
  const unknownNumber = (index: number) => `UG2099${String(index).padStart(10, '0')}`;

  it('gives the code once, keeps only its keyed hash, and lets the requester follow the request to its reply', async () => {
    const request = await submit('小区门口的路灯坏了一个月，晚上很不安全', { location: { regionCode: '430104' } });
    expect(request.verificationCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    const { rows } = await db.query('SELECT c::text AS row, verification_code_hash FROM intake.cases c WHERE id = $1', [request.id]);
    expect(rows[0].row).not.toContain(request.verificationCode);
    expect(rows[0].verification_code_hash).toMatch(/^[0-9a-f]{64}$/);

    const credential = `Tracking ${request.trackingNumber}:${request.verificationCode}`;
    const first = await read(request.trackingNumber, credential);
    expect(first.status).toBe(200);
    expect(['submitted', 'assigned']).toContain(first.body.state);
    // The code is forgiving of case and dashes, as a requester types it.
    const typed = `Tracking ${request.trackingNumber}:${request.verificationCode.slice(0, 4).toLowerCase()}-${request.verificationCode.slice(4)}`;
    expect((await read(request.trackingNumber, typed)).status).toBe(200);

    const assigned = await waitFor('the request to be assigned', async () => {
      const response = await read(request.trackingNumber, credential);
      return response.body.state === 'assigned' ? response.body : undefined;
    });
    expect(assigned).toMatchObject({ trackingNumber: request.trackingNumber, department: { code: 'city-housing' }, replies: [] });
    expect(Date.parse(assigned.deadline)).toBeGreaterThan(Date.now());
    expect(Object.keys(assigned).sort()).toEqual([
      'clarifications',
      'deadline',
      'deliveredAt',
      'department',
      'evaluations',
      'extensions',
      'mergedInto',
      'notice',
      'redoRequests',
      'replies',
      'state',
      'stateText',
      'submittedAt',
      'supplements',
      'trackingNumber',
      'updatedAt',
      'withdrawal',
    ]);

    const assignment = await waitFor('the assignment', async () => {
      const list = await call(stack, 'processing', 'GET', '/v1/departments/city-housing/assignments', KEYS.department('city-housing'));
      return list.body.find?.((candidate: { caseId: string }) => candidate.caseId === request.id);
    });
    await call(stack, 'processing', 'POST', `/v1/assignments/${assignment.id}/sign`, KEYS.department('city-housing'));
    await call(stack, 'processing', 'POST', `/v1/assignments/${assignment.id}/reply`, KEYS.department('city-housing'), {
      text: '路灯已于今日修复。',
      outcome: 'resolved',
    });
    const replied = await waitFor('the reply', async () => {
      const response = await read(request.trackingNumber, credential);
      return response.body.state === 'replied' ? response.body : undefined;
    });
    expect(replied.replies).toEqual([{ text: '路灯已于今日修复。', outcome: 'resolved', reason: null, repliedAt: expect.any(String) }]);
  });

  it('tells a confidential request in plain words through clarification, extension, reply and delivery, in Chinese or English', async () => {
    const request = await submit('小区门口的路灯坏了一个月，晚上很不安全', { location: { regionCode: '430104' }, confidential: true });
    const credential = `Tracking ${request.trackingNumber}:${request.verificationCode}`;
    const housing = KEYS.department('city-housing');
    const statusWhen = (what: string, holds: (body: any) => boolean, language = 'zh-Hans') =>
      waitFor(what, async () => {
        const response = await call(stack, 'intake', 'GET', `/v1/requests/${request.trackingNumber}`, undefined, undefined, {
          authorization: credential,
          'accept-language': language,
        });
        expect(response.status).toBe(200);
        return holds(response.body) ? response.body : undefined;
      });
    const assignment = await waitFor('the assignment', async () => {
      const list = await call(stack, 'processing', 'GET', '/v1/departments/city-housing/assignments', KEYS.department('city-housing'));
      return list.body.find?.((candidate: { caseId: string }) => candidate.caseId === request.id);
    });
    const act = (action: string, key: string, body?: unknown) =>
      call(stack, 'processing', 'POST', `/v1/assignments/${assignment.id}/${action}`, key, body);

    expect((await act('sign', housing)).status).toBe(200);
    expect((await act('start', housing)).status).toBe(200);
    const inProgress = await statusWhen('in progress', (body) => body.state === 'in-progress');
    expect(inProgress).toMatchObject({
      stateText: '承办部门正在办理',
      department: { code: 'city-housing', name: 'A市住房和城乡建设局' },
      notice: null,
    });

    const waitUntil = new Date(Date.now() + 3 * 86_400_000).toISOString();
    expect((await act('clarification', housing, { question: '请提供具体楼栋号', waitUntil })).status).toBe(200);
    const waiting = await statusWhen('awaiting the clarification', (body) => body.state === 'awaiting-clarification');
    expect(waiting).toMatchObject({
      stateText: '等待您补充说明',
      notice: '请补充说明：请提供具体楼栋号',
      clarifications: [{ question: '请提供具体楼栋号', waitUntil, waiting: true, outcome: null }],
    });
    expect((await act('clarification/answer', housing, { answer: '3栋2单元' })).status).toBe(200);
    const answered = await statusWhen(
      'the clarification answered',
      (body) => body.state === 'in-progress' && body.clarifications[0]?.waiting === false,
    );
    expect(answered.clarifications).toEqual([
      { question: '请提供具体楼栋号', askedAt: expect.any(String), waitUntil, waiting: false, outcome: 'answered' },
    ]);

    const requestedDeadline = new Date(Date.parse(answered.deadline) + 86_400_000).toISOString();
    expect((await act('extension', housing, { reason: '需协调供电公司检修线路', requestedDeadline })).status).toBe(200);
    expect((await act('extension/decision', 'dev-dispatcher-key', { approved: true })).status).toBe(200);
    const extended = await statusWhen('the extension', (body) => body.extensions.length === 1);
    expect(extended).toMatchObject({
      deadline: requestedDeadline,
      extensions: [{ reason: '需协调供电公司检修线路', deadline: requestedDeadline, decidedAt: expect.any(String) }],
      notice: `办理期限已延长至 ${requestedDeadline}，原因：需协调供电公司检修线路`,
    });
    const inEnglish = await statusWhen('the status in English', () => true, 'en');
    expect(inEnglish).toMatchObject({
      stateText: 'Being handled by the department',
      department: { code: 'city-housing', name: 'A City Housing and Urban-Rural Development Bureau' },
      notice: `The deadline was extended to ${requestedDeadline}: 需协调供电公司检修线路`,
    });

    expect((await act('reply', housing, { text: '线路已检修，路灯恢复照明。', outcome: 'resolved' })).status).toBe(200);
    const delivered = await statusWhen('the reply delivered', (body) => body.deliveredAt !== null, 'en');
    expect(delivered).toMatchObject({
      state: 'replied',
      stateText: 'Handled and answered',
      notice: null,
      replies: [{ text: '线路已检修，路灯恢复照明。', outcome: 'resolved', reason: null, repliedAt: expect.any(String) }],
    });
    expect(Date.parse(delivered.deliveredAt)).toBeGreaterThanOrEqual(Date.parse(delivered.replies[0].repliedAt));
    expect(delivered.updatedAt).toBe(delivered.deliveredAt);
  });

  it("never reaches another requester's request, nor any other route", async () => {
    const mine = await submit('楼上漏水');
    const theirs = await submit('噪音扰民');
    const myCredential = `Tracking ${mine.trackingNumber}:${mine.verificationCode}`;
    const onTheirs = await failed(mine.trackingNumber, myCredential, theirs.trackingNumber);
    expect(onTheirs.status).toBe(401);
    expect(JSON.stringify(onTheirs.body)).not.toContain('噪音');
    const crossed = await failed(theirs.trackingNumber, `Tracking ${theirs.trackingNumber}:${mine.verificationCode}`);
    expect(crossed.status).toBe(401);
    for (const [service, path] of [
      ['intake', `/v1/cases/${mine.id}`],
      ['supervision', `/v1/cases/${mine.id}/timeline`],
    ] as const) {
      const response = await call(stack, service, 'GET', path, undefined, undefined, { authorization: myCredential });
      expect(response.status).toBe(401);
    }
    expect((await read(mine.trackingNumber, undefined)).status).toBe(401);
    expect((await read(mine.trackingNumber, 'Bearer dev-portal-key')).status).toBe(401);
  });

  it('answers an unknown tracking number exactly as a wrong code, in similar time', async () => {
    const request = await submit('路面塌陷');
    const wrong = await failed(request.trackingNumber, `Tracking ${request.trackingNumber}:${wrongCodeOf(request.verificationCode)}`);
    const unknown = await failed(unknownNumber(1), `Tracking ${unknownNumber(1)}:${request.verificationCode}`);
    expect(unknown.status).toBe(wrong.status);
    expect(wrong.status).toBe(401);
    expect(unknown.contentType).toBe(wrong.contentType);
    const withoutPath = (body: Record<string, unknown>) => ({ ...body, instance: undefined });
    expect(withoutPath(unknown.body)).toEqual(withoutPath(wrong.body));

    // Alternate the two kinds so that load on the machine falls on both alike, and compare the fastest of each: the
    // work a kind always costs. A median moves with whatever else the machine does (CI once saw 10 ms between them
    // while dispatch and intake's progress consumer handled the cases submitted just before).
    const timings = { wrong: [] as number[], unknown: [] as number[] };
    const others = await Promise.all([1, 2, 3].map((index) => submit(`井盖缺失 ${index}`)));
    for (let round = 0; round < 15; round++) {
      const other = others[round % 3];
      for (const kind of ['wrong', 'unknown'] as const) {
        const number = kind === 'wrong' ? other.trackingNumber : unknownNumber(100 + round);
        const started = performance.now();
        const response = await failed(number, `Tracking ${number}:${wrongCodeOf(other.verificationCode)}`);
        timings[kind].push(performance.now() - started);
        expect(response.status).toBe(401);
      }
    }
    const fastest = (values: number[]) => Math.min(...values);
    expect(Math.abs(fastest(timings.wrong) - fastest(timings.unknown))).toBeLessThan(Math.max(5, 0.5 * fastest(timings.wrong)));
  });

  it('stops guessing on one tracking number with 429 and Retry-After, even for the right code', async () => {
    const request = await submit('占道经营');
    for (let attempt = 0; attempt < FAILURES_PER_NUMBER; attempt++) {
      expect(
        (await failed(request.trackingNumber, `Tracking ${request.trackingNumber}:${wrongCodeOf(request.verificationCode)}`)).status,
      ).toBe(401);
    }
    const limited = await read(request.trackingNumber, `Tracking ${request.trackingNumber}:${request.verificationCode}`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(60);
    expect(limited.contentType).toContain('application/problem+json');
  });

  it('stops one client address trying many tracking numbers, with 429 and Retry-After', async () => {
    const request = await submit('垃圾清运不及时');
    let index = 1000;
    while (failuresSoFar < FAILURES_PER_ADDRESS) {
      const number = unknownNumber(index++);
      expect((await failed(number, `Tracking ${number}:ABCDEFGH`)).status).toBe(401);
    }
    const limited = await read(request.trackingNumber, `Tracking ${request.trackingNumber}:${request.verificationCode}`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(60);
  });
});
