import { randomUUID } from 'node:crypto';
import { SERVICE_NAMES, ServiceStack, waitFor } from '@ugov/testing';
import { routeName, routesOf, type Route } from '../robustness/openapi';
import { call, complaint } from '../u-loop/http';
import { devToken } from './credentials';

/**
 * Who may call what, cell by cell: every route of every service, read from their OpenAPI documents (so a
 * new route cannot escape: it fails here until it has a row), against every kind of caller.
 */

/** The rule of each route: the roles allowed. A route in a document but not here fails the test, and the other way round. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  'intake POST /v1/cases': ['integrator'],
  'intake GET /v1/cases/{id}': ['integrator', 'dispatcher', 'supervisor'],
  'intake GET /v1/requests/{trackingNumber}': ['requester'],
  'intake POST /v1/requests/{trackingNumber}/supplements': ['requester'],
  'intake POST /v1/requests/{trackingNumber}/withdrawal': ['requester'],
  'intake POST /v1/requests/{trackingNumber}/evaluations': ['requester'],
  'intake POST /v1/requests/{trackingNumber}/redo-requests': ['requester'],
  'intake POST /v1/admin/integrators': ['admin'],
  'intake GET /v1/admin/integrators': ['admin'],
  'intake POST /v1/admin/integrators/{name}/keys': ['admin'],
  'intake POST /v1/admin/keys/{keyId}/rotate': ['admin'],
  'intake POST /v1/admin/keys/{keyId}/revoke': ['admin'],
  'dispatch GET /v1/catalog/versions': ['dispatcher', 'admin', 'supervisor'],
  'dispatch GET /v1/catalog/versions/{version}': ['dispatcher', 'admin', 'supervisor'],
  'dispatch POST /v1/catalog/versions': ['dispatcher', 'admin'],
  'dispatch GET /v1/arbitrations': ['dispatcher'],
  'dispatch POST /v1/classify': ['dispatcher', 'supervisor'],
  'dispatch GET /v1/triage': ['dispatcher'],
  'dispatch POST /v1/triage/{caseId}/claim': ['dispatcher'],
  'dispatch POST /v1/triage/{caseId}/route': ['dispatcher'],
  'dispatch POST /v1/triage/{caseId}/release': ['dispatcher'],
  'dispatch POST /v1/arbitrations/{caseId}/decision': ['dispatcher'],
  'processing GET /v1/departments/{code}/assignments': ['department', 'department-system', 'dispatcher', 'supervisor'],
  'processing GET /v1/departments/{code}/webhook-deliveries': ['department', 'department-system', 'supervisor'],
  'processing GET /v1/assignments/{id}': ['department', 'department-system', 'dispatcher', 'supervisor'],
  'processing POST /v1/assignments/{id}/sign': ['department', 'department-system'],
  'processing POST /v1/assignments/{id}/start': ['department', 'department-system'],
  'processing POST /v1/assignments/{id}/return': ['department', 'department-system'],
  'processing POST /v1/assignments/{id}/extension': ['department', 'department-system'],
  'processing POST /v1/assignments/{id}/clarification': ['department', 'department-system'],
  'processing POST /v1/assignments/{id}/clarification/answer': ['department', 'department-system'],
  'processing POST /v1/assignments/{id}/consultation': ['department', 'department-system'],
  'processing POST /v1/assignments/{id}/consultation/end': ['department', 'department-system'],
  'processing POST /v1/assignments/{id}/part': ['department', 'department-system'],
  'processing POST /v1/assignments/{id}/notices/acknowledge': ['department', 'department-system'],
  'processing POST /v1/assignments/{id}/reply': ['department', 'department-system'],
  'processing POST /v1/assignments/{id}/extension/decision': ['dispatcher'],
  'processing POST /v1/assignments/{id}/co-handlers': ['dispatcher'],
  'processing POST /v1/assignments/{id}/release': ['dispatcher'],
  'processing POST /v1/assignments/{id}/redo': ['dispatcher', 'supervisor'],
  'processing POST /v1/assignments/{id}/notices': ['supervisor'],
  'publication GET /v1/cases/{caseId}/deliveries': ['reviewer', 'supervisor'],
  'publication POST /v1/redact': ['reviewer', 'department', 'supervisor'],
  'publication GET /v1/cases/{caseId}/reply-reviews': ['reviewer', 'supervisor', 'department', 'department-system'],
  'publication POST /v1/censor-rules': ['reviewer', 'department', 'department-system'],
  'publication POST /v1/reply-reviews/{id}/decision': ['reviewer'],
  'publication GET /v1/public/replies': [],
  'publication GET /v1/public/replies/{id}': [],
  'publication GET /v1/channels/health': ['supervisor', 'admin'],
  'publication GET /v1/public/service-guides': [],
  'publication GET /v1/public/service-guides/{code}': [],
  'publication GET /v1/public/disclosure-catalog': [],
  'publication POST /v1/information': ['department', 'admin'],
  'publication GET /v1/information': ['reviewer', 'admin', 'department'],
  'publication POST /v1/information/{id}/decision': ['reviewer'],
  'publication GET /v1/public/information': [],
  'publication GET /v1/public/information/{id}': [],
  'publication GET /v1/public/search': [],
  'publication GET /v1/site-census': ['supervisor', 'reviewer', 'admin'],
  'supervision GET /v1/cases/{id}/timeline': ['dispatcher', 'supervisor'],
  'supervision GET /v1/calendar/due': ['integrator', 'department', 'dispatcher', 'supervisor'],
  'supervision GET /v1/audit/verify': ['supervisor'],
  'supervision GET /v1/cases/{id}/clocks': ['supervisor', 'dispatcher', 'department', 'department-system'],
  'supervision GET /v1/clocks': ['supervisor', 'dispatcher', 'department', 'department-system'],
  'supervision GET /v1/warnings': ['supervisor', 'dispatcher', 'department', 'department-system'],
  'supervision GET /v1/parked-events': ['supervisor', 'admin'],
  'supervision GET /v1/dead-letters': ['supervisor', 'admin'],
  'supervision GET /v1/dead-letters/counts': ['supervisor', 'admin'],
  'supervision GET /v1/evaluations': ['supervisor', 'dispatcher', 'department', 'department-system'],
  'supervision GET /v1/follow-ups': ['supervisor'],
  'supervision POST /v1/follow-ups/{id}/record': ['supervisor'],
  'supervision GET /v1/anomalies': ['supervisor', 'dispatcher', 'department', 'department-system'],
  'supervision GET /v1/kpis': ['supervisor', 'dispatcher', 'department', 'department-system'],
  'supervision GET /v1/kpis.csv': ['supervisor', 'dispatcher', 'department', 'department-system'],
  'supervision GET /v1/cases.csv': ['supervisor', 'dispatcher', 'department', 'department-system'],
};

/** Routes for everyone (@Public, no x-ugov-roles): every caller gets past the door, whatever credential it sends. */
const PUBLIC_ROUTES = [
  'publication GET /v1/public/replies',
  'publication GET /v1/public/replies/{id}',
  'publication GET /v1/public/service-guides',
  'publication GET /v1/public/service-guides/{code}',
  'publication GET /v1/public/disclosure-catalog',
  'publication GET /v1/public/information',
  'publication GET /v1/public/information/{id}',
  'publication GET /v1/public/search',
];

/** What supervisors may change: supervision orders (督办 and 催办 notices, a redo after a bad rating), nothing else. */
const SUPERVISION_ORDERS = ['processing POST /v1/assignments/{id}/notices', 'processing POST /v1/assignments/{id}/redo'];

/**
 * What supervisors record of their own oversight work: the follow-up call (回访) is made by supervision staff, so its
 * outcome is theirs to write; it changes no case, assignment or deadline of another service.
 */
const SUPERVISOR_RECORDS = ['supervision POST /v1/follow-ups/{id}/record'];

/** POST routes that change nothing (the text to look at travels in the body), so reading them is not changing. */
const READS_BY_POST = ['publication POST /v1/redact', 'dispatch POST /v1/classify'];

interface Caller {
  readonly name: string;
  readonly role?: string;
  readonly department?: string;
  credential?: string;
  /** The services that know this credential at all (integrators' managed keys live in intake); default all. */
  readonly knownTo?: readonly string[];
  /** `Authorization: Tracking <number>:<code>` (a requester), known only to requester routes; default a bearer credential. */
  readonly tracking?: boolean;
}

/** Requester routes take only the tracking credential: any bearer credential is unknown there (401), and the other way round. */
const isRequesterRoute = (route: Route) => ALLOWED[routeName(route)]?.includes('requester') ?? false;

const trackingOf = (body: { trackingNumber: string; verificationCode: string }) => ({
  trackingNumber: body.trackingNumber,
  credential: `Tracking ${body.trackingNumber}:${body.verificationCode}`,
});

/** A route of each service that a supervisor's token may call (what it answers does not matter). */
const WARM_UP = [
  ['intake', `/v1/cases/${randomUUID()}`],
  ['dispatch', '/v1/catalog/versions'],
  ['processing', `/v1/assignments/${randomUUID()}`],
  ['publication', `/v1/cases/${randomUUID()}/deliveries`],
  ['supervision', '/v1/clocks'],
] as const;

const HOUSING = 'city-housing';
const ENVIRONMENT = 'city-environment';

describe('authorization matrix', () => {
  // Every cell is asked at once: a service with many routes must not turn them away as overloaded (503).
  const stack = new ServiceStack({ logLevel: 'warn', environment: () => ({ HTTP_MAX_IN_FLIGHT: '2048' }) });
  let routes: Route[] = [];
  const callers: Caller[] = [
    { name: 'no credentials' },
    { name: 'integrator (development key)', role: 'integrator', credential: 'dev-portal-key' },
    { name: 'integrator (managed key)', role: 'integrator', knownTo: ['intake'] },
    { name: `department staff of ${HOUSING}`, role: 'department', department: HOUSING },
    { name: `department system of ${HOUSING}`, role: 'department-system', department: HOUSING },
    { name: 'dispatcher', role: 'dispatcher' },
    { name: 'reviewer', role: 'reviewer' },
    { name: 'supervisor', role: 'supervisor' },
    { name: 'admin', role: 'admin' },
    { name: 'requester (of the request in the path)', role: 'requester', tracking: true, knownTo: ['intake'] },
  ];
  let trackingNumber = '';
  const tokenSubject: Record<string, string> = {
    department: `dev-${HOUSING}-handler`,
    'department-system': `${HOUSING}-system`,
    dispatcher: 'dev-dispatcher',
    reviewer: 'dev-reviewer',
    supervisor: 'dev-supervisor',
    admin: 'dev-admin',
  };

  beforeAll(async () => {
    await stack.start();
    for (const caller of callers)
      if (caller.role && tokenSubject[caller.role]) caller.credential = await devToken(tokenSubject[caller.role]);
    const admin = callers.find((caller) => caller.role === 'admin')!.credential;
    await call(stack, 'intake', 'POST', '/v1/admin/integrators', admin, { name: 'matrix-portal' });
    const issued = await call(stack, 'intake', 'POST', '/v1/admin/integrators/matrix-portal/keys', admin, { channels: ['web-portal'] });
    callers.find((caller) => caller.name === 'integrator (managed key)')!.credential = issued.body.key;
    const request = await call(stack, 'intake', 'POST', '/v1/cases', 'dev-portal-key', complaint('楼道里的灯坏了，晚上看不见'));
    expect(request.status).toBe(201);
    const requester = trackingOf(request.body);
    trackingNumber = requester.trackingNumber;
    callers.find((caller) => caller.role === 'requester')!.credential = requester.credential;
    routes = (await Promise.all(SERVICE_NAMES.map((service) => routesOf(service, stack.url(service))))).flat();
    // Each service fetches the issuer's keys on its first token: let it, before the burst of cells (on a loaded machine the
    // burst can starve that fetch, and every token would be a 503 until the fetch's cool-down ends).
    const supervisor = callers.find((caller) => caller.role === 'supervisor')!.credential;
    for (const [service, path] of WARM_UP)
      await waitFor(`${service} to know the issuer's keys`, async () => (await call(stack, service, 'GET', path, supervisor)).status !== 503);
  });
  afterAll(() => stack.stop());

  it('has a rule for every route in the documents, and every rule is a route', () => {
    expect(routes.map(routeName).sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it("documents each route's roles (x-ugov-roles) as the rule says", () => {
    for (const route of routes)
      expect({ route: routeName(route), roles: [...(route.roles ?? [])].sort() }).toEqual({
        route: routeName(route),
        roles: [...ALLOWED[routeName(route)]].sort(),
      });
  });

  it('lets supervisors read everything and change nothing but supervision orders and their own records', () => {
    const changing = Object.entries(ALLOWED)
      .filter(([route, roles]) => roles.includes('supervisor') && !/ GET /.test(route) && !READS_BY_POST.includes(route))
      .map(([route]) => route);
    expect(changing.sort()).toEqual([...SUPERVISION_ORDERS, ...SUPERVISOR_RECORDS].sort());
  });

  it('answers every cell: allowed callers get past the door, others are refused (401 without a credential the service knows, 403 with the wrong role)', async () => {
    const pathOf = (route: Route, caller: Caller) =>
      route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        if (name === 'code') return caller.department ?? HOUSING;
        if (name === 'name') return 'matrix-nobody';
        if (name === 'keyId') return 'nosuchkey000';
        if (name === 'trackingNumber') return trackingNumber;
        return randomUUID();
      });
    const cells = routes.flatMap((route) => callers.map((caller) => ({ route, caller })));
    const outcomes = await Promise.all(
      cells.map(async ({ route, caller }) => {
        const response = await call(
          stack,
          route.service,
          route.method as 'GET' | 'POST',
          pathOf(route, caller),
          caller.tracking ? undefined : caller.credential,
          route.method === 'GET' ? undefined : {},
          caller.tracking && caller.credential ? { authorization: caller.credential } : {},
        );
        const allowed = caller.role !== undefined && ALLOWED[routeName(route)].includes(caller.role);
        const known =
          caller.credential !== undefined &&
          (caller.knownTo?.includes(route.service) ?? true) &&
          (caller.tracking ?? false) === isRequesterRoute(route);
        // A credential the service does not know is a 401 even where its role would be allowed (a managed integrator key
        // outside intake, on supervision's calendar).
        const expected = PUBLIC_ROUTES.includes(routeName(route)) ? 'allowed' : !known ? 401 : allowed ? 'allowed' : 403;
        const actual = [401, 403].includes(response.status) ? response.status : response.status < 500 ? 'allowed' : response.status;
        return { cell: `${routeName(route)} as ${caller.name}`, expected, actual };
      }),
    );
    expect(outcomes.filter((outcome) => outcome.actual !== outcome.expected)).toEqual([]);
    expect(outcomes).toHaveLength(Object.keys(ALLOWED).length * callers.length);
  });

  /**
   * GeoReport v2 routes stay out of OpenAPI (their own protocol, documented in the README), so they have their rule
   * here: discovery and services are public; the rest are for integrators, whose key comes as `api_key` and goes
   * through the same access guard. GeoReport has no 401: a missing, unknown or non-integrator key is its 403.
   */
  const OPEN311_ROUTES: readonly { method: 'GET' | 'POST'; path: string; public: boolean }[] = [
    { method: 'GET', path: '/open311/v2/discovery.json', public: true },
    { method: 'GET', path: '/open311/v2/services.json', public: true },
    { method: 'GET', path: '/open311/v2/services/urban.sanitation.json', public: true },
    { method: 'POST', path: '/open311/v2/requests.json', public: false },
    { method: 'GET', path: '/open311/v2/requests.json', public: false },
    { method: 'GET', path: '/open311/v2/requests/UG00000000000000.json', public: false },
    { method: 'GET', path: `/open311/v2/tokens/${randomUUID()}.json`, public: false },
    { method: 'GET', path: '/open311/v2/servicerequestupdates.json', public: false },
  ];

  it('answers every Open311 cell: public routes to anyone, the others to integrators by api_key, 403 to everyone else', async () => {
    const outcomes = await Promise.all(
      OPEN311_ROUTES.flatMap((route) =>
        callers.map(async (caller) => {
          const key: Record<string, string> = caller.credential === undefined ? {} : { api_key: caller.credential };
          const response =
            route.method === 'GET'
              ? await call(stack, 'intake', 'GET', `${route.path}?${new URLSearchParams(key).toString()}`, undefined)
              : await call(stack, 'intake', 'POST', route.path, undefined, key);
          const expected = route.public || caller.role === 'integrator' ? 'allowed' : 403;
          const actual = [401, 403].includes(response.status) ? response.status : response.status < 500 ? 'allowed' : response.status;
          return { cell: `intake ${route.method} ${route.path} as ${caller.name}`, expected, actual };
        }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.actual !== outcome.expected)).toEqual([]);
    expect(outcomes).toHaveLength(OPEN311_ROUTES.length * callers.length);
  });

  describe('departments and integrators keep to their own', () => {
    let caseId: string;
    let assignmentId: string;

    beforeAll(async () => {
      const submitted = await call(
        stack,
        'intake',
        'POST',
        '/v1/cases',
        'dev-portal-key',
        complaint('小区门口的路灯坏了一个月，晚上很不安全', { location: { regionCode: '430104' } }),
      );
      expect(submitted.status).toBe(201);
      caseId = submitted.body.id;
      const housing = await devToken(`dev-${HOUSING}-handler`);
      assignmentId = await waitFor(`the assignment of ${caseId} in ${HOUSING}`, async () => {
        const listed = await call(stack, 'processing', 'GET', `/v1/departments/${HOUSING}/assignments`, housing);
        return listed.body.find?.((assignment: { caseId: string; id: string }) => assignment.caseId === caseId)?.id as string | undefined;
      });
    });

    it.each([
      ['department staff', `dev-${ENVIRONMENT}-handler`],
      ['a department system', `${ENVIRONMENT}-system`],
    ])("keeps %s (%s) out of another department's assignments", async (_who, subject) => {
      const intruder = await devToken(subject);
      expect((await call(stack, 'processing', 'GET', `/v1/departments/${HOUSING}/assignments`, intruder)).status).toBe(403);
      expect((await call(stack, 'processing', 'POST', `/v1/assignments/${assignmentId}/sign`, intruder)).status).toBe(404);
      expect((await call(stack, 'processing', 'POST', `/v1/assignments/${assignmentId}/start`, intruder)).status).toBe(404);
      expect((await call(stack, 'processing', 'GET', `/v1/assignments/${assignmentId}`, intruder)).status).toBe(404);
      expect((await call(stack, 'processing', 'GET', `/v1/departments/${HOUSING}/webhook-deliveries`, intruder)).status).toBe(403);
      const reply = { text: '已处理', outcome: 'resolved' };
      expect((await call(stack, 'processing', 'POST', `/v1/assignments/${assignmentId}/reply`, intruder, reply)).status).toBe(404);
      const own = await call(stack, 'processing', 'GET', `/v1/departments/${ENVIRONMENT}/assignments`, intruder);
      expect(own.status).toBe(200);
      expect(own.body.map((assignment: { id: string }) => assignment.id)).not.toContain(assignmentId);
    });

    it("lets the department's system act on its own department's assignment", async () => {
      const system = await devToken(`${HOUSING}-system`);
      expect((await call(stack, 'processing', 'POST', `/v1/assignments/${assignmentId}/sign`, system)).status).toBe(200);
    });

    it('names the actor of every hop a caller made on the timeline: integrator and key, department system and department', async () => {
      const managed = callers.find((caller) => caller.name === 'integrator (managed key)')!.credential!;
      const submitted = await call(
        stack,
        'intake',
        'POST',
        '/v1/cases',
        managed,
        complaint('小区门口的路灯坏了一个月，晚上很不安全', { location: { regionCode: '430104' } }),
      );
      expect(submitted.status).toBe(201);
      const system = await devToken(`${HOUSING}-system`);
      const assignment = await waitFor('its assignment', async () => {
        const listed = await call(stack, 'processing', 'GET', `/v1/departments/${HOUSING}/assignments`, system);
        return listed.body.find?.((candidate: { caseId: string; id: string }) => candidate.caseId === submitted.body.id)?.id as
          string | undefined;
      });
      expect((await call(stack, 'processing', 'POST', `/v1/assignments/${assignment}/sign`, system)).status).toBe(200);
      const supervisor = await devToken('dev-supervisor');
      const timeline = await waitFor('the signing on the timeline', async () => {
        const response = await call(stack, 'supervision', 'GET', `/v1/cases/${submitted.body.id}/timeline`, supervisor);
        const hops = response.body.hops as { type: string; details: Record<string, string> }[] | undefined;
        return hops?.some((hop) => hop.type.includes('assignment-signed')) ? hops : undefined;
      });
      const detailsOf = (type: string) => timeline.find((hop) => hop.type.includes(type))!.details;
      expect(detailsOf('case-submitted')).toMatchObject({
        actorSubject: 'matrix-portal',
        actorRoles: 'integrator',
        actorKeyId: managed.split('_')[1],
      });
      expect(detailsOf('assignment-signed')).toMatchObject({
        actorSubject: `${HOUSING}-system`,
        actorRoles: 'department-system',
        actorDepartment: HOUSING,
      });
    });

    it("keeps a requester to their own request: another's number or code is refused like a wrong code", async () => {
      const mine = callers.find((caller) => caller.role === 'requester')!.credential!;
      const other = await call(stack, 'intake', 'POST', '/v1/cases', 'dev-portal-key', complaint('小区垃圾三天没人清运'));
      expect(other.status).toBe(201);
      const theirs = trackingOf(other.body);
      const read = (number: string, authorization: string) =>
        call(stack, 'intake', 'GET', `/v1/requests/${number}`, undefined, undefined, { authorization });
      expect((await read(trackingNumber, mine)).status).toBe(200);
      expect((await read(theirs.trackingNumber, mine)).status).toBe(401);
      const myCode = mine.split(':')[1];
      expect((await read(theirs.trackingNumber, `Tracking ${theirs.trackingNumber}:${myCode}`)).status).toBe(401);
      expect((await read(theirs.trackingNumber, theirs.credential)).status).toBe(200);
      // Nor may they act on another's request: supplement, withdraw, evaluate or ask for a redo.
      for (const [action, body] of [
        ['supplements', { text: '补充' }],
        ['withdrawal', { reason: '撤回' }],
        ['evaluations', { rating: 1 }],
        ['redo-requests', { reason: '重办' }],
      ] as const) {
        const acted = await call(stack, 'intake', 'POST', `/v1/requests/${theirs.trackingNumber}/${action}`, undefined, body, {
          authorization: mine,
        });
        expect({ action, status: acted.status }).toEqual({ action, status: 401 });
      }
      expect((await read(theirs.trackingNumber, theirs.credential)).body).toMatchObject({ supplements: [], withdrawal: null });
    });

    it("shows an integrator's case to nobody but that integrator among integrators", async () => {
      expect((await call(stack, 'intake', 'GET', `/v1/cases/${caseId}`, 'dev-portal-key')).status).toBe(200);
      expect((await call(stack, 'intake', 'GET', `/v1/cases/${caseId}`, 'dev-hotline-key')).status).toBe(404);
      const managed = callers.find((caller) => caller.name === 'integrator (managed key)')!.credential;
      expect((await call(stack, 'intake', 'GET', `/v1/cases/${caseId}`, managed)).status).toBe(404);
    });
  });
});
