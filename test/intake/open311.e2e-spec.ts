import * as iconv from 'iconv-lite';
import { XMLParser } from 'fast-xml-parser';
import { Client } from 'pg';
import { Channel, Events } from '@ugov/contracts';
import { decodeEvent } from '@ugov/messaging';
import { ServiceStack, TopicReader, waitFor } from '@ugov/testing';
import { call, complaint, KEYS } from '../u-loop/http';

/**
 * Our conformance suite for GeoReport v2 (http://wiki.open311.org/GeoReport_v2) and its servicerequestupdates
 * extension, written from the spec and run against the real intake in JSON and in XML. It drives the API as an
 * integrator would: a plain HTTP client, form-encoded POSTs, the api_key parameter, no ugov library.
 */
const OPEN311_KEY = 'dev-open311-key';
const OTHER_KEY = 'dev-portal-key';
const FORMATS = ['json', 'xml'] as const;
type Format = (typeof FORMATS)[number];

/** Elements the spec's XML repeats, read as arrays even when there is one. */
const REPEATED = new Set(['service', 'attribute', 'value', 'endpoint', 'format', 'request', 'error', 'request_update']);
const xml = new XMLParser({ isArray: (name) => REPEATED.has(name), parseTagValue: false });

/** What the spec's JSON array or object is, read from either format (XML unwrapped from its root and list elements). */
function documentOf(format: Format, text: string, root: string, item?: string): any {
  if (format === 'json') return JSON.parse(text);
  const parsed = xml.parse(text)[root];
  return item ? (parsed?.[item] ?? []) : parsed;
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const bool = (value: unknown) => value === true || value === 'true';

describe('Open311 GeoReport v2', () => {
  // Dispatch, processing and publication run too, so that a request can be followed through the loop to its answer.
  const stack = new ServiceStack({ services: ['intake', 'dispatch', 'processing', 'publication'] });
  let reader: TopicReader;
  let base: string;
  let db: Client;

  beforeAll(async () => {
    await stack.start();
    reader = await new TopicReader([Events.caseSubmitted.topic, Events.caseAssigned.topic], stack.topicPrefix).start();
    base = `${stack.url('intake')}/open311/v2`;
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await reader?.stop();
    await db?.end();
    await stack.stop();
  });

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}/${path}`, { headers });
    return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
  };
  const post = async (path: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) => {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) form.append(name, one);
    const response = await fetch(`${base}/${path}`, { method: 'POST', body: form, headers });
    return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
  };
  const errorsOf = (format: Format, text: string) =>
    documentOf(format, text, 'errors', 'error').map((error: any) => ({ code: Number(error.code), description: error.description }));

  // Each request from a requester of its own: dispatch links one requester's similar requests (并单), which closes them.
  let requesters = 0;
  const noiseRequest = (extra: Record<string, string | string[]> = {}) => ({
    api_key: OPEN311_KEY,
    service_code: 'environment.noise',
    'attribute[SOURCE][]': ['traffic', 'business'],
    lat: '28.19',
    long: '112.97',
    description: '夜间施工噪音扰民',
    first_name: '五',
    last_name: '𠀀',
    phone: `137${String(requesters++ % 10_000).padStart(4, '0')}1234`,
    ...extra,
  });

  describe.each(FORMATS)('in %s', (format) => {
    const contentType = format === 'json' ? 'application/json' : 'text/xml';

    it('discovery lists this endpoint with the GeoReport v2 specification and both formats', async () => {
      const response = await get(`discovery.${format}`);
      expect(response.status).toBe(200);
      expect(response.type).toContain(contentType);
      const discovery = documentOf(format, response.text, 'discovery');
      expect(discovery.changeset).toMatch(ISO_WITH_ZONE);
      const endpoints = format === 'json' ? discovery.endpoints : discovery.endpoints.endpoint;
      expect(endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${base}`, type: 'production' });
      const formats = format === 'json' ? endpoints[0].formats : endpoints[0].formats.format;
      expect(formats).toEqual(expect.arrayContaining(['application/json', 'text/xml']));
    });

    it('services lists each service with the fields the spec requires', async () => {
      const response = await get(`services.${format}`);
      expect(response.status).toBe(200);
      const services = documentOf(format, response.text, 'services', 'service');
      expect(services.length).toBeGreaterThan(10);
      for (const service of services) {
        expect(service).toEqual(
          expect.objectContaining({
            service_code: expect.any(String),
            service_name: expect.any(String),
            description: expect.any(String),
            group: expect.any(String),
          }),
        );
        expect(['true', 'false', true, false]).toContain(service.metadata);
        expect(['realtime', 'batch', 'blackbox']).toContain(service.type);
        expect(typeof service.keywords).toBe('string');
      }
      // Every service with metadata has a definition; its attributes follow the spec.
      for (const service of services.filter((candidate: any) => bool(candidate.metadata))) {
        const definitionResponse = await get(`services/${service.service_code}.${format}`);
        expect(definitionResponse.status).toBe(200);
        const definition = documentOf(format, definitionResponse.text, 'service_definition');
        expect(definition.service_code).toBe(service.service_code);
        const attributes = format === 'json' ? definition.attributes : definition.attributes.attribute;
        expect(attributes.length).toBeGreaterThan(0);
        for (const attribute of attributes) {
          expect(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']).toContain(attribute.datatype);
          expect(bool(attribute.variable)).toBe(true);
          expect(['true', 'false', true, false]).toContain(attribute.required);
          expect(Number(attribute.order)).toBeGreaterThan(0);
          expect(attribute.code).toEqual(expect.any(String));
          if (attribute.datatype.endsWith('valuelist')) {
            const values = format === 'json' ? attribute.values : attribute.values.value;
            expect(values.length).toBeGreaterThan(0);
            for (const value of values) expect(value).toEqual({ key: expect.any(String), name: expect.any(String) });
          }
        }
      }
    });

    it('answers an unknown service, request or token with the error array and 404', async () => {
      for (const path of [
        `services/no.such-service.${format}`,
        `requests/UG00000000000000.${format}?api_key=${OPEN311_KEY}`,
        `tokens/00000000-0000-4000-8000-000000000000.${format}?api_key=${OPEN311_KEY}`,
      ]) {
        const response = await get(path);
        expect({ path, status: response.status }).toEqual({ path, status: 404 });
        expect(errorsOf(format, response.text)).toEqual([{ code: 404, description: expect.any(String) }]);
      }
    });

    it('refuses a POST without an integrator api_key (403), and names each bad parameter (400)', async () => {
      const { api_key: _, ...withoutKey } = noiseRequest();
      for (const fields of [withoutKey, { ...withoutKey, api_key: 'not-a-key-at-all' }, { ...withoutKey, api_key: 'dev-supervisor-key' }]) {
        const response = await post(`requests.${format}`, fields);
        expect(response.status).toBe(403);
        expect(errorsOf(format, response.text)).toEqual([{ code: 403, description: expect.any(String) }]);
      }
      const bad = await post(
        `requests.${format}`,
        noiseRequest({ lat: '', long: '', 'attribute[SOURCE][]': 'fireworks', phone: 'call me' }),
        { 'accept-language': 'en' },
      );
      expect(bad.status).toBe(400);
      const descriptions = errorsOf(format, bad.text).map((error: { description: string }) => error.description);
      expect(descriptions).toEqual(
        expect.arrayContaining([expect.stringMatching(/^lat: /), expect.stringMatching(/^attribute\[SOURCE\] must be one of/)]),
      );
      const unknown = await post(`requests.${format}`, noiseRequest({ service_code: 'no.such-service' }));
      // Named in Chinese too (the default language).
      expect(unknown.status).toBe(400);
      expect(errorsOf(format, unknown.text)[0].description).toMatch(/^service_code/);
      const badPhone = await post(`requests.${format}`, noiseRequest({ phone: 'call me' }), { 'accept-language': 'en' });
      expect(errorsOf(format, badPhone.text)).toEqual([{ code: 400, description: expect.stringMatching(/^phone\b/) }]);
    });

    it('takes a request, and gives it back by id, by token, in searches and in updates', async () => {
      const accepted = await post(
        `requests.${format}`,
        noiseRequest({ description: `夜间施工噪音扰民 (${format})`, device_id: 'device-9', account_id: 'acct-1' }),
      );
      expect(accepted.status).toBe(201);
      const [created] = documentOf(format, accepted.text, 'service_requests', 'request');
      expect(created).toMatchObject({
        service_request_id: expect.stringMatching(/^UG\d{14}$/),
        token: expect.any(String),
        account_id: 'acct-1',
      });
      const id = created.service_request_id;

      const byId = await get(`requests/${id}.${format}?api_key=${OPEN311_KEY}`);
      expect(byId.status).toBe(200);
      const [request] = documentOf(format, byId.text, 'service_requests', 'request');
      expect(request).toMatchObject({
        service_request_id: id,
        status: 'open',
        service_code: 'environment.noise',
        service_name: '噪音污染',
        description: `夜间施工噪音扰民 (${format})`,
      });
      expect(request.requested_datetime).toMatch(ISO_WITH_ZONE);
      expect(Number(request.lat)).toBeCloseTo(28.19);
      expect(Number(request.long)).toBeCloseTo(112.97);

      const byToken = await get(`tokens/${created.token}.${format}?api_key=${OPEN311_KEY}`);
      expect(documentOf(format, byToken.text, 'service_requests', 'request')).toEqual([{ service_request_id: id, token: created.token }]);

      const ids = (path: string) =>
        get(path).then((response) =>
          documentOf(format, response.text, 'service_requests', 'request').map((found: any) => found.service_request_id),
        );
      expect(await ids(`requests.${format}?api_key=${OPEN311_KEY}`)).toContain(id);
      expect(await ids(`requests.${format}?api_key=${OPEN311_KEY}&service_request_id=${id},UG00000000000000`)).toEqual([id]);
      expect(await ids(`requests.${format}?api_key=${OPEN311_KEY}&service_code=environment.noise&status=open`)).toContain(id);
      expect(await ids(`requests.${format}?api_key=${OPEN311_KEY}&service_code=transport.taxi`)).not.toContain(id);
      expect(await ids(`requests.${format}?api_key=${OPEN311_KEY}&status=closed`)).not.toContain(id);
      const lastHour = new Date(Date.now() - 3600_000).toISOString();
      expect(await ids(`requests.${format}?api_key=${OPEN311_KEY}&start_date=${lastHour}`)).toContain(id);
      expect(await ids(`requests.${format}?api_key=${OPEN311_KEY}&end_date=${lastHour}`)).not.toContain(id);

      const updates = await get(`servicerequestupdates.${format}?api_key=${OPEN311_KEY}&start_date=${lastHour}`);
      expect(updates.status).toBe(200);
      const update = documentOf(format, updates.text, 'service_request_updates', 'request_update').find(
        (found: any) => found.service_request_id === id,
      );
      expect(update).toMatchObject({ update_id: expect.any(String), status: 'open' });
      expect(update.updated_datetime).toMatch(ISO_WITH_ZONE);

      // Another integrator sees none of it.
      expect((await get(`requests/${id}.${format}?api_key=${OTHER_KEY}`)).status).toBe(404);
      expect(await ids(`requests.${format}?api_key=${OTHER_KEY}`)).not.toContain(id);
    });

    const idsOf = (path: string) =>
      get(path).then((response) =>
        documentOf(format, response.text, 'service_requests', 'request').map((found: any) => found.service_request_id),
      );
    const updatesOf = async (query: string, id: string) => {
      const response = await get(`servicerequestupdates.${format}?api_key=${OPEN311_KEY}&${query}`);
      expect(response.status).toBe(200);
      return documentOf(format, response.text, 'service_request_updates', 'request_update').filter(
        (update: any) => update.service_request_id === id,
      );
    };
    const newRequest = async (description: string) => {
      const accepted = await post(`requests.${format}`, noiseRequest({ description }));
      expect(accepted.status).toBe(201);
      return documentOf(format, accepted.text, 'service_requests', 'request')[0].service_request_id as string;
    };

    it('bounds the updates by end_date too, and refuses more than 90 days with the error array', async () => {
      const before = new Date(Date.now() - 1000).toISOString();
      const id = await newRequest(`更新的时间窗 (${format})`);
      const lastHour = new Date(Date.now() - 3600_000).toISOString();
      const soon = new Date(Date.now() + 60_000).toISOString();
      // Dispatch may record the request's next step at any moment: its submission is the update known to be there.
      const updateIdsOf = async (query: string): Promise<string[]> =>
        (await updatesOf(query, id)).map((update: any) => update.update_id as string);
      const submitted = (await updateIdsOf(`start_date=${lastHour}&end_date=${soon}`)).find((updateId) => updateId.endsWith('.submitted'));
      expect(submitted).toBeDefined();
      expect(await updatesOf(`start_date=${lastHour}&end_date=${before}`, id)).toEqual([]);
      // end_date alone: the 90 days up to it.
      expect(await updateIdsOf(`end_date=${soon}`)).toContain(submitted);
      expect(await updatesOf(`end_date=${before}`, id)).toEqual([]);
      for (const query of ['start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z', 'end_date=2026-06-01']) {
        const response = await get(`servicerequestupdates.${format}?api_key=${OPEN311_KEY}&${query}`);
        expect({ query, status: response.status }).toEqual({ query, status: 400 });
        expect(errorsOf(format, response.text)).toEqual([{ code: 400, description: expect.stringMatching(/^end_date/) }]);
      }
    });

    it('searches the last 90 days when neither start_date nor end_date is given', async () => {
      const recent = await newRequest(`最近的请求 (${format})`);
      const old = await newRequest(`100 天前的请求 (${format})`);
      await db.query(`UPDATE intake.cases SET submitted_at = now() - interval '100 days' WHERE tracking_number = $1`, [old]);
      const found = await idsOf(`requests.${format}?api_key=${OPEN311_KEY}`);
      expect(found).toContain(recent);
      expect(found).not.toContain(old);
      const then = Date.now() - 100 * 86_400_000;
      const window = `start_date=${new Date(then - 3600_000).toISOString()}&end_date=${new Date(then + 3600_000).toISOString()}`;
      expect(await idsOf(`requests.${format}?api_key=${OPEN311_KEY}&${window}`)).toContain(old);
    });

    it('shows a request its requester withdrew as closed, with the withdrawal and its time, by id and in the updates', async () => {
      // Filed by this integrator on the native API, which gives the requester's verification code.
      const submitted = await call(
        stack,
        'intake',
        'POST',
        '/v1/cases',
        OPEN311_KEY,
        complaint(`夜间装修噪音，已协商解决 (${format})`, {
          categoryCode: 'environment.noise',
          requester: { name: '赵六', phone: `1391234${format === 'json' ? '0001' : '0002'}` },
          location: { lat: 28.19, long: 112.97 },
        }),
      );
      expect(submitted.status).toBe(201);
      const { id: caseId, trackingNumber: id, verificationCode } = submitted.body;
      // Withdrawn once assigned, so that the withdrawal is its last step.
      await waitFor('the case-assigned event', () => reader.on(Events.caseAssigned.topic, caseId).length > 0);
      await waitFor('the assignment in intake', async () => {
        const response = await get(`requests/${id}.json?api_key=${OPEN311_KEY}`);
        return JSON.parse(response.text)[0].agency_responsible ? true : undefined;
      });
      const withdrawn = await call(
        stack,
        'intake',
        'POST',
        `/v1/requests/${id}/withdrawal`,
        undefined,
        { reason: '已与邻居协商解决' },
        {
          authorization: `Tracking ${id}:${verificationCode}`,
        },
      );
      expect(withdrawn.status).toBe(201);
      const withdrawnAt: string = withdrawn.body.withdrawnAt;

      for (const [language, notes] of [
        ['zh-Hans', `诉求人已于 ${withdrawnAt} 撤回此诉求`],
        ['en', `Withdrawn by the requester at ${withdrawnAt}`],
      ]) {
        const response = await get(`requests/${id}.${format}?api_key=${OPEN311_KEY}`, { 'accept-language': language });
        expect(documentOf(format, response.text, 'service_requests', 'request')[0]).toMatchObject({
          service_request_id: id,
          status: 'closed',
          status_notes: notes,
          updated_datetime: withdrawnAt,
        });
      }
      expect(await idsOf(`requests.${format}?api_key=${OPEN311_KEY}&status=closed`)).toContain(id);
      expect(await idsOf(`requests.${format}?api_key=${OPEN311_KEY}&status=open`)).not.toContain(id);

      const lastHour = new Date(Date.now() - 3600_000).toISOString();
      const mine = await updatesOf(`start_date=${lastHour}`, id);
      const last = mine.at(-1);
      expect(last).toMatchObject({ status: 'closed', description: `诉求人已于 ${withdrawnAt} 撤回此诉求`, updated_datetime: withdrawnAt });
      expect(mine.filter((update: any) => update.status === 'closed')).toEqual([last]);
      expect(
        (await updatesOf(`start_date=${lastHour}&end_date=${new Date(Date.parse(withdrawnAt) - 1).toISOString()}`, id)).map(
          (update: any) => update.status,
        ),
      ).not.toContain('closed');
    });

    it('refuses a search spanning more than 90 days, or with a date without a time zone', async () => {
      for (const query of ['start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z', 'start_date=2026-01-01', 'status=pending']) {
        const response = await get(`requests.${format}?api_key=${OPEN311_KEY}&${query}`);
        expect({ query, status: response.status }).toEqual({ query, status: 400 });
        expect(errorsOf(format, response.text)).toEqual([{ code: 400, description: expect.any(String) }]);
      }
    });
  });

  it.each(FORMATS)(
    'follows a request through the loop in %s: agency, deadline, notice and notes as it moves, closed after the reply',
    async (format) => {
      const accepted = await post('requests.json', noiseRequest({ description: `工地夜间施工噪音 (${format} loop)` }));
      expect(accepted.status).toBe(201);
      const [created] = JSON.parse(accepted.text);
      const id: string = created.service_request_id;
      const assigned = await waitFor('the case-assigned event', () => {
        const messages = reader.on(Events.caseAssigned.topic, created.token);
        return messages.length > 0 ? decodeEvent(Events.caseAssigned, messages[0]).body : undefined;
      });
      const department = assigned.departmentCode;
      const requestWhen = (what: string, holds: (request: any) => boolean, language = 'zh-Hans') =>
        waitFor(what, async () => {
          const response = await get(`requests/${id}.${format}?api_key=${OPEN311_KEY}`, { 'accept-language': language });
          expect(response.status).toBe(200);
          const [request] = documentOf(format, response.text, 'service_requests', 'request');
          return holds(request) ? request : undefined;
        });
      const act = (action: string, body?: unknown) =>
        call(stack, 'processing', 'POST', `/v1/assignments/${assigned.assignmentId}/${action}`, KEYS.department(department), body);
      // XML has no null: an empty element.
      const none = format === 'json' ? null : '';

      const open = await requestWhen('the request assigned', (request) => request.agency_responsible === assigned.departmentName);
      expect(open).toMatchObject({ status: 'open', status_notes: '已分派至承办部门', service_notice: none });
      expect(Date.parse(open.expected_datetime)).toBeGreaterThan(Date.now());
      expect(open.updated_datetime).toMatch(ISO_WITH_ZONE);
      const english = await requestWhen('the request in English', () => true, 'en');
      expect(english.agency_responsible).toBe(assigned.departmentNames.en);
      expect(english.status_notes).toBe('Assigned to the handling department');

      // Processing may take the assignment a moment after intake shows it.
      await waitFor('processing to sign the assignment', async () => ((await act('sign')).status === 200 ? true : undefined));
      const waitUntil = new Date(Date.now() + 3 * 86_400_000).toISOString();
      expect((await act('clarification', { question: '请说明施工的具体时段', waitUntil })).status).toBe(200);
      const waiting = await requestWhen('the clarification', (request) => request.status_notes === '等待您补充说明');
      expect(waiting).toMatchObject({ status: 'open', service_notice: '请补充说明：请说明施工的具体时段' });
      expect((await act('clarification/answer', { answer: '每晚十点以后' })).status).toBe(200);
      expect((await act('reply', { text: '已责令施工单位夜间停工。', outcome: 'resolved' })).status).toBe(200);

      const closed = await requestWhen('the request closed', (request) => request.status === 'closed');
      expect(closed.status_notes).toMatch(/^已办结/);
      expect(Date.parse(closed.updated_datetime)).toBeGreaterThan(Date.parse(open.updated_datetime));
      const ids = (query: string) =>
        get(`requests.${format}?api_key=${OPEN311_KEY}&${query}`).then((response) =>
          documentOf(format, response.text, 'service_requests', 'request').map((found: any) => found.service_request_id),
        );
      expect(await ids('status=closed')).toContain(id);
      expect(await ids('status=open')).not.toContain(id);

      const lastHour = new Date(Date.now() - 3600_000).toISOString();
      const updates = await get(`servicerequestupdates.${format}?api_key=${OPEN311_KEY}&start_date=${lastHour}`);
      const mine = documentOf(format, updates.text, 'service_request_updates', 'request_update').filter(
        (update: any) => update.service_request_id === id,
      );
      expect(mine.map((update: any) => update.description)).toEqual(
        expect.arrayContaining(['已受理', '已分派至承办部门', '承办部门正在办理', '等待您补充说明', '已办结，已答复']),
      );
      expect(mine[0]).toMatchObject({ description: '已受理', status: 'open' });
      expect(mine.find((update: any) => update.description === '已办结，已答复').status).toBe('closed');
      const times = mine.map((update: any) => Date.parse(update.updated_datetime));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(new Set(mine.map((update: any) => update.update_id)).size).toBe(mine.length);
    },
  );

  it('submits through the same handler: the case-submitted event has channel Open311 and the service as its category', async () => {
    const accepted = await post('requests.json', noiseRequest({ description: '渣土车夜间通行噪音' }));
    const [created] = JSON.parse(accepted.text);
    await waitFor('the case-submitted event', () => reader.on(Events.caseSubmitted.topic, created.token).length > 0);
    const event = decodeEvent(Events.caseSubmitted, reader.on(Events.caseSubmitted.topic, created.token)[0]).body;
    expect(event).toMatchObject({
      trackingNumber: created.service_request_id,
      channel: Channel.OPEN311,
      categoryCode: 'environment.noise',
      description: '渣土车夜间通行噪音',
    });
    expect(event.location).toMatchObject({ lat: 28.19, long: 112.97 });
  });

  it('stores every value of a multi-value attribute (attribute[CODE][]) with the case', async () => {
    const accepted = await post(
      'requests.json',
      noiseRequest({
        description: '多种噪音来源',
        'attribute[SOURCE][]': ['traffic', 'business', 'construction'],
        'attribute[HOURS]': '4',
      }),
    );
    expect(accepted.status).toBe(201);
    const [created] = JSON.parse(accepted.text);
    const attributes = [
      { code: 'SOURCE', values: ['traffic', 'business', 'construction'] },
      { code: 'HOURS', values: ['4'] },
    ];
    const read = await call(stack, 'intake', 'GET', `/v1/cases/${created.token}`, OPEN311_KEY);
    expect(read.status).toBe(200);
    expect(read.body.channelDetails.attributes).toEqual(expect.arrayContaining(attributes));
    const { rows } = await db.query(`SELECT channel_details FROM intake.cases WHERE tracking_number = $1`, [created.service_request_id]);
    expect(rows[0].channel_details.attributes).toEqual(expect.arrayContaining(attributes));
    expect(rows[0].channel_details.attributes).toHaveLength(2);
  });

  it('honours Idempotency-Key on POST, as the native API does', async () => {
    const fields = noiseRequest({ description: '重试的请求' });
    const first = JSON.parse((await post('requests.json', fields, { 'idempotency-key': 'open311-retry-1' })).text);
    const again = JSON.parse((await post('requests.json', fields, { 'idempotency-key': 'open311-retry-1' })).text);
    expect(again[0].service_request_id).toBe(first[0].service_request_id);
    const other = await post('requests.json', { ...fields, description: '另一个请求' }, { 'idempotency-key': 'open311-retry-1' });
    expect(other.status).toBe(422);
    expect(JSON.parse(other.text)).toEqual([{ code: 422, description: expect.any(String) }]);
  });

  it("tells errors in the caller's language", async () => {
    const zh = JSON.parse((await get('services/nope.json')).text);
    const en = JSON.parse((await get('services/nope.json', { 'accept-language': 'en' })).text);
    expect(zh).toEqual([{ code: 404, description: '本接口没有服务 nope' }]);
    expect(en).toEqual([{ code: 404, description: 'service_code nope is not a service of this endpoint' }]);
  });

  it('answers a body it cannot read with the error array too, in the requested format', async () => {
    const invalid = await fetch(`${base}/requests.xml`, {
      method: 'POST',
      body: `api_key=${OPEN311_KEY}&description=%C4%E3%FF`,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=gbk', 'accept-language': 'en' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toContain('text/xml');
    expect(errorsOf('xml', await invalid.text())).toEqual([{ code: 400, description: expect.stringContaining('not valid gbk') }]);
    const unsupported = await fetch(`${base}/requests.json`, { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } });
    expect(unsupported.status).toBe(415);
    expect(unsupported.headers.get('content-language')).toBe('zh-Hans');
    expect(JSON.parse(await unsupported.text())).toEqual([{ code: 415, description: expect.any(String) }]);
  });

  it('takes a GBK-encoded form from a gateway', async () => {
    const gbk = (text: string) => [...iconv.encode(text, 'gbk')].map((byte: number) => `%${byte.toString(16).padStart(2, '0')}`).join('');
    const body = `api_key=${OPEN311_KEY}&service_code=urban.sanitation&address_string=${gbk('A市A2区桂花坪街道')}&description=${gbk('垃圾无人清运')}&first_name=${gbk('张三')}&phone=13712341234`;
    const response = await fetch(`${base}/requests.json`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=gbk' },
    });
    expect(response.status).toBe(201);
    const [created] = (await response.json()) as { service_request_id: string }[];
    const [request] = JSON.parse((await get(`requests/${created.service_request_id}.json?api_key=${OPEN311_KEY}`)).text);
    expect(request).toMatchObject({ description: '垃圾无人清运', address: 'A市A2区桂花坪街道' });
  });
});
