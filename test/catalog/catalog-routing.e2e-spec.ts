import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import {
  AssignmentRole,
  CaseType,
  Channel,
  Events,
  HandlingMode,
  JurisdictionBasis,
  RoutingBasis,
  timestampFromDate,
  type CaseAssigned,
} from '@ugov/contracts';
import { decodeEvent, encodeEvent } from '@ugov/messaging';
import { ServiceStack, testBrokers, TopicReader, waitFor } from '@ugov/testing';
import demoCity from '../../apps/dispatch/catalog/demo-city.json';
import { call, KEYS, submitComplaint } from '../u-loop/http';

/**
 * Routing in the demonstration city through real processes, Kafka and PostgreSQL: a case placed by its region
 * code, by a map point or by the place names in its text, joint handling, and catalog versions by acceptance time.
 * Cases without a category code get their duty from the domain classifier (texts it is sure of, ≥ its threshold),
 * refined to a category of that domain by the catalog's keywords.
 */
describe('catalog routing in the demonstration city', () => {
  const stack = new ServiceStack({ services: ['intake', 'dispatch'] });
  const dispatcher = 'dev-dispatcher-key';
  let reader: TopicReader;
  let db: Client;

  beforeAll(async () => {
    await stack.start();
    reader = await new TopicReader([Events.caseAssigned.topic, Events.caseTriaged.topic], stack.topicPrefix).start();
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await reader?.stop();
    await db?.end();
    await stack.stop();
  });

  /** The case's assignments once `count` of them are on Kafka, lead first. */
  const assignmentsOf = async (caseId: string, count: number): Promise<CaseAssigned[]> => {
    const messages = await waitFor(`${count} assignment(s) of ${caseId}`, async () => {
      const found = reader.on(Events.caseAssigned.topic, caseId);
      return found.length >= count ? found : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const all = reader.on(Events.caseAssigned.topic, caseId).map((message) => decodeEvent(Events.caseAssigned, message).body);
    expect(all).toHaveLength(count);
    expect(messages.length).toBe(count);
    return all.sort((a, b) => a.role - b.role);
  };

  const submit = async (description: string, extra: Record<string, unknown> = {}): Promise<string> => {
    const response = await submitComplaint(stack, description, extra);
    return response.body.id;
  };

  it('starts with the demonstration city as catalog version 1', async () => {
    const versions = await call(stack, 'dispatch', 'GET', '/v1/catalog/versions', dispatcher);
    expect(versions).toMatchObject({
      status: 200,
      body: [{ version: 1, source: 'apps/dispatch/catalog/demo-city.json', importedBy: 'start-up' }],
    });
    const document = await call(stack, 'dispatch', 'GET', '/v1/catalog/versions/1', dispatcher);
    expect(document.body.departments).toHaveLength(48);
  });

  it('routes a case by its region code alone: a street with an office gets it, copied to its district (直派)', async () => {
    const caseId = await submit('小区门口垃圾站的垃圾一个星期没人清运，环卫保洁不到位', { location: { regionCode: '430103003' } });
    const [lead, copy] = await assignmentsOf(caseId, 2);
    expect(lead).toMatchObject({
      departmentCode: 'a2-muyun-street',
      departmentName: '暮云街道办事处',
      role: AssignmentRole.LEAD,
      handlingMode: HandlingMode.SINGLE,
      regionCode: '430103003',
      jurisdictionBasis: JurisdictionBasis.REGION_CODE,
      catalogVersion: 1,
      leadAssignmentId: '',
      categoryCode: 'urban.02.14',
      routingBasis: RoutingBasis.DOMAIN,
    });
    expect(copy).toMatchObject({ departmentCode: 'a2-urban-management', role: AssignmentRole.COPY, leadAssignmentId: lead.assignmentId });
  });

  it('routes a case by a map point alone, to the street whose boundary holds it', async () => {
    const caseId = await submit('楼下的生活垃圾堆了一个星期没人清理，臭气熏天，环卫工人也不来清运，请城管部门尽快处理', {
      location: { lat: 28.16, long: 112.915 },
    });
    const [lead, copy] = await assignmentsOf(caseId, 2);
    expect(lead).toMatchObject({
      departmentCode: 'a5-dongjing-street',
      regionCode: '430111001',
      jurisdictionBasis: JurisdictionBasis.MAP_POINT,
    });
    expect(copy).toMatchObject({ departmentCode: 'a5-urban-management', role: AssignmentRole.COPY });
  });

  it('routes a case by its text alone: the classifier for the duty, place names for the jurisdiction', async () => {
    const caseId = await submit('我在A7县星沙街道一家公司上班，公司拖欠工资三个月，劳动合同也不给签，社保也没交');
    const [lead] = await assignmentsOf(caseId, 1);
    expect(lead).toMatchObject({
      departmentCode: 'a7-hrss',
      regionCode: '430121001',
      jurisdictionBasis: JurisdictionBasis.DESCRIPTION,
      handlingMode: HandlingMode.SINGLE,
      categoryCode: 'labor.03.06',
      routingBasis: RoutingBasis.DOMAIN,
    });
    const { rows } = await db.query(
      'SELECT routing_basis, predicted_domain, catalog_version, region_code FROM dispatch.decisions WHERE case_id = $1',
      [caseId],
    );
    expect(rows).toEqual([{ routing_basis: 'domain', predicted_domain: '劳动和社会保障', catalog_version: 1, region_code: '430121001' }]);
  });

  it('gives a lead + co-handler case (主办协办) two assignments, and records both', async () => {
    const caseId = await submit('马路中间的排水管网破了，路面塌陷', { categoryCode: 'urban.02.11' });
    const [lead, co] = await assignmentsOf(caseId, 2);
    expect(lead).toMatchObject({ departmentCode: 'city-housing', role: AssignmentRole.LEAD, handlingMode: HandlingMode.LEAD_CO });
    expect(co).toMatchObject({
      departmentCode: 'city-urban-management',
      role: AssignmentRole.CO,
      handlingMode: HandlingMode.LEAD_CO,
      leadAssignmentId: lead.assignmentId,
    });
    expect(co.deadline).toEqual(lead.deadline);
    const { rows } = await db.query('SELECT department_code, role FROM dispatch.assignments WHERE case_id = $1 ORDER BY role DESC', [
      caseId,
    ]);
    expect(rows).toEqual([
      { department_code: 'city-housing', role: 'lead' },
      { department_code: 'city-urban-management', role: 'co' },
    ]);
  });

  it("applies the category's own reply limit: a gas-supply complaint is due in 1 working day, not 10", async () => {
    const caseId = await submit('小区燃气管道漏气，燃气公司一直没人来修', { categoryCode: 'urban.02.13' });
    const [lead] = await assignmentsOf(caseId, 1);
    const days = (Number(lead.deadline!.seconds) - Number(lead.assignedAt!.seconds)) / 86400;
    // One working day, so at most a few calendar days even across a holiday; ten working days are at least fourteen.
    expect(days).toBeGreaterThan(0);
    expect(days).toBeLessThan(10);
  });

  describe('catalog versions', () => {
    /** Version 2 gives wage arrears (工资发放) to the justice bureau instead of human resources. */
    const version2 = () => {
      const document = JSON.parse(JSON.stringify(demoCity));
      const wages = document.categories.find((category: { aliases?: string[] }) => category.aliases?.includes('labor.wages')).code;
      document.routes.find((route: { category: string }) => route.category === wages).levels = { city: { lead: 'justice' } };
      return document;
    };
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

    it('checks a catalog without storing it, names every problem, and lets only a dispatcher import', async () => {
      const dryRun = await call(stack, 'dispatch', 'POST', '/v1/catalog/versions', dispatcher, { catalog: version2(), dryRun: true });
      expect(dryRun).toMatchObject({
        status: 200,
        body: { stored: false, counts: { regions: 36, departments: 48, categories: 517, routes: 517 } },
      });

      const broken = version2();
      broken.routes[0].levels.city.lead = 'astrology';
      broken.departments[0].region = '999999';
      const refused = await call(stack, 'dispatch', 'POST', '/v1/catalog/versions', dispatcher, {
        catalog: broken,
        effectiveFrom: '2026-02-30',
      });
      expect(refused).toMatchObject({
        status: 400,
        body: { errors: [{ field: 'effectiveFrom', reason: 'effectiveFrom 2026-02-30 is not a day of the calendar' }] },
      });
      expect(refused.contentType).toContain('application/problem+json');
      const invalid = await call(stack, 'dispatch', 'POST', '/v1/catalog/versions', dispatcher, { catalog: broken });
      expect(invalid).toMatchObject({ status: 400 });
      expect(invalid.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'catalog.departments[0].region', reason: 'unknown region "999999"' },
          { field: 'catalog.routes[0].levels.city.lead', reason: 'no city department is of kind astrology' },
        ]),
      );
      const asDepartment = await call(stack, 'dispatch', 'POST', '/v1/catalog/versions', KEYS.department('city-hrss'), {
        catalog: version2(),
      });
      expect(asDepartment.status).toBe(403);
      const { rows } = await db.query('SELECT count(*)::int AS versions FROM dispatch.catalog_versions');
      expect(rows[0].versions).toBe(1);
    });

    it('routes a case by the version in force when it was accepted, not when it is dispatched', async () => {
      const imported = await call(stack, 'dispatch', 'POST', '/v1/catalog/versions', dispatcher, {
        catalog: version2(),
        effectiveFrom: today,
      });
      expect(imported).toMatchObject({
        status: 200,
        body: { stored: true, version: { version: 2, importedBy: 'dispatcher:city-dispatch-center' } },
      });
      const effectiveFrom = new Date(imported.body.version.effectiveFrom);
      expect(effectiveFrom.toISOString()).toBe(new Date(`${today}T00:00:00+08:00`).toISOString());

      const after = await submit('公司拖欠工资三个月，劳动合同也不给签');
      // A case accepted before the effective time, reaching dispatch only now (a backlog, an outage).
      const before = randomUUID();
      const kafka = new Kafka({ clientId: 'ugov-test-catalog', brokers: testBrokers(), logLevel: logLevel.NOTHING });
      const producer = kafka.producer();
      await producer.connect();
      const event = encodeEvent(Events.caseSubmitted, before, {
        caseId: before,
        trackingNumber: `T-${before}`,
        type: CaseType.COMPLAINT,
        channel: Channel.HOTLINE_12345,
        description: '公司拖欠工资三个月，劳动合同也不给签',
        submittedAt: timestampFromDate(new Date(effectiveFrom.getTime() - 3600_000)),
      });
      await producer.send({
        topic: `${stack.topicPrefix}${event.topic}`,
        messages: [{ key: event.key, value: Buffer.from(event.value), headers: event.headers }],
      });
      await producer.disconnect();

      const [late] = await assignmentsOf(after, 1);
      const [early] = await assignmentsOf(before, 1);
      expect(late).toMatchObject({ departmentCode: 'city-justice', catalogVersion: 2 });
      expect(early).toMatchObject({ departmentCode: 'city-hrss', catalogVersion: 1 });
      const { rows } = await db.query('SELECT case_id, catalog_version FROM dispatch.decisions WHERE case_id = ANY($1)', [[after, before]]);
      expect(
        Object.fromEntries(rows.map((row: { case_id: string; catalog_version: number }) => [row.case_id, row.catalog_version])),
      ).toEqual({
        [after]: 2,
        [before]: 1,
      });
      const versions = await call(stack, 'dispatch', 'GET', '/v1/catalog/versions', dispatcher);
      expect(versions.body.map((version: { version: number }) => version.version)).toEqual([1, 2]);
    });
  });
});
