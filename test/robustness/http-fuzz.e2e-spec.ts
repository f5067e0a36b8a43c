import fc from 'fast-check';
import { Client } from 'pg';
import { allEvents, deadLetterTopic } from '@ugov/contracts';
import { DEV_API_KEYS } from '@ugov/platform';
import { SERVICE_NAMES, ServiceStack, TopicReader, waitFor } from '@ugov/testing';
import { invariantViolations } from './invariants';
import { routeName, routesOf, type Route } from './openapi';
import { closeConnections, send, type RawRequest, type RawResponse } from './raw-http';
import { buildRequest, preparations, requestsFor, type KnownValues } from './request.arbitraries';

/**
 * Property-based robustness of the HTTP edge: every route of every service, as its OpenAPI document lists it
 * (so a new route cannot escape), gets thousands of generated requests: bodies shaped by the route's schema and
 * then broken, random JSON and bytes, odd encodings and content types, keys of every role, odd headers, path
 * parameters and query strings. No answer may be a 5xx (nothing is down here), every error is problem+json,
 * and afterwards every table agrees with the events its service wrote.
 *
 * FUZZ_RUNS (requests per route, default 1000), FUZZ_SEED (default fixed, so CI is repeatable), and to replay
 * one failure: FUZZ_ROUTE (its name) and FUZZ_PATH (fast-check's counterexample path), both printed on failure.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);

/** The development keys: which key acts for which subject, and every key of every role. */
const DEV_KEYS = DEV_API_KEYS.split(',').map((entry) => {
  const [key, principal] = entry.split('=');
  const [role, subject] = principal.split(':');
  return { key, role, subject };
});
const KEYS_BY_ROLE: Record<string, string[]> = {};
for (const { key, role } of DEV_KEYS) (KEYS_BY_ROLE[role] ??= []).push(key);
const keyOf = (subject: string) => DEV_KEYS.find((entry) => entry.subject === subject)!.key;
/** The development key of a subject, if it has one (a case the fuzzer filed with a managed key, a department of the catalog without one). */
const keysOf = (subject: string) => DEV_KEYS.filter((entry) => entry.subject === subject).map((entry) => entry.key);
const SUPERVISOR_KEY = DEV_KEYS.find((entry) => entry.role === 'supervisor')!.key;
const ADMIN_KEY = DEV_KEYS.find((entry) => entry.role === 'admin')!.key;
const DISPATCHER_KEY = DEV_KEYS.find((entry) => entry.role === 'dispatcher')!.key;
/** Fields answered only when something is created, never read back (a case's requester verification code: intake keeps only its hash). */
const SHOWN_ONCE = ['verificationCode'];

/**
 * Routes that succeed only for a case the same dispatcher claimed (or one in arbitration) with a body naming a real
 * category and department: random requests reach them as 400/404/409/422 here, and their successes are proven by
 * test/dispatch/triage and test/dispatch/returns-and-arbitration. A supervision notice needs an assignment still open
 * when its turn comes, after a thousand fuzzed signs, replies and returns: its success is proven by
 * test/processing/department-workflow (supervision notices).
 */
const SUCCESS_PROVEN_ELSEWHERE = [
  'dispatch POST /v1/triage/{caseId}/route',
  'dispatch POST /v1/arbitrations/{caseId}/decision',
  // A follow-up call (回访) exists only once a reply reached supervision: proven by test/supervision/evaluations-and-pauses.
  'supervision POST /v1/follow-ups/{id}/record',
  // A reply's review decided, and a published reply read: proven by test/publication/publish-replies.
  'publication POST /v1/reply-reviews/{id}/decision',
  'publication GET /v1/public/replies/{id}',
  // Information reviewed, and published information read: proven by test/publication/site-census.
  'publication POST /v1/information/{id}/decision',
  'publication GET /v1/public/information/{id}',
  // A guide's code is one known value among hundreds: test/publication/service-guides reads one in every language.
  'publication GET /v1/public/service-guides/{code}',
  // A censor rule needs a scope its caller owns with a matching key: test/publication/reply-review adds them.
  'publication POST /v1/censor-rules',
  'processing POST /v1/assignments/{id}/notices',
];

function describeRequest(request: RawRequest): string {
  const body = request.body ? JSON.stringify(request.body.subarray(0, 300).toString('latin1')) : '(none)';
  return [
    `${request.method} ${request.path.slice(0, 300)}`,
    `headers ${JSON.stringify(request.headers).slice(0, 600)}`,
    `body ${body}${request.body && request.body.length > 300 ? ` … (${request.body.length} bytes)` : ''}`,
  ].join('\n  ');
}

function describeExchange(request: RawRequest, response: RawResponse): string {
  return `${describeRequest(request)}\n  → ${response.status} ${response.headers['content-type'] ?? ''} ${response.body.subarray(0, 500).toString()}`;
}

describe('every route of every service, fuzzed', () => {
  // The tracking credential's attempt limits would soon answer everything from this one address with 429.
  const noAttemptLimits = { INTAKE_TRACKING_FAILURES_PER_NUMBER: '1000000', INTAKE_TRACKING_FAILURES_PER_ADDRESS: '1000000' };
  const stack = new ServiceStack({ logLevel: 'warn', environment: (service) => (service === 'intake' ? noAttemptLimits : {}) });
  /** The requesters of the cases primed for self-service: `Tracking <number>:<code>` for each tracking number. */
  const requesters: { trackingNumber: string; credential: string }[] = [];
  let reader: TopicReader;
  let db: Client;
  let routes: Route[];
  /** 2xx answers per route, to prove that valid-shaped requests reached the handlers. */
  const successes = new Map<string, number>();
  /** Answers per route and status, printed at the end: what the fuzzing reached. */
  const answers = new Map<string, Map<number, number>>();

  beforeAll(async () => {
    await stack.start();
    reader = await new TopicReader(
      allEvents.flatMap((definition) => [definition.topic, deadLetterTopic(definition.topic)]),
      stack.topicPrefix,
    ).start();
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    routes = (await Promise.all(SERVICE_NAMES.map((service) => routesOf(service, stack.url(service))))).flat();
    await primeWithCases();
    await primeWithRequesters();
    await primeWithIntegrators();
    await primeWithArbitration();
  }, 300000);

  afterAll(async () => {
    const lines = [...answers].map(([name, statuses]) => {
      const total = [...statuses.values()].reduce((sum, count) => sum + count, 0);
      const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`);
      return `${name}: ${total} requests, ${byStatus.join(' ')}`;
    });
    process.stdout.write(`HTTP fuzzing (seed ${SEED}, ${RUNS} runs per route):\n  ${lines.join('\n  ')}\n`);
    closeConnections();
    await reader?.stop();
    await db?.end();
    await stack.stop();
  });

  /** Cases in several departments, half of their assignments signed for: ids the fuzzer can aim at, in every state. */
  async function primeWithCases(): Promise<void> {
    const categories = [
      'urban.property-management',
      'transport.taxi',
      'education.teachers-and-fees',
      'labor.wages',
      'health.medical-services',
    ];
    for (const [index, categoryCode] of categories.flatMap((code) => [code, code, code]).entries()) {
      const response = await fetch(`${stack.url('intake')}/v1/cases`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${index % 2 ? keyOf('web-portal') : keyOf('hotline-12345')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          type: 'complaint',
          channel: 'web-portal',
          description: `第${index}号诉求`,
          // A requester each: similar texts of one requester would be linked as repeats (并单), not dispatched.
          requester: { name: '王五', phone: `137${String(index).padStart(4, '0')}1234` },
          categoryCode,
        }),
      });
      expect(response.status).toBe(201);
    }
    const assignments = await waitFor('the primed cases on the departments lists', async () => {
      const { rows } = await db.query('SELECT id, department_code FROM processing.assignments ORDER BY assigned_at, id');
      const decided = await db.query(`SELECT count(*)::int AS n FROM dispatch.decisions WHERE outcome = 'assigned'`);
      return rows.length > 0 && rows.length === decided.rows[0].n && rows.length >= 10 && rows;
    });
    // Cases the classifier is not sure of, for the dispatchers' triage routes.
    for (let index = 0; index < 6; index++) {
      const response = await fetch(`${stack.url('intake')}/v1/cases`, {
        method: 'POST',
        headers: { authorization: `Bearer ${keyOf('web-portal')}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'consultation',
          channel: 'web-portal',
          description: `我想咨询一下相关情况（${index}）`,
          requester: { name: '王五', phone: `136${String(index).padStart(4, '0')}1234` },
        }),
      });
      expect(response.status).toBe(201);
    }
    await waitFor('the unsure cases in the triage queue', async () => {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM dispatch.triage_cases`);
      return rows[0].n >= 6;
    });
    for (const assignment of assignments.filter((_, index) => index % 2 === 0)) {
      const response = await fetch(`${stack.url('processing')}/v1/assignments/${assignment.id}/sign`, {
        method: 'POST',
        headers: { authorization: `Bearer ${keyOf(assignment.department_code)}` },
      });
      expect(response.status).toBe(200);
    }
    await primeWorkflowStates(assignments.filter((_, index) => index % 2 === 0));
  }

  /** Signed assignments put in the states the workflow's other routes act on, so that each of those can answer 2xx. */
  async function primeWorkflowStates(signed: { id: string; department_code: string }[]): Promise<void> {
    const act = async (id: string, action: string, key: string, body?: unknown) => {
      const response = await fetch(`${stack.url('processing')}/v1/assignments/${id}/${action}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { deadline: string; coHandlers: { assignmentId: string }[] };
    };
    const [clarifying, consulting, extending, replied, notified, leading, alsoClarifying] = signed;
    const own = (assignment: { department_code: string }) => keyOf(assignment.department_code);
    for (const waiting of [clarifying, alsoClarifying].filter(Boolean))
      await act(waiting.id, 'clarification', own(waiting), { question: '请补充具体位置', waitUntil: '2099-01-01T00:00:00Z' });
    await act(consulting.id, 'consultation', own(consulting), { question: '征求第三方意见' });
    const { deadline } = await act(extending.id, 'start', own(extending));
    await act(extending.id, 'extension', own(extending), {
      reason: '需现场勘查',
      requestedDeadline: new Date(Date.parse(deadline) + 3_600_000).toISOString(),
    });
    await act(replied.id, 'reply', own(replied), { text: '已办结。', outcome: 'resolved' });
    await act(notified.id, 'notices', SUPERVISOR_KEY, { kind: 'reminder', text: '请尽快办理' });
    const others = DEV_KEYS.filter((entry) => entry.role === 'department' && entry.subject !== leading.department_code).slice(0, 2);
    let lead = await act(leading.id, 'co-handlers', DISPATCHER_KEY, { departmentCode: others[0].subject });
    lead = await act(leading.id, 'co-handlers', DISPATCHER_KEY, { departmentCode: others[1].subject });
    await act(lead.coHandlers[0].assignmentId, 'sign', others[0].key);
  }

  /**
   * Cases of their own for the requester's self-service (the fuzzed withdrawals would otherwise stop the assignments
   * the workflow routes act on): two open (supplements, withdrawal), two replied, one of them already rated well (so a
   * redo may be asked for whatever the fuzzed ratings are).
   */
  async function primeWithRequesters(): Promise<void> {
    const requester = async (path: string, credential: string, body: unknown) =>
      fetch(`${stack.url('intake')}${path}`, {
        method: 'POST',
        headers: { authorization: credential, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    for (let index = 0; index < 4; index++) {
      const response = await fetch(`${stack.url('intake')}/v1/cases`, {
        method: 'POST',
        headers: { authorization: `Bearer ${keyOf('web-portal')}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'complaint',
          channel: 'web-portal',
          description: `第${index}号自助诉求`,
          requester: { name: '王五', phone: `135${String(index).padStart(4, '0')}1234` },
          categoryCode: 'urban.property-management',
        }),
      });
      expect(response.status).toBe(201);
      const { id, trackingNumber, verificationCode } = (await response.json()) as {
        id: string;
        trackingNumber: string;
        verificationCode: string;
      };
      const credential = `Tracking ${trackingNumber}:${verificationCode}`;
      requesters.push({ trackingNumber, credential });
      if (index < 2) continue;
      const assignment = await waitFor(`the assignment of self-service case ${index}`, async () => {
        const { rows } = await db.query('SELECT id, department_code FROM processing.assignments WHERE case_id = $1', [id]);
        return rows[0] as { id: string; department_code: string } | undefined;
      });
      for (const [action, body] of [['sign'], ['reply', { text: '已办结。', outcome: 'resolved' }]] as const) {
        const answer = await fetch(`${stack.url('processing')}/v1/assignments/${assignment.id}/${action}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${keyOf(assignment.department_code)}`,
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
        });
        expect(answer.status).toBe(200);
      }
      await waitFor(`the reply of self-service case ${index} in intake`, async () => {
        const { rowCount } = await db.query('SELECT 1 FROM intake.case_replies WHERE case_id = $1', [id]);
        return rowCount ? true : undefined;
      });
      if (index === 3) expect((await requester(`/v1/requests/${trackingNumber}/evaluations`, credential, { rating: 5 })).status).toBe(201);
    }
  }

  /** A case returned by every department it reached, until it waits for a dispatcher's arbitration (派单争议审核). */
  async function primeWithArbitration(): Promise<void> {
    const response = await fetch(`${stack.url('intake')}/v1/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keyOf('web-portal')}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'complaint',
        channel: 'web-portal',
        description: '小区物业乱收停车费，业主意见很大',
        requester: { name: '王五', phone: '13599991234' },
        categoryCode: 'urban.property-management',
        location: { regionCode: '430103003' },
      }),
    });
    expect(response.status).toBe(201);
    const { id: caseId } = (await response.json()) as { id: string };
    const returned = new Set<string>();
    await waitFor(
      'the returned case in arbitration',
      async () => {
        if ((await db.query('SELECT 1 FROM dispatch.arbitrations WHERE case_id = $1', [caseId])).rowCount) return true;
        const { rows } = await db.query(
          `SELECT id, department_code FROM processing.assignments WHERE case_id = $1 AND handling_role = 'lead' AND status = 'assigned'`,
          [caseId],
        );
        for (const lead of rows.filter((row) => !returned.has(row.id))) {
          const answer = await fetch(`${stack.url('processing')}/v1/assignments/${lead.id}/return`, {
            method: 'POST',
            headers: { authorization: `Bearer ${keyOf(lead.department_code)}`, 'content-type': 'application/json' },
            body: JSON.stringify({ reason: '不属本单位职责' }),
          });
          expect(answer.status).toBe(200);
          returned.add(lead.id);
        }
        return undefined;
      },
      120000,
    );
  }

  /** Integrators with keys, so that key rotation and revocation have something to act on. */
  async function primeWithIntegrators(): Promise<void> {
    for (const name of ['fuzz-portal', 'fuzz-kiosk']) {
      const headers = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };
      const registered = await fetch(`${stack.url('intake')}/v1/admin/integrators`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name }),
      });
      expect(registered.status).toBe(201);
      for (let i = 0; i < 5; i++) {
        const body = JSON.stringify({ channels: ['web-portal', 'kiosk'] });
        const issued = await fetch(`${stack.url('intake')}/v1/admin/integrators/${name}/keys`, { method: 'POST', headers, body });
        expect(issued.status).toBe(201);
      }
    }
  }

  /** Ids and codes that exist now, each with the keys that may act on it. */
  async function knownValues(): Promise<KnownValues> {
    const cases = await db.query('SELECT id, submitted_by FROM intake.cases ORDER BY submitted_at, id LIMIT 100');
    const assignments = await db.query(
      `SELECT id, department_code FROM processing.assignments ORDER BY status <> 'assigned', assigned_at, id LIMIT 100`,
    );
    const triageCases = await db.query(
      `SELECT case_id FROM dispatch.triage_cases ORDER BY status = 'routed', triaged_at, case_id LIMIT 100`,
    );
    const arbitrations = await db.query(`SELECT case_id FROM dispatch.arbitrations ORDER BY decided_at IS NOT NULL, opened_at LIMIT 10`);
    const departments = DEV_KEYS.filter((entry) => entry.role === 'department');
    const integrators = await db.query('SELECT name FROM intake.integrators ORDER BY name');
    const integratorKeys = await db.query(
      'SELECT id FROM intake.integrator_keys WHERE revoked_at IS NULL ORDER BY created_at DESC, id LIMIT 6',
    );
    return {
      values: [
        ...cases.rows.map((row) => ({ value: row.id, keys: [...keysOf(row.submitted_by), SUPERVISOR_KEY] })),
        ...assignments.rows.map((row) => ({ value: row.id, keys: [...keysOf(row.department_code), DISPATCHER_KEY, SUPERVISOR_KEY] })),
        ...departments.map((entry) => ({ value: entry.subject, keys: [entry.key, SUPERVISOR_KEY] })),
        ...[...integrators.rows.map((row) => row.name), ...integratorKeys.rows.map((row) => row.id)].map((value) => ({
          value,
          keys: [ADMIN_KEY],
        })),
        ...requesters.map((requester) => ({ value: requester.trackingNumber, keys: [requester.credential] })),
        ...triageCases.rows.map((row) => ({ value: row.case_id, keys: KEYS_BY_ROLE.dispatcher })),
        ...arbitrations.rows.map((row) => ({ value: row.case_id, keys: KEYS_BY_ROLE.dispatcher })),
        // Service items of the catalog: publication's public service guides (no key needed).
        ...['430100-000201-xk', '430100-000101-gg'].map((value) => ({ value, keys: [SUPERVISOR_KEY] })),
      ],
      keysByRole: { ...KEYS_BY_ROLE, requester: requesters.map((requester) => requester.credential) },
    };
  }

  async function exchange(route: Route, request: RawRequest, counted: boolean): Promise<void> {
    const response = await send(stack.url(route.service), request).catch((error: Error) => {
      throw new Error(`no answer (${error.message}) for\n  ${describeRequest(request)}`);
    });
    await expectWellBehaved(route, counted, request, response);
  }

  /** Everything an answer must be, whatever was asked. `counted`: a request of the route itself, with its own method. */
  async function expectWellBehaved(route: Route, counted: boolean, request: RawRequest, response: RawResponse): Promise<void> {
    const exchange = () => describeExchange(request, response);
    if (counted) {
      const statuses = answers.get(routeName(route)) ?? new Map<number, number>();
      answers.set(routeName(route), statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1));
    }
    if (response.status >= 500) throw new Error(`a ${response.status} for\n  ${exchange()}`);
    if (response.status >= 400) {
      if (!String(response.headers['content-type']).startsWith('application/problem+json'))
        throw new Error(`an error that is not problem+json:\n  ${exchange()}`);
      if (request.method !== 'HEAD') {
        const problem = JSON.parse(response.body.toString());
        if (problem.status !== response.status || typeof problem.title !== 'string')
          throw new Error(`a problem document that does not match its answer:\n  ${exchange()}`);
      }
    }
    if (response.status < 300 && counted) successes.set(routeName(route), (successes.get(routeName(route)) ?? 0) + 1);
    // What was created reads back as it was answered: nothing was changed on its way to the database.
    const location = response.headers.location;
    if (response.status === 201 && location) {
      const readBack = await send(stack.url(route.service), {
        method: 'GET',
        path: location,
        headers: { authorization: request.headers.authorization },
      });
      const created = JSON.parse(response.body.toString()) as Record<string, unknown>;
      const read = readBack.status === 200 ? (JSON.parse(readBack.body.toString()) as Record<string, unknown>) : undefined;
      const createdAsStored = Object.fromEntries(Object.entries(created).filter(([field]) => !SHOWN_ONCE.includes(field)));
      if (!read || SHOWN_ONCE.some((field) => field in read) || JSON.stringify(read) !== JSON.stringify(createdAsStored))
        throw new Error(
          `what was created reads back otherwise:\n  ${exchange()}\n  read back: ${readBack.status} ${readBack.body.toString().slice(0, 500)}`,
        );
    }
  }

  /** Fuzzes one route; returns why it failed, with what replays it, or undefined. */
  async function fuzz(route: Route, seed: number, numRuns: number): Promise<string | undefined> {
    let known = await knownValues();
    let runs = 0;
    const property = fc.asyncProperty(requestsFor(route), async (spec) => {
      if (++runs % 50 === 0) known = await knownValues();
      for (const preparation of preparations(route, routes, spec, known)) await exchange(route, preparation, false);
      await exchange(route, buildRequest(route, spec, known), spec.method === undefined);
    });
    const details = await fc.check(property, { numRuns, seed, path: process.env.FUZZ_PATH });
    if (!details.failed) return undefined;
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    return `${routeName(route)}: ${error}\n  replay: FUZZ_SEED=${SEED} FUZZ_ROUTE='${routeName(route)}' FUZZ_PATH='${details.counterexamplePath}'`;
  }

  /** What each service serves outside its document: health, metrics, and paths that are no route at all. */
  const undocumented = (): Route[] =>
    SERVICE_NAMES.flatMap((service) =>
      [
        ['GET', '/health'],
        ['GET', '/metrics'],
        ['GET', '/{path}'],
        ['POST', '/v1/{path}'],
      ].map(([method, path]) => ({
        service,
        method,
        path,
        pathParameters: /\{path\}/.test(path) ? ['path'] : [],
        queryParameters: [],
        headerParameters: [],
      })),
    );

  it('answers every request below 500, and every error as problem+json', async () => {
    expect(routes.length).toBeGreaterThan(0);
    const selected = (route: Route) => !process.env.FUZZ_ROUTE || process.env.FUZZ_ROUTE === routeName(route);
    const failures: string[] = [];
    // In the services' order and each document's own (list, sign, then reply), so a route finds the states the
    // ones before it made; a route's seed is SEED plus its place in this order.
    for (const [index, route] of routes.entries()) if (selected(route)) failures.push((await fuzz(route, SEED + index, RUNS)) ?? '');
    for (const [index, route] of undocumented().entries())
      if (selected(route)) failures.push((await fuzz(route, SEED + routes.length + index, Math.ceil(RUNS / 10))) ?? '');
    expect(failures.filter(Boolean)).toEqual([]);
    // Valid-shaped requests did reach the handlers: every documented route answered 2xx at least once, but for the
    // routes whose success needs a case in one exact state and a body naming real catalog codes at once.
    expect(
      routes
        .filter((route) => selected(route) && !successes.get(routeName(route)) && !SUCCESS_PROVEN_ELSEWHERE.includes(routeName(route)))
        .map(routeName),
    ).toEqual([]);
  }, 900000);

  it('leaves no partial row and no event without its row, in any service', async () => {
    let last: string[] = [];
    await waitFor(
      'every table to agree with the events its service wrote',
      async () => {
        last = await invariantViolations(db, reader);
        return last.length === 0;
      },
      90000,
      1000,
    ).catch(() => undefined);
    expect(last).toEqual([]);
  }, 120000);
});
