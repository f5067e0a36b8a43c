import { Client } from 'pg';
import { decodeEvent } from '@ugov/messaging';
import { Events, RoutingBasis, AssignmentRole } from '@ugov/contracts';
import { ServiceStack, TopicReader, waitFor } from '@ugov/testing';
import { ModelStore } from '../../apps/dispatch/src/infra/classification/model-store';
import { readCorrections } from '../../scripts/classifier/labelled-messages';
import { devToken } from '../access/credentials';
import { call, complaint, KEYS, submitComplaint } from '../u-loop/http';

/**
 * The classifier decides, and what it is not sure of waits for a human (人工分拨): a vague complaint goes to the
 * triage queue, a dispatcher claims it and routes it with a reason, the department finds the assignment in
 * processing, and the decision is kept as a labelled example for the next training. Real Kafka, real PostgreSQL.
 */
/** Two dispatchers: the development key's centre, and a staff member signed in at the development issuer. */
const DISPATCHERS = { alice: 'dev-dispatcher-key', bob: '' };
const ALICE = 'city-dispatch-center';
const VAGUE = '我想咨询一下相关情况';
const CLEAR = '小区门口的路灯坏了一个月，晚上很不安全';
const VERSION = new ModelStore().activeVersion();

describe('triage round trip', () => {
  const stack = new ServiceStack({ services: ['intake', 'dispatch', 'processing'] });
  let reader: TopicReader;
  let db: Client;

  beforeAll(async () => {
    await stack.start();
    DISPATCHERS.bob = await devToken('dev-dispatcher');
    reader = await new TopicReader([Events.caseTriaged.topic, Events.caseAssigned.topic], stack.topicPrefix).start();
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await reader?.stop();
    await db?.end();
    await stack.stop();
  });

  const dispatch = (method: 'GET' | 'POST', path: string, key: string, body?: unknown) => call(stack, 'dispatch', method, path, key, body);

  const queuedCase = (caseId: string, key: string) =>
    waitFor(`case ${caseId} in the triage queue`, async () => {
      const response = await dispatch('GET', '/v1/triage', key);
      return response.body.find?.((triage: { caseId: string }) => triage.caseId === caseId);
    });

  it('classifies a text with a calibrated confidence, and says whether a human must decide', async () => {
    const clear = await dispatch('POST', '/v1/classify', KEYS.supervisor, { text: CLEAR, regionCode: '430103' });
    expect(clear).toMatchObject({
      status: 200,
      body: {
        domain: '城乡建设',
        decision: 'auto',
        category: { code: 'urban.02.04' },
        departments: [{ code: 'a2-housing', role: 'lead' }],
        regionCode: '430103',
        catalogVersion: 1,
      },
    });
    expect(clear.body.confidence).toBeGreaterThan(0.9);
    // Without a region code the map point finds the jurisdiction: a street of A2, whose district bureau answers.
    const byPoint = await dispatch('POST', '/v1/classify', KEYS.supervisor, { text: CLEAR, lat: 28.26, long: 112.96 });
    expect(byPoint).toMatchObject({ status: 200, body: { regionCode: '430103003', departments: [{ code: 'a2-housing', role: 'lead' }] } });
    const vague = await dispatch('POST', '/v1/classify', DISPATCHERS.alice, { text: VAGUE });
    expect(vague).toMatchObject({ status: 200, body: { decision: 'triage', classifierVersion: VERSION } });
    expect(vague.body.confidence).toBeLessThan(0.9);

    const bad = await dispatch('POST', '/v1/classify', KEYS.supervisor, { text: ' ', regionCode: '43', lat: 91 });
    expect(bad.status).toBe(400);
    expect(bad.contentType).toContain('application/problem+json');
    expect(bad.body.errors.map((error: { field: string }) => error.field)).toEqual(expect.arrayContaining(['text', 'regionCode', 'lat']));
    expect((await dispatch('POST', '/v1/classify', KEYS.department('city-housing'), { text: CLEAR })).status).toBe(403);
    // Integrators call only intake (their keys live there).
    expect((await dispatch('POST', '/v1/classify', KEYS.portal, { text: CLEAR })).status).toBe(403);
  });

  it('a case the classifier is unsure of waits in the queue until a dispatcher routes it to a department', async () => {
    const submitted = await submitComplaint(stack, VAGUE, { location: { regionCode: '430103003' } });
    const caseId: string = submitted.body.id;

    const queued = await queuedCase(caseId, DISPATCHERS.alice);
    expect(queued).toMatchObject({
      status: 'waiting',
      description: VAGUE,
      classifierVersion: VERSION,
      trackingNumber: submitted.body.trackingNumber,
    });
    expect(queued.reason).toMatch(new RegExp(`classifier ${VERSION} is not sure`));
    await waitFor('the case-triaged event', () => reader.on(Events.caseTriaged.topic, caseId).length === 1);
    expect(decodeEvent(Events.caseTriaged, reader.on(Events.caseTriaged.topic, caseId)[0]).body.reason).toBe(queued.reason);

    expect((await dispatch('GET', '/v1/triage', KEYS.portal)).status).toBe(403);
    const unclaimed = await dispatch('POST', `/v1/triage/${caseId}/route`, DISPATCHERS.alice, {
      categoryCode: 'urban.02.12',
      reason: '物业',
    });
    expect(unclaimed).toMatchObject({ status: 409, body: { code: 'triage-not-claimed' } });

    expect(await dispatch('POST', `/v1/triage/${caseId}/claim`, DISPATCHERS.alice)).toMatchObject({
      status: 200,
      body: { status: 'claimed', claimedBy: ALICE },
    });
    expect(await dispatch('POST', `/v1/triage/${caseId}/claim`, DISPATCHERS.bob)).toMatchObject({
      status: 409,
      body: { code: 'triage-claimed-by-another' },
    });
    expect(
      await dispatch('POST', `/v1/triage/${caseId}/route`, DISPATCHERS.bob, { categoryCode: 'labor.wages', reason: '抢单' }),
    ).toMatchObject({
      status: 409,
    });
    const unknown = await dispatch('POST', `/v1/triage/${caseId}/route`, DISPATCHERS.alice, {
      categoryCode: 'no.such-category',
      reason: '试试',
    });
    expect(unknown).toMatchObject({ status: 422, body: { code: 'unknown-category' } });
    const missingReason = await dispatch('POST', `/v1/triage/${caseId}/route`, DISPATCHERS.alice, {
      categoryCode: 'urban.02.12',
    });
    expect(missingReason.status).toBe(400);
    expect(missingReason.body.errors.map((error: { field: string }) => error.field)).toContain('reason');

    // Property management in a street of A2: the street office leads (直派) and the district bureau is copied.
    const routed = await dispatch('POST', `/v1/triage/${caseId}/route`, DISPATCHERS.alice, {
      categoryCode: 'urban.02.12',
      reason: '电话回访后确认是小区物业不作为',
    });
    expect(routed).toMatchObject({
      status: 200,
      body: { status: 'routed', departmentCode: 'a2-muyun-street', categoryCode: 'urban.02.12' },
    });

    const assignment = await waitFor('the assignment on a2-muyun-street’s list in processing', async () => {
      const response = await call(
        stack,
        'processing',
        'GET',
        '/v1/departments/a2-muyun-street/assignments',
        KEYS.department('a2-muyun-street'),
      );
      return response.body.find?.((candidate: { caseId: string }) => candidate.caseId === caseId);
    });
    expect(assignment).toMatchObject({
      id: routed.body.assignmentId,
      status: 'assigned',
      categoryCode: 'urban.02.12',
      description: VAGUE,
    });
    await waitFor('the lead’s and the copy’s case-assigned events', () => reader.on(Events.caseAssigned.topic, caseId).length === 2);
    const assigned = reader.on(Events.caseAssigned.topic, caseId).map((message) => decodeEvent(Events.caseAssigned, message));
    expect(assigned.map(({ envelope }) => envelope.correlationId)).toEqual([
      submitted.headers['x-correlation-id'],
      submitted.headers['x-correlation-id'],
    ]);
    expect(
      assigned.map(({ body }) => [body.departmentCode, body.role, body.leadAssignmentId, body.catalogVersion, body.regionCode]),
    ).toEqual([
      ['a2-muyun-street', AssignmentRole.LEAD, '', 1, '430103003'],
      ['a2-housing', AssignmentRole.COPY, routed.body.assignmentId, 1, '430103003'],
    ]);
    expect(assigned.map(({ body }) => body.routingBasis)).toEqual([RoutingBasis.CATEGORY_CODE, RoutingBasis.CATEGORY_CODE]);

    expect(
      await dispatch('POST', `/v1/triage/${caseId}/route`, DISPATCHERS.alice, { categoryCode: 'labor.wages', reason: '再派' }),
    ).toMatchObject({
      status: 409,
      body: { code: 'triage-already-routed' },
    });
    expect(await dispatch('POST', `/v1/triage/${caseId}/claim`, DISPATCHERS.bob)).toMatchObject({
      status: 409,
      body: { code: 'triage-already-routed' },
    });
    expect((await dispatch('GET', '/v1/triage', DISPATCHERS.alice)).body.map((triage: { caseId: string }) => triage.caseId)).not.toContain(
      caseId,
    );
    expect(reader.on(Events.caseAssigned.topic, caseId)).toHaveLength(2);

    const decision = await db.query(
      `SELECT outcome, routing_basis, classifier_version, assignment_id, catalog_version, handling_mode, region_code, jurisdiction_basis
         FROM dispatch.decisions WHERE case_id = $1`,
      [caseId],
    );
    expect(decision.rows[0]).toEqual({
      outcome: 'assigned',
      routing_basis: 'dispatcher',
      classifier_version: VERSION,
      assignment_id: assignment.id,
      catalog_version: 1,
      handling_mode: 'single',
      region_code: '430103003',
      jurisdiction_basis: 'region-code',
    });
    const parts = await db.query(`SELECT department_code, role FROM dispatch.assignments WHERE case_id = $1 ORDER BY role DESC`, [caseId]);
    expect(parts.rows).toEqual([
      { department_code: 'a2-muyun-street', role: 'lead' },
      { department_code: 'a2-housing', role: 'copy' },
    ]);
    const example = await db.query(
      `SELECT text, domain, decided_by, classifier_version FROM dispatch.labelled_examples WHERE case_id = $1`,
      [caseId],
    );
    expect(example.rows).toEqual([{ text: VAGUE, domain: '城乡建设', decided_by: ALICE, classifier_version: VERSION }]);
    // What the next `npm run classifier:train` reads from the database.
    expect(await readCorrections(stack.databaseUrl)).toEqual([{ text: VAGUE, domain: '城乡建设' }]);
  });

  it('a dispatcher who names a department makes it the only (lead) department', async () => {
    const submitted = await call(
      stack,
      'intake',
      'POST',
      '/v1/cases',
      KEYS.portal,
      complaint(VAGUE, { location: { regionCode: '430103003' } }),
    );
    const caseId: string = submitted.body.id;
    await queuedCase(caseId, DISPATCHERS.bob);
    expect((await dispatch('POST', `/v1/triage/${caseId}/claim`, DISPATCHERS.bob)).status).toBe(200);
    const unknown = await dispatch('POST', `/v1/triage/${caseId}/route`, DISPATCHERS.bob, {
      categoryCode: 'urban.02.12',
      departmentCode: 'no-such-department',
      reason: '试试',
    });
    expect(unknown).toMatchObject({ status: 422, body: { code: 'unknown-department' } });
    const routed = await dispatch('POST', `/v1/triage/${caseId}/route`, DISPATCHERS.bob, {
      categoryCode: 'urban.02.12',
      departmentCode: 'city-housing',
      reason: '涉及全市物业企业，由市住建局办理',
    });
    expect(routed).toMatchObject({ status: 200, body: { departmentCode: 'city-housing' } });
    await waitFor('the case-assigned event', () => reader.on(Events.caseAssigned.topic, caseId).length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const events = reader.on(Events.caseAssigned.topic, caseId).map((message) => decodeEvent(Events.caseAssigned, message).body);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ departmentCode: 'city-housing', role: AssignmentRole.LEAD, assignmentId: routed.body.assignmentId });
  });

  it('a case the classifier is sure of is dispatched without a human, and its decision names the model', async () => {
    const submitted = await call(
      stack,
      'intake',
      'POST',
      '/v1/cases',
      KEYS.portal,
      complaint(CLEAR, { location: { regionCode: '430103' } }),
    );
    const assignment = await waitFor('the assignment on a2-housing’s list', async () => {
      const response = await call(stack, 'processing', 'GET', '/v1/departments/a2-housing/assignments', KEYS.department('a2-housing'));
      return response.body.find?.((candidate: { caseId: string }) => candidate.caseId === submitted.body.id);
    });
    expect(assignment.categoryCode).toBe('urban.02.04');
    const decision = await db.query(
      `SELECT routing_basis, classifier_version, predicted_domain, confidence, catalog_version, handling_mode, region_code, jurisdiction_basis
         FROM dispatch.decisions WHERE case_id = $1`,
      [submitted.body.id],
    );
    expect(decision.rows[0]).toMatchObject({
      routing_basis: 'domain',
      classifier_version: VERSION,
      predicted_domain: '城乡建设',
      catalog_version: 1,
      handling_mode: 'single',
      region_code: '430103',
      jurisdiction_basis: 'region-code',
    });
    await waitFor('the case-assigned event', () => reader.on(Events.caseAssigned.topic, submitted.body.id).length === 1);
    expect(decodeEvent(Events.caseAssigned, reader.on(Events.caseAssigned.topic, submitted.body.id)[0]).body.routingBasis).toBe(
      RoutingBasis.DOMAIN,
    );
    expect(decision.rows[0].confidence).toBeGreaterThan(0.9);
    const metrics = await (await fetch(`${stack.url('dispatch')}/metrics`)).text();
    expect(metrics).toContain(`ugov_dispatch_classified_cases_total{version="${VERSION}",decision="auto"} 1`);
    expect(metrics).toContain(`ugov_dispatch_classified_cases_total{version="${VERSION}",decision="triage"} 2`);
  });
});
